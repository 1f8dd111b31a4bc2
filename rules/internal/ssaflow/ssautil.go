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
	"slices"
	"strings"
	"sync"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/pmap"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ssa"
)

// Analyzer builds the SSA form of a well-typed package. Its result is a
// *Result, whose SSA is nil when the package has errors.
//
// For a pass whose Focus is some files of the package and whose facts
// nobody reads (an edit in the language server), it first builds the
// bodies of those files' functions only: the other functions are
// declared, as functions without a body are, and building them is most
// of the work on a package of many files. Rules see the form through Run,
// which builds the rest when a rule asks for it.
var Analyzer = &analysis.Analyzer{
	Name:             "gopitfalls_ssa",
	Doc:              "build SSA form for gopitfalls rules (nil for ill-typed packages)",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
	// inspect: for the rules' Setters (ssapath's search of the syntax).
	Requires: []*analysis.Analyzer{rule.FocusAnalyzer, inspect.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	if len(pass.TypeErrors) > 0 || pass.TypesInfo == nil || pass.Pkg == nil {
		return &Result{}, nil // go/ssa needs a well-typed package
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if _, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); !ok {
					return &Result{}, nil // an incompletely typed declaration
				}
			}
		}
	}
	focus := rule.FocusOf(pass)
	if focus.All() || focus.Facts() {
		return build(pass, nil, request{}), nil
	}
	key := focusKey(pass.Pkg, focus)
	mem := recall(key)
	whole, asked := mem.next()
	if whole {
		return build(pass, nil, request{}), nil
	}
	r := build(pass, focus, resolve(pass, asked))
	r.pass, r.focus, r.mem = pass, focus, mem
	return r, nil
}

// focusKey names the focus of an analysis of pkg.
func focusKey(pkg *types.Package, focus *rule.Focus) string {
	var b strings.Builder
	b.WriteString(pkg.Path())
	for _, f := range focus.Files() {
		b.WriteByte(0)
		b.WriteString(f.Name())
	}
	return b.String()
}

// What the rules asked a focus's partial form for is likely what they
// ask for again on the next edit of the same code. So a focus (its
// package and files) remembers it: the bodies and setters asked for are
// built from the start of its next analyses, by the names that survive
// a type-check (see names); after it needed the whole form, its next
// skipPartial analyses build the whole form at once, and then the
// partial form is tried again, as the edits may have removed the need.
const skipPartial = 7

var memories sync.Map // focusKey → *memory

// A memory is what a focus's analyses asked for.
type memory struct {
	mu    sync.Mutex
	skip  int   // analyses still to build the whole form at once
	asked names // bodies and setters, from the start
}

// recall returns the memory of the focus key.
func recall(key string) *memory {
	m, _ := memories.LoadOrStore(key, new(memory))
	return m.(*memory)
}

// next says how to build the focus's next form: whole at once, or
// partial with what was asked.
func (m *memory) next() (whole bool, asked names) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.skip > 0 {
		m.skip--
		return true, names{}
	}
	return false, m.asked
}

// neededWhole records that a rule needed the whole form.
func (m *memory) neededWhole() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.skip = skipPartial
}

// add records that a rule asked for n.
func (m *memory) add(n names) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.asked = m.asked.merge(n)
}

// build builds the SSA form of the pass's package; unless focus is nil,
// with the bodies of only the functions in focus, and those q asks for.
func build(pass *analysis.Pass, focus *rule.Focus, q request) (r *Result) {
	files := pass.Files
	var stripped map[*types.Func]bool
	var vars map[*types.Var]bool
	if focus != nil {
		files, stripped = withoutBodies(pass, focus, q.keep(pass))
		vars = make(map[*types.Var]bool)
		for _, v := range q.vars {
			vars[v] = true
		}
	}
	l := acquire(pass.Pkg.Imports())
	defer func() {
		if recover() != nil {
			r = &Result{} // incomplete syntax (a parse error): no SSA, no findings
		}
	}()
	prog := l.prog
	prog.Fset = pass.Fset
	prog.SetNoReturn(noreturn.New(pass.TypesInfo, pass.Files).Func)
	pkg := prog.CreatePackage(pass.Pkg, files, pass.TypesInfo, false)
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
			obj := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if stripped[obj] {
				continue // built without its body
			}
			if fn := prog.FuncValue(obj); fn != nil {
				add(fn)
			}
		}
	}
	return &Result{SSA: &buildssa.SSA{Pkg: pkg, SrcFuncs: funcs}, lease: l, stripped: stripped, vars: vars}
}

