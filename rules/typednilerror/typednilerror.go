package typednilerror

import (
	"embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the typed-nil-error rule.
var Rule = rule.Define(rule.Spec{
	ID:       "typed-nil-error",
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer, ssaflow.Analyzer},
	// nilResultFact: exported functions that may return a nil pointer.
	FactTypes: []analysis.Fact{new(nilResultFact)},
	Run:       run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

type checker struct {
	pass    *analysis.Pass
	form    *ssaflow.Form
	pkg     *ssa.Package
	returns map[token.Pos]inspector.Cursor // return statements by position
	flows   map[*ssa.Function]*flow
	mayNil  map[calleeResult]int // 1 being computed, 2 never nil, 3 may be nil
	// nilFields are the fields the package leaves nil somewhere, found on
	// first use (see leftNil).
	nilFields map[*types.Var]bool
}

type calleeResult struct {
	fn *ssa.Function
	i  int
}

// A srcKind is why a value is nil.
type srcKind int

const (
	srcConst  srcKind = iota // the constant nil: a variable never assigned on that path
	srcAssert                // a failed comma-ok type assertion
	srcCall                  // a function that returns nil
	srcField                 // a pointer field that the package leaves nil somewhere
)

// A nilSource says why a returned value can be nil.
type nilSource struct {
	kind   srcKind
	always bool          // the value is nil on every path (no phi on the way)
	callee *ssa.Function // for srcCall
	// sev is the finding's severity when below the rule's: information
	// for a field that nothing in the package is seen to leave nil.
	sev rule.Severity
}

func run(pass *analysis.Pass, opts *rule.Options) error {
	// An ill-typed package has no SSA form: no findings.
	return ssaflow.Run(pass, func(prog *ssaflow.Form) error {
		check(pass, opts, prog)
		return nil
	})
}

// check reports the returns of the pass's focus that give a typed nil,
// and exports the package's facts when they are read.
func check(pass *analysis.Pass, opts *rule.Options, prog *ssaflow.Form) {
	c := &checker{
		pass:    pass,
		form:    prog,
		pkg:     prog.Pkg,
		returns: make(map[token.Pos]inspector.Cursor),
		flows:   make(map[*ssa.Function]*flow),
		mayNil:  make(map[calleeResult]int),
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.ReturnStmt)(nil)) {
		c.returns[cur.Node().Pos()] = cur
	}
	var diags []finding
	focus := rule.FocusOf(pass)
	for _, fn := range prog.SrcFuncs {
		if !focus.Has(fn.Pos()) {
			continue // its findings would not be shown; the facts below need no report
		}
		diags = append(diags, c.checkFunc(fn)...)
	}
	sort.Slice(diags, func(i, j int) bool { return diags[i].d.Pos < diags[j].d.Pos })
	for _, f := range diags {
		rule.ReportAt(pass, f.sev, f.d)
	}
	if focus.Facts() {
		prog.NeedWhole()
		c.exportFacts(prog.SrcFuncs) // after the findings, which read none of them
	}
	// (Only candidates in SrcFuncs are reported: those in the focus, or
	// in the whole package.)
	c.checkGRPCCompares(opts, prog.SrcFuncs)
}

// A finding is a diagnostic and its severity (Off: the rule's).
type finding struct {
	d   analysis.Diagnostic
	sev rule.Severity
}

// flowOf returns the facts of fn, computed once.
func (c *checker) flowOf(fn *ssa.Function) *flow {
	if fl, ok := c.flows[fn]; ok {
		return fl
	}
	var fl *flow
	if len(fn.Blocks) > 0 {
		var err error
		if fl, err = analyze(fn); err != nil {
			rule.GiveUp(c.pass, fn.Pos(), fmt.Sprintf("%s: %v", fn.Name(), err))
		}
	}
	c.flows[fn] = fl
	return fl
}

// checkFunc returns the findings of the return statements of fn.
func (c *checker) checkFunc(fn *ssa.Function) []finding {
	results := fn.Signature.Results()
	var ifaces []int
	for i := 0; i < results.Len(); i++ {
		if isMethodInterface(results.At(i).Type()) {
			ifaces = append(ifaces, i)
		}
	}
	if len(ifaces) == 0 {
		return nil // no interface results
	}
	fl := c.flowOf(fn)
	if fl == nil {
		return nil // the facts did not settle: say nothing rather than guess
	}
	var out []finding
	for _, b := range fn.Blocks {
		f := fl.out[b.Index]
		if f == nil || len(b.Instrs) == 0 {
			continue // unreachable
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != results.Len() {
			continue // not a return
		}
		cur, ok := c.returns[ret.Pos()]
		if !ok {
			continue // no syntax
		}
		for _, i := range ifaces {
			if c.failsWith(fl, fn, ret, i, f) {
				continue // (nil, err): callers do not look at the value when err != nil
			}
			v := ret.Results[i]
			x, src := c.typedNil(fl, v, f, newWalk(f))
			if src == nil {
				continue // never a nil concrete value here
			}
			if src.kind == srcField && !typesutil.IsError(results.At(i).Type()) {
				continue // a field returned as another interface: an invariant of its type, as a rule
			}
			d, sev := c.diagnostic(cur, fn, i, x, src), src.sev
			if !typesutil.IsError(results.At(i).Type()) && usableNil(x.Type()) {
				// A nil slice or map behind another interface still
				// works (an empty one); only a comparison with nil is
				// surprised. An error is compared with nil by every
				// caller, so there it stays a warning. No fix: a nil
				// interface in its place would panic where the empty
				// value worked.
				sev, d.SuggestedFixes = rule.Information, nil
			}
			out = append(out, finding{d, sev})
			break // one finding per return statement
		}
	}
	return out
}

// A walk is the state of a search through phis: the phis being visited
// and the facts of the points the path goes through later.
type walk struct {
	visiting map[*ssa.Phi]bool
	later    []facts
	steps    int // phi edges followed, to bound the work on huge functions
}

func newWalk(use facts) *walk {
	return &walk{visiting: make(map[*ssa.Phi]bool), later: []facts{use}}
}

// typedNil reports whether the interface value v, at a point where f
// holds, can hold a nil concrete value, and returns that value (as it
// was converted) and why it is nil.
func (c *checker) typedNil(fl *flow, v ssa.Value, f facts, w *walk) (ssa.Value, *nilSource) {
	switch v := v.(type) {
	case *ssa.MakeInterface:
		if !isNilable(v.X.Type()) {
			return nil, nil
		}
		return v.X, c.nilSourceOf(fl, v.X, f, w)
	case *ssa.ChangeInterface:
		return c.typedNil(fl, v.X, f, w)
	case *ssa.UnOp:
		if stored := resultStored(v); stored != nil {
			return c.typedNil(fl, stored, f, w)
		}
	case *ssa.Phi:
		if w.visiting[v] || len(w.visiting) > 8 || w.steps > 1000 {
			return nil, nil // a loop, or too much work
		}
		w.visiting[v] = true
		defer delete(w.visiting, v)
		for i, e := range v.Edges {
			w.steps++
			ef := fl.edge(v.Block().Preds[i], v.Block())
			if ef == nil || !fl.consistent(ef, w.later) {
				continue // no path to the use takes this edge
			}
			w.later = append(w.later, ef)
			x, src := c.typedNil(fl, e, ef, w)
			w.later = w.later[:len(w.later)-1]
			if src != nil {
				return x, &nilSource{kind: src.kind, callee: src.callee, sev: src.sev}
			}
		}
	}
	return nil, nil
}

// nilSourceOf returns why the concrete value x can be nil at a point
// where f holds, or nil when it cannot be shown to be.
func (c *checker) nilSourceOf(fl *flow, x ssa.Value, f facts, w *walk) *nilSource {
	switch factOf(f, x) {
	case notNil:
		return nil // checked on the way
	case isNil:
		return &nilSource{kind: srcConst, always: true} // compared with nil on the way: a parameter's own nil path
	}
	switch x := x.(type) {
	case *ssa.Const:
		if x.IsNil() {
			return &nilSource{kind: srcConst, always: true}
		}
	case *ssa.UnOp:
		if stored := resultStored(x); stored != nil {
			return c.nilSourceOf(fl, stored, f, w)
		}
		return c.fieldNil(x, f)
	case *ssa.Phi:
		if w.visiting[x] || len(w.visiting) > 8 || w.steps > 1000 {
			return nil // a loop, or too much work
		}
		w.visiting[x] = true
		defer delete(w.visiting, x)
		for i, e := range x.Edges {
			w.steps++
			ef := fl.edge(x.Block().Preds[i], x.Block())
			if ef == nil || !fl.consistent(ef, w.later) {
				continue // no path to the use takes this edge
			}
			w.later = append(w.later, ef)
			src := c.nilSourceOf(fl, e, ef, w)
			w.later = w.later[:len(w.later)-1]
			if src != nil {
				return &nilSource{kind: src.kind, callee: src.callee, sev: src.sev}
			}
		}
	case *ssa.Extract:
		switch t := x.Tuple.(type) {
		case *ssa.TypeAssert:
			if x.Index != 0 || !t.CommaOk {
				return nil
			}
			for _, ref := range *t.Referrers() {
				if ok, isExtract := ref.(*ssa.Extract); isExtract && ok.Index == 1 && factOf(f, ok) == isTrue {
					return nil // the assertion succeeded on this path
				}
			}
			return &nilSource{kind: srcAssert}
		case *ssa.Call:
			return c.callNil(t, x.Index)
		}
	case *ssa.Call:
		return c.callNil(x, 0)
	}
	return nil
}

// callNil returns why result i of call can be nil: the function of this
// package returns nil there on some path, or the other package's function
// was found to when that package was analysed (its nilResultFact).
func (c *checker) callNil(call *ssa.Call, i int) *nilSource {
	if callee := c.localCallee(call); callee != nil {
		if c.mayReturnNil(callee, i) {
			return &nilSource{kind: srcCall, callee: callee}
		}
		return nil
	}
	if callee := call.Call.StaticCallee(); callee != nil && c.importedMayNil(callee, i) {
		return &nilSource{kind: srcCall, callee: callee}
	}
	return nil
}

// resultStored returns the value a return statement stored in a result
// slot, when v loads it back after running the deferred calls: go/ssa
// returns through such slots in functions with defer statements. It
// returns nil when a deferred closure may have changed the slot.
func resultStored(v *ssa.UnOp) ssa.Value {
	slot, ok := v.X.(*ssa.Alloc)
	if !ok || v.Op != token.MUL || v.Block() == nil {
		return nil
	}
	instrs := v.Block().Instrs
	i := 0
	for i < len(instrs) && instrs[i] != ssa.Instruction(v) {
		i++
	}
	for i--; i >= 0; i-- {
		switch instr := instrs[i].(type) {
		case *ssa.RunDefers:
			fn := v.Parent()
			for _, b := range fn.Blocks {
				for _, in := range b.Instrs {
					if d, ok := in.(*ssa.Defer); ok {
						if _, closure := d.Call.Value.(*ssa.MakeClosure); closure {
							return nil // a deferred closure may set the result
						}
					}
				}
			}
		case *ssa.Store:
			if instr.Addr == slot {
				return instr.Val
			}
			return nil
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	return nil
}

// localCallee returns the function of this package that call statically
// calls, or nil.
func (c *checker) localCallee(call *ssa.Call) *ssa.Function {
	fn := call.Call.StaticCallee()
	if fn == nil {
		return nil
	}
	if len(fn.Blocks) == 0 && fn.Origin() != nil {
		fn = fn.Origin() // an instance of a generic function
	}
	if fn.Pkg != c.pkg || !c.form.HasBody(fn) {
		return nil // another package's function: not looked into
	}
	return fn
}

// mayReturnNil reports whether fn returns nil as its result i on some
// path.
func (c *checker) mayReturnNil(fn *ssa.Function, i int) bool {
	key := calleeResult{fn, i}
	switch c.mayNil[key] {
	case 1, 2:
		return false // recursion, or never nil
	case 3:
		return true
	}
	c.mayNil[key] = 1
	result := false
	if fl := c.flowOf(fn); fl != nil {
		for _, b := range fn.Blocks {
			f := fl.out[b.Index]
			if f == nil || len(b.Instrs) == 0 {
				continue // unreachable
			}
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || i >= len(ret.Results) {
				continue // not a return
			}
			if c.failsWith(fl, fn, ret, i, f) {
				continue // a nil value with an error is no value
			}
			if nilParam(fn, f) {
				continue // nil in, nil out: `if err == nil { return nil }` passes a nil argument through
			}
			if src := c.nilSourceOf(fl, ret.Results[i], f, newWalk(f)); src != nil && src.kind != srcField {
				result = true // (a field is judged where it is returned as an interface)
				break
			}
		}
	}
	c.mayNil[key] = 2
	if result {
		c.mayNil[key] = 3
	}
	return result
}

// nilParam reports whether f says that a parameter of fn (the receiver
// among them) is nil.
func nilParam(fn *ssa.Function, f facts) bool {
	for _, p := range fn.Params {
		if factOf(f, p) == isNil {
			return true
		}
	}
	return false
}

// failsWith reports whether ret, in a function whose last result is an
// error, returns a non-nil error alongside result i (which is not that
// error): by convention the caller then ignores result i.
func (c *checker) failsWith(fl *flow, fn *ssa.Function, ret *ssa.Return, i int, f facts) bool {
	results := fn.Signature.Results()
	last := results.Len() - 1
	if i == last || last < 0 || !typesutil.IsError(results.At(last).Type()) {
		return false
	}
	return c.nonNilError(fl, ret.Results[last], f, make(map[*ssa.Phi]bool))
}

// nonNilError reports whether the error value v is (taken to be) not
// nil: checked, made from a concrete value, a package-level error
// variable (a sentinel), or the result of another package's function
// (errors.New, fmt.Errorf, status.Error…).
func (c *checker) nonNilError(fl *flow, v ssa.Value, f facts, visiting map[*ssa.Phi]bool) bool {
	if factOf(f, v) == notNil {
		return true
	}
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.UnOp:
		_, global := v.X.(*ssa.Global)
		return global && v.Op == token.MUL
	case *ssa.Call:
		fn := v.Call.StaticCallee()
		return fn != nil && fn.Pkg != c.pkg
	case *ssa.Phi:
		if visiting[v] {
			return true // a loop: the other edges decide
		}
		visiting[v] = true
		defer delete(visiting, v)
		for j, e := range v.Edges {
			ef := fl.edge(v.Block().Preds[j], v.Block())
			if ef == nil {
				continue // an edge no path takes
			}
			if !c.nonNilError(fl, e, ef, visiting) {
				return false
			}
		}
		return true
	}
	return false
}

// isMethodInterface reports whether t is an interface with methods
// (error among them), not a type parameter.
func isMethodInterface(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	iface, ok := t.Underlying().(*types.Interface)
	return ok && iface.NumMethods() > 0
}

// diagnostic reports the return statement at cur, whose result i holds
// the nil value x.
func (c *checker) diagnostic(cur inspector.Cursor, fn *ssa.Function, i int, x ssa.Value, src *nilSource) analysis.Diagnostic {
	ret := cur.Node().(*ast.ReturnStmt)
	results := fn.Signature.Results()
	qual := pkgName(c.pass.Pkg)
	typ := types.TypeString(x.Type(), qual)
	iface := types.TypeString(results.At(i).Type(), qual)

	var expr ast.Expr
	what := results.At(i).Name() // a bare return of a named result
	if len(ret.Results) == results.Len() {
		expr = ret.Results[i]
		what = types.ExprString(expr)
	} else if len(ret.Results) == 1 {
		expr = ret.Results[0] // return f(), f returning several values
		what = types.ExprString(expr)
	}
	var subject any = what
	if what == "" {
		subject = msgTheResult.With()
	}
	var msg rule.Text
	call, isCall := ast.Unparen(expr).(*ast.CallExpr)
	if isCall {
		if tv, ok := c.pass.TypesInfo.Types[call.Fun]; ok && tv.IsType() {
			isCall = false // a conversion
		}
	}
	switch {
	case src.kind == srcCall && isCall:
		msg = msgCallNil.With(subject, typ)
	case src.kind == srcCall:
		msg = msgFromNil.With(subject, typ, src.callee.Name())
	case src.kind == srcField:
		msg = msgFieldNil.With(subject, typ)
	case src.kind == srcAssert:
		msg = msgAssertNil.With(subject, typ)
	case src.always:
		msg = msgIsNil.With(subject, typ)
	default:
		msg = msgMayBeNil.With(subject, typ)
	}
	d := analysis.Diagnostic{Pos: ret.Pos(), End: ret.End(), Message: rule.Say(c.pass, msgReturnedAs.With(msg, iface))}
	d.SuggestedFixes = c.fixes(cur, fn, i, expr, x, src)
	return d
}

// pkgName qualifies the types of other packages by their names, as the
// code spells them: *errs.Error.
func pkgName(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}

// --- fixes ---

// usableNil reports whether the nil value of t works as an empty one: a
// slice (ranging over it, len and append do) or a map (reading it does).
func usableNil(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Slice, *types.Map:
		return true
	}
	return false
}
