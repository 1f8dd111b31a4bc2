// Package ssaflow gives rules the SSA form of the package they check,
// for path-sensitive reasoning, without two costs that requiring
// x/tools' buildssa would bring to every gopitfalls driver:
//
//   - buildssa requires ctrlflow, whose noReturn facts make a driver
//     analyse every dependency from source. Here calls that never return
//     (os.Exit, log.Fatal, t.Fatal, panic, package functions that always
//     end in one of these) are recognised without facts, by the rules'
//     one predicate, rules/internal/noreturn.
//   - buildssa does not run on ill-typed packages, and a rule requiring
//     it then fails with "failed prerequisites". Here the result is nil
//     for an ill-typed package (a half-typed file in the editor), and
//     rules simply report nothing for it.
//
// As with buildssa, blocks after a call that never returns end in a
// synthetic panic, so they have no successors.
package ssaflow

import (
	"go/ast"
	"go/types"
	"reflect"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/pmap"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"
)

// Analyzer builds the SSA form of a well-typed package. Its result is a
// *Result, whose SSA is nil when the package has errors.
var Analyzer = &analysis.Analyzer{
	Name:             "gopitfalls_ssa",
	Doc:              "build SSA form for gopitfalls rules (nil for ill-typed packages)",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
}

// Of returns the SSA form of the pass's package, or nil when it could
// not be built (the package has errors).
func Of(pass *analysis.Pass) *buildssa.SSA {
	if r, _ := pass.ResultOf[Analyzer].(*Result); r != nil {
		return r.SSA
	}
	return nil
}

func run(pass *analysis.Pass) (result any, err error) {
	none := &Result{}
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

	l := acquire(pass.Pkg.Imports())
	prog := l.prog
	prog.Fset = pass.Fset
	prog.SetNoReturn(noreturn.New(pass.TypesInfo, pass.Files).Func)
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
	return &Result{SSA: &buildssa.SSA{Pkg: pkg, SrcFuncs: funcs}, lease: l}, nil
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

// Once reports whether v is computed at most once per call of its
// function: a parameter, a free variable, a constant, or an instruction
// in a block that is in no loop (inCycle, by block index, as Cycles
// returns it). Facts about such a value at two points of one path are
// about the same value.
func Once(v ssa.Value, inCycle []bool) bool {
	if instr, ok := v.(ssa.Instruction); ok {
		return instr.Block() != nil && !inCycle[instr.Block().Index]
	}
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Const:
		return true
	}
	return false
}

// Consistent reports whether a path can pass through a point where the
// facts e hold and then through points where each of others holds: no
// key that once accepts (its value is computed once) has facts that
// conflict at two of these points.
func Consistent[K, V comparable](e *pmap.Map[K, V], others []*pmap.Map[K, V], conflict func(x, y V) bool, once func(K) bool) bool {
	clash := func(k K, x, y V) bool { return conflict(x, y) && once(k) }
	for _, o := range others {
		if pmap.Conflict(*e, *o, clash) {
			return false
		}
	}
	return true
}
