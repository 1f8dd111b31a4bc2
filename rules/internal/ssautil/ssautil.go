// Package ssautil gives rules the SSA form of the package they check,
// for path-sensitive reasoning, without two costs that requiring
// x/tools' buildssa would bring to every gopitfalls driver:
//
//   - buildssa requires ctrlflow, whose noReturn facts make a driver
//     analyse every dependency from source. Here calls that never return
//     (os.Exit, log.Fatal, t.Fatal, panic, package functions that always
//     end in one of these) are recognised without facts: the standard
//     library and a few popular loggers by name, this package's own
//     functions by their go/cfg control-flow graphs, as ctrlflow does.
//   - buildssa does not run on ill-typed packages, and a rule requiring
//     it then fails with "failed prerequisites". Here the result is nil
//     for an ill-typed package (a half-typed file in the editor), and
//     rules simply report nothing for it.
//
// As with buildssa, blocks after a call that never returns end in a
// synthetic panic, so they have no successors.
package ssautil

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer builds the SSA form of a well-typed package. Its result is a
// *buildssa.SSA, nil when the package has errors.
var Analyzer = &analysis.Analyzer{
	Name:             "gopitfalls_ssa",
	Doc:              "build SSA form for gopitfalls rules (nil for ill-typed packages)",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*buildssa.SSA](),
}

// Of returns the SSA form of the pass's package, or nil when it could
// not be built (the package has errors).
func Of(pass *analysis.Pass) *buildssa.SSA {
	s, _ := pass.ResultOf[Analyzer].(*buildssa.SSA)
	return s
}

func run(pass *analysis.Pass) (result any, err error) {
	var none *buildssa.SSA
	if len(pass.TypeErrors) > 0 || pass.TypesInfo == nil || pass.Pkg == nil {
		return none, nil // go/ssa needs a well-typed package
	}
	defer func() {
		if recover() != nil {
			result, err = none, nil // incomplete syntax (a parse error): no SSA, no findings
		}
	}()
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if _, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); !ok {
					return none, nil // an incompletely typed declaration
				}
			}
		}
	}

	nr := newNoReturn(pass)
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	prog.SetNoReturn(nr.noReturn)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	var funcs []*ssa.Function
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue // not a function
			}
			if fn := prog.FuncValue(pass.TypesInfo.Defs[fd.Name].(*types.Func)); fn != nil {
				add(fn)
			}
		}
	}
	return &buildssa.SSA{Pkg: pkg, SrcFuncs: funcs}, nil
}

// noReturn decides which functions never return, for the SSA builder.
type noReturn struct {
	info  *types.Info
	decls map[*types.Func]*ast.FuncDecl // this package's functions
	state map[*types.Func]int           // 0 unknown, 1 in progress, 2 returns, 3 never returns
}

func newNoReturn(pass *analysis.Pass) *noReturn {
	nr := &noReturn{
		info:  pass.TypesInfo,
		decls: make(map[*types.Func]*ast.FuncDecl),
		state: make(map[*types.Func]int),
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					nr.decls[fn] = fd
				}
			}
		}
	}
	return nr
}

// noReturn reports whether a call of fn never returns.
func (nr *noReturn) noReturn(fn *types.Func) bool {
	if IsNoReturn(fn) {
		return true
	}
	fd, ok := nr.decls[fn]
	if !ok {
		return false // another package's function: only the known ones above
	}
	switch nr.state[fn] {
	case 1, 2:
		return false // a recursive call, or a function that returns
	case 3:
		return true
	}
	nr.state[fn] = 1
	g := cfg.New(fd.Body, nr.callMayReturn)
	if g.NoReturn() {
		nr.state[fn] = 3
		return true
	}
	nr.state[fn] = 2
	return false
}

// callMayReturn is go/cfg's callback: whether a call may return.
func (nr *noReturn) callMayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := nr.info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return false
		}
	}
	fn := typeutil.StaticCallee(nr.info, call)
	if fn == nil {
		return true // a dynamic call
	}
	return !nr.noReturn(fn)
}