// withoutBodies returns the files of the pass, those outside focus with
// the bodies of their functions not in keep left out, and the functions
// left without. The files and declarations are copies: the pass's syntax
// is shared.
func withoutBodies(pass *analysis.Pass, focus *rule.Focus, keep map[*types.Func]bool) ([]*ast.File, map[*types.Func]bool) {
	files := make([]*ast.File, len(pass.Files))
	stripped := make(map[*types.Func]bool)
	for i, f := range pass.Files {
		files[i] = f
		if focus.HasFile(f) {
			continue
		}
		c := *f
		c.Decls = slices.Clone(f.Decls)
		for j, d := range c.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue // not a function, or one without a body anyway
			}
			obj := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if keep[obj] {
				continue // a body a rule needs
			}
			bodiless := *fd
			bodiless.Body = nil
			c.Decls[j] = &bodiless
			stripped[obj] = true
		}
		files[i] = &c
	}
	return files, stripped
}

// A Form is the SSA form of a package as a rule sees it in Run: its
// SrcFuncs are the functions (and function literals) in the pass's Focus,
// or all the package's.
type Form struct {
	*buildssa.SSA
	stripped map[*types.Func]bool // nil: the whole package's form
	vars     map[*types.Var]bool  // whose setters it has (see NeedVars)
}

// needWhole is what a partial form panics with when a rule asks for the
// whole form; needBody, for the body of a function it left out;
// needVars, for the setters of variables.
type (
	needWhole struct{}
	needBody  struct{ fn *types.Func }
	needVars  struct {
		vars    []*types.Var
		setters Setters
	}
)

// NeedWhole says that the rule is about to use what only the whole
// package's form holds: its other functions' code (the package's
// globals, the channels its functions share, what an exported function
// returns). On a partial form, the rule's run stops there, and Run starts
// it over on the whole form.
func (f *Form) NeedWhole() {
	if f.stripped != nil {
		panic(needWhole{})
	}
}

// NeedVars says that the rule is about to ask what the package does
// with vars (struct fields, package-level variables), which only the
// functions that may set them can tell: setters finds those (see
// ssapath.Globals, whose knowledge this is). On a partial form without
// all of their bodies, the rule's run stops there, and Run starts it
// over on a form with them.
func (f *Form) NeedVars(vars []*types.Var, setters Setters) {
	if f.stripped == nil {
		return
	}
	for _, v := range vars {
		if !f.vars[v.Origin()] {
			panic(needVars{vars, setters})
		}
	}
}

// HasBody reports whether fn, a function of the package or another,
// has a body in SSA form. Asked of a function of the package built
// without its body (see Analyzer), it stops the rule's run, as NeedWhole
// does, and Run starts it over on a form with that body, and those of
// the functions it calls.
func (f *Form) HasBody(fn *ssa.Function) bool {
	if len(fn.Blocks) > 0 {
		return true
	}
	if f.stripped != nil {
		o := fn
		if fn.Origin() != nil {
			o = fn.Origin() // an instance of a generic function
		}
		if obj, ok := o.Object().(*types.Func); ok && f.stripped[obj] {
			panic(needBody{obj})
		}
	}
	return false
}

// Run runs check on the SSA form of the pass's package, a rule's run; it
// does nothing for a package without one (an ill-typed package). With
// the bodies of the focused functions only (see Analyzer), check runs
// Tentatively: if it asks for more (Form.NeedWhole, Form.HasBody,
// Form.NeedVars), its
// findings are dropped and it runs again on a form that has it; the
// whole form is built once for every rule that asks.
func Run(pass *analysis.Pass, check func(*Form) error) error {
	r, _ := pass.ResultOf[Analyzer].(*Result)
	if r == nil || r.SSA == nil {
		return nil
	}
	var q request // what check asked for, so far
	form := r
	for form.stripped != nil {
		var err error
		var more any // what check asked for this time, if anything
		held := rule.Tentatively(pass, func() (keep bool) {
			defer func() {
				if v := recover(); v != nil {
					switch v.(type) {
					case needWhole, needBody, needVars:
						more = v // and keep is false
					default:
						panic(v) // the rule's own: on its way, its stack still below
					}
				}
			}()
			err = check(&Form{SSA: form.SSA, stripped: form.stripped, vars: form.vars})
			return true
		})
		switch m := more.(type) {
		case nil:
			if held {
				return err
			}
			form = r.wholeForm() // its findings cannot be held back: one run, on all
		case needBody:
			q = q.add(m.fn, nil, nil)
			form = r.more(q)
		case needVars:
			q = q.add(nil, m.vars, m.setters)
			form = r.more(q)
		default:
			form = r.wholeForm()
		}
		if form.SSA == nil {
			return nil // go/ssa failed on the package after all
		}
	}
	return check(&Form{SSA: form.SSA})
}

// maxAsked bounds what one rule's run asks a partial form for, a
// function's body or a variable's setters at a time, each a new form: past
// it, the rule gets the whole form.
const maxAsked = 4

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
