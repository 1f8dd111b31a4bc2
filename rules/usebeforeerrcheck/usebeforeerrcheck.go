package usebeforeerrcheck

import (
	"embed"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the use-before-err-check rule.
var Rule = rule.Define(rule.Spec{
	ID:       "use-before-err-check",
	InTests:  rule.Hint, // a nil panic fails the test, loudly but harmlessly
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	// derefFact: exported methods that dereference their pointer receiver.
	FactTypes: []analysis.Fact{new(derefFact)},
	Run:       run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, opts *rule.Options) error {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := newChecker(pass, opts, in)
	focus := rule.FocusOf(pass)
	if focus.Facts() {
		c.exportDerefFacts() // derefsReceiver's answers do not depend on it
	}
	for cur := range in.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		if !focus.Has(cur.Node().Pos()) {
			continue // the uses it finds are in its function, whose findings would not be shown
		}
		a, ok := c.assignmentOf(cur)
		if !ok {
			continue // not `v, err := f()` with a nilable v
		}
		c.check(a)
	}
	c.report()
	c.checkFromError()
	return nil
}

// An assignment is `v, err := f()` with the nilable variables it tracks.
type assignment struct {
	cur  inspector.Cursor // the *ast.AssignStmt or *ast.ValueSpec
	node ast.Node
	call *ast.CallExpr
	vars []*trackedVar // nilable results, in order
	err  *types.Var
	fn   *funcInfo
	name string // how the message names the callee
}

// A trackedVar is a nilable result variable of an assignment.
type trackedVar struct {
	v     *types.Var
	index int     // its result index
	state nilness // what the callee returns for it on failure
}

// nilness is what the callee is known to return for v when it fails.
type nilness int

const (
	mayBeNil nilness = iota
	nilOnFailure
	notNil
)

// assignmentOf returns the assignment at cur when it assigns the results
// of one call, the last of type error, to local variables of which at
// least one is nilable.
func (c *checker) assignmentOf(cur inspector.Cursor) (*assignment, bool) {
	var lhs []*ast.Ident
	var rhs ast.Expr
	switch n := cur.Node().(type) {
	case *ast.AssignStmt:
		if len(n.Rhs) != 1 || len(n.Lhs) < 2 || (n.Tok != token.DEFINE && n.Tok != token.ASSIGN) {
			return nil, false // not the results of one call
		}
		for _, e := range n.Lhs {
			id, ok := e.(*ast.Ident)
			if !ok {
				id = nil // a field or element: not tracked, but keeps the position
			}
			lhs = append(lhs, id)
		}
		rhs = n.Rhs[0]
	case *ast.ValueSpec:
		if len(n.Values) != 1 || len(n.Names) < 2 {
			return nil, false // not the results of one call
		}
		lhs = n.Names
		rhs = n.Values[0]
	}
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return nil, false // a receive, an index or an assertion: no err
	}
	tuple, ok := c.info.TypeOf(call).(*types.Tuple)
	if !ok || tuple.Len() != len(lhs) || !isErrorType(tuple.At(tuple.Len()-1).Type()) {
		return nil, false // ill-typed, or the last result is no error
	}
	errID := lhs[len(lhs)-1]
	if errID == nil {
		return nil, false // err is a field or an element
	}
	errVar := c.localVar(errID)
	if errVar == nil || !isErrorType(errVar.Type()) {
		return nil, false // err is blank, a field or a package variable
	}
	fnCur, ok := typesutil.OuterFunc(cur)
	if !ok {
		return nil, false // package level: no statements follow
	}
	fi := c.funcInfo(fnCur)
	a := &assignment{cur: cur, node: cur.Node(), call: call, err: errVar, fn: fi}
	for i, id := range lhs[:len(lhs)-1] {
		if id == nil {
			continue // a field or element
		}
		v := c.localVar(id)
		if v == nil || !isTrackable(v.Type()) || !typesutil.IsNilable(tuple.At(i).Type()) {
			continue // blank, not local, or cannot be nil
		}
		if fi.addrTaken[v] {
			continue // other code may assign it through a pointer
		}
		if types.IsInterface(v.Type()) && !types.IsInterface(tuple.At(i).Type()) {
			continue // an interface holding a typed nil is not nil
		}
		a.vars = append(a.vars, &trackedVar{v: v, index: i})
	}
	if len(a.vars) == 0 {
		return nil, false
	}
	a.name = calleeName(c.info, call)
	return a, true
}