// IsNoReturn reports whether fn is one of the functions outside the
// package being checked that are known never to return: os.Exit,
// log.Fatal and log.Panic (and their Logger methods), runtime.Goexit,
// testing's FailNow, Fatal and Skip families, and the Fatal/Exit
// functions of klog, zap and logrus. Kratos' log.Fatal logs and returns,
// so it is not among them.
func IsNoReturn(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path, name := fn.Pkg().Path(), fn.Name()
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		t := types.Unalias(r.Type())
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		if n, ok := t.(*types.Named); ok {
			recv = n.Obj().Name()
		}
	}
	in := func(names ...string) bool {
		for _, n := range names {
			if n == name {
				return true
			}
		}
		return false
	}
	switch path {
	case "os":
		return recv == "" && name == "Exit"
	case "syscall":
		return recv == "" && in("Exit", "ExitProcess", "ExitThread")
	case "runtime":
		return recv == "" && name == "Goexit"
	case "log":
		return (recv == "" || recv == "Logger") && in("Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln")
	case "testing":
		return (recv == "common" || recv == "T" || recv == "B" || recv == "F") &&
			in("FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf")
	case "k8s.io/klog", "k8s.io/klog/v2", "github.com/golang/glog":
		return recv == "" && in("Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln")
	case "go.uber.org/zap":
		return recv == "Logger" && in("Fatal", "Panic") ||
			recv == "SugaredLogger" && in("Fatal", "Fatalw", "Fatalf", "Fatalln", "Panic", "Panicw", "Panicf", "Panicln")
	case "github.com/sirupsen/logrus":
		return (recv == "" || recv == "Logger" || recv == "Entry") &&
			in("Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln", "Exit")
	}
	return false
}

// ReversePostorder returns the blocks reachable from the entry (and the
// recover block) in reverse postorder.
func ReversePostorder(fn *ssa.Function) []*ssa.BasicBlock {
	seen := make([]bool, len(fn.Blocks))
	var post []*ssa.BasicBlock
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		seen[b.Index] = true
		for _, s := range b.Succs {
			if !seen[s.Index] {
				visit(s)
			}
		}
		post = append(post, b)
	}
	visit(fn.Blocks[0])
	if fn.Recover != nil && !seen[fn.Recover.Index] {
		visit(fn.Recover)
	}
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	return post
}

// Cycles reports for each block whether it is in a loop: reachable
// from one of its successors. It finds the strongly connected components
// of the control flow graph (Tarjan's algorithm, in time linear in the
// size of the function): a block is in a loop when its component has
// another block, or it is its own successor.
func Cycles(fn *ssa.Function) []bool {
	n := len(fn.Blocks)
	in := make([]bool, n)
	index := make([]int, n) // order of discovery, from 1; 0: not yet
	low := make([]int, n)
	onStack := make([]bool, n)
	var stack []*ssa.BasicBlock
	next := 0
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		next++
		index[b.Index], low[b.Index] = next, next
		stack = append(stack, b)
		onStack[b.Index] = true
		for _, s := range b.Succs {
			switch {
			case index[s.Index] == 0:
				visit(s)
				low[b.Index] = min(low[b.Index], low[s.Index])
			case onStack[s.Index]:
				low[b.Index] = min(low[b.Index], index[s.Index])
			}
			if s == b {
				in[b.Index] = true
			}
		}
		if low[b.Index] != index[b.Index] {
			return // not the root of its component
		}
		i := len(stack) - 1
		for stack[i] != b {
			i--
		}
		for _, c := range stack[i:] {
			onStack[c.Index] = false
			if len(stack)-i > 1 {
				in[c.Index] = true
			}
		}
		stack = stack[:i]
	}
	for _, b := range fn.Blocks {
		if index[b.Index] == 0 {
			visit(b)
		}
	}
	return in
}