// isErrorType reports whether t is error, or a pointer (or other nilable
// type) implementing it, such as *v2error.Error.
func isErrorType(t types.Type) bool {
	return typesutil.IsError(t) || typesutil.ImplementsError(t) && typesutil.IsNilable(t)
}

// localVar returns the local variable id denotes, or nil.
func (c *checker) localVar(id *ast.Ident) *types.Var {
	if id.Name == "_" {
		return nil
	}
	return typesutil.LocalVar(c.info, id)
}

// isTrackable reports whether values of type t can be nil and the rule
// knows what panics on them: not type parameters, whose operations
// depend on the instantiation.
func isTrackable(t types.Type) bool {
	if t == nil || !typesutil.IsNilable(t) {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.UnsafePointer {
		return false // nothing selects through or indexes an unsafe.Pointer
	}
	return true
}

// calleeName returns how messages name the function a call calls: its
// expression when that is a short selector chain, else its name.
func calleeName(info *types.Info, call *ast.CallExpr) string {
	if isSelectorChain(call.Fun) {
		if s := types.ExprString(call.Fun); len(s) <= 40 {
			return s
		}
	}
	if fn := typesutil.Callee(info, call); fn != nil {
		return fn.Name()
	}
	return "the call"
}

// isSelectorChain reports whether e is an identifier or a chain of
// selectors on one.
func isSelectorChain(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isSelectorChain(e.X)
	}
	return false
}

// check walks the control flow from the assignment for each of its
// variables and records the uses it finds.
func (c *checker) check(a *assignment) {
	g := a.fn.graph(c)
	if g == nil {
		return // no body
	}
	blk, idx, ok := a.fn.locate(a.node)
	if !ok || !blk.Live {
		return // dead code, or a statement go/cfg does not list
	}
	for _, tv := range a.vars {
		if fn := typesutil.Callee(c.info, a.call); fn != nil {
			tv.state = c.failureNilness(fn, tv.index)
		}
		if tv.state == notNil {
			continue // the callee never returns nil with an error
		}
		w := &walker{c: c, a: a, tv: tv, v: tv.v}
		w.walk(a.fn, blk, idx+1, path{}, direct, 0)
	}
}

// A finding is one use to report.
type finding struct {
	a    *assignment
	tv   *trackedVar
	use  ast.Expr // the expression that panics
	node ast.Node // the CFG node (statement or condition) holding it
	p    path
	ctx  useCtx
}

// rank orders findings of one use: an unchecked path is the clearest
// explanation, then a lost err, then a non-leaving check.
func (f *finding) rank() int {
	switch f.p.st {
	case unchecked:
		return 0
	case lost:
		return 1
	}
	return 2
}

func (c *checker) record(f *finding) {
	if old, ok := c.findings[f.use]; ok && old.rank() <= f.rank() {
		return // already reported with an as good or better explanation
	}
	c.findings[f.use] = f
}

// report emits the findings in source order, with fixes.
func (c *checker) report() {
	list := make([]*finding, 0, len(c.findings))
	for _, f := range c.findings {
		list = append(list, f)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].use.Pos() < list[j].use.Pos() })
	for _, f := range list {
		d := analysis.Diagnostic{
			Pos:     f.use.Pos(),
			End:     f.use.End(),
			Message: rule.Say(c.pass, c.message(f)),
		}
		if fix, ok := c.fixFor(f); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.pass.Report(d)
	}
}

// message explains a finding: what is used, on which path, and why v may
// be nil there.
func (c *checker) message(f *finding) rule.Text {
	v, fn := f.tv.v.Name(), f.a.name
	nilText := msgMayBeNil.With(v, fn)
	if f.tv.state == nilOnFailure {
		nilText = msgIsNil.With(v, fn)
	}
	switch f.p.st {
	case lost:
		return msgOverwritten.With(v, fn, nilText)
	case failed:
		if f.p.fatal {
			return msgFatalGoesOn.With(v, nilText)
		}
		return msgCheckGoesOn.With(v, nilText)
	}
	switch f.ctx {
	case deferred:
		return msgDeferred.With(v, fn, nilText)
	case goroutine:
		return msgGoroutine.With(v, nilText)
	}
	return msgBeforeCheck.With(v, nilText)
}
