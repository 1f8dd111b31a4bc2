// Package uncheckedtypeassertion defines the unchecked-type-assertion
// rule: a single-value type assertion x.(T) panics when x holds another
// type (or is nil), where the comma-ok form v, ok := x.(T) does not.
//
// Its severity follows where the asserted value comes from (origin.go,
// traced through the package's index, index.go): it warns on evidence
// that a value of another type can come in (an exported function's
// parameter, decoded data, a recovered panic, a context key set
// elsewhere, an error from another package, a wrapper asserting what it
// wraps: wrapper.go), informs where the program pins the type without a
// proof the rule can check (dispatch, wait registries, documented result
// types, module-owned context keys: bag.go, container.go), and reports
// nothing where every value that reaches it has the asserted type, or an
// earlier assertion or comma-ok check of the same value comes first
// (dominate.go). It also leaves alone assertions that cannot fail but for
// a nil x, assertions guarded by an enclosing comma-ok check or type
// switch case (guard.go), values a sync.Pool, atomic.Value or heap fixes
// (fixed.go), Must* functions and reflection code that checked the type;
// it informs where the code asked the value's own tag method first
// (`if mv.Type() != model.ValMatrix { return … }`, tag.go).
// The fix (fix.go) reports the failure the way the function does, or is
// not offered. In _test.go files it reports at hint severity.
package uncheckedtypeassertion

import (
	"embed"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the unchecked-type-assertion rule.
var Rule = rule.Define(rule.Spec{
	ID:       "unchecked-type-assertion",
	InTests:  rule.Hint, // a test that panics fails, loudly but harmlessly
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Syntax:   true,
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, _ *rule.Options) error {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, in: in, declared: make(map[*types.Scope]map[string]bool)}
	for cur := range rule.FocusOf(pass).Preorder(in, (*ast.TypeAssertExpr)(nil)) {
		assert := cur.Node().(*ast.TypeAssertExpr)
		if assert.Type == nil {
			continue // x.(type) in a type switch
		}
		if isCommaOK(cur) {
			continue // v, ok := x.(T) cannot panic
		}
		if cannotFail(pass.TypesInfo, assert) {
			continue // only a nil x fails, and that is another mistake
		}
		if isGuarded(pass.TypesInfo, cur, assert) {
			continue // an enclosing check already proved the type
		}
		if isDominated(pass.TypesInfo, cur, assert) {
			continue // an earlier assertion or check of the same value comes first
		}
		if hasFixedDynamicType(pass.TypesInfo, cur, assert.X) {
			continue // the program fixes the dynamic type by construction
		}
		if isSameTypeClone(pass.TypesInfo, assert) {
			continue // proto.Clone returns a message of its argument's type
		}
		var fn ast.Node // nil at package level
		if fnCur, ok := typesutil.EnclosingFunc(cur); ok {
			fn = fnCur.Node()
		}
		if fd, ok := fn.(*ast.FuncDecl); ok && isMustName(fd.Name.Name) {
			continue // Must* functions panic by design
		}
		if inReflectCheck(pass.TypesInfo, cur) {
			continue // reflection code that checked the type first
		}
		sev, ok := c.severity(fn, assert)
		if !ok {
			continue // every value that reaches it has the asserted type
		}
		if sev == rule.Warning && isTagChecked(pass.TypesInfo, cur, assert) {
			sev = rule.Information // the value's own tag method was asked first (tag.go)
		}
		c.report(cur, fn, assert, sev)
	}
	return nil
}

// A checker checks the assertions of one package.
type checker struct {
	pass *analysis.Pass
	in   *inspector.Inspector
	idx  *index // built on first use
	// declared records the names earlier fixes declare in each scope, so
	// that fixes applied together (fix all, check -fix) do not declare a
	// name twice.
	declared map[*types.Scope]map[string]bool
	fl       *syncflow.Builder // built on first use
}

// flow returns the package's lock and cleanup flow, for the fixes.
func (c *checker) flow() *syncflow.Builder {
	if c.fl == nil {
		c.fl = syncflow.NewBuilder(c.pass.TypesInfo, c.pass.Files)
	}
	return c.fl
}

func (c *checker) index() *index {
	if c.idx == nil {
		c.idx = newIndex(c.pass, c.in)
	}
	return c.idx
}

// severity returns the severity of an unchecked assertion in fn, and
// false when the values that reach it all have the asserted type. It
// warns on evidence that a value of another type can reach it, and
// informs where the program itself pins what reaches it (see origin.go).
func (c *checker) severity(fn ast.Node, assert *ast.TypeAssertExpr) (rule.Severity, bool) {
	info := c.pass.TypesInfo
	if c.pass.Pkg == nil || info == nil {
		return rule.Information, true // no types: nothing says either way
	}
	tt := info.TypeOf(assert.Type)
	f := c.index().walker(tt).expr(assert.X)
	fd, _ := fn.(*ast.FuncDecl)
	switch {
	case f.proves(tt):
		return 0, false
	case isWrapperDelegation(info, fd, assert):
		return rule.Warning, true // a wrapper claims what the value it wraps may lack
	case isWriterCapability(info, assert):
		return rule.Information, true // every net/http writer has it; only a wrapper's misuse drops it
	case f.evidence != "", f.mismatch(tt) != nil:
		return rule.Warning, true
	case isErrorEvidence(info, assert, f):
		return rule.Warning, true
	}
	return rule.Information, true
}

// report reports the assertion at its own .( (chained assertions each at
// theirs), with a fix where one is right.
func (c *checker) report(cur inspector.Cursor, fn ast.Node, assert *ast.TypeAssertExpr, sev rule.Severity) {
	pass := c.pass
	xText := render(pass.Fset, assert.X)
	tText := render(pass.Fset, assert.Type)
	pos := assert.Lparen - 1 // the dot
	if pos < assert.X.End() {
		pos = assert.Lparen
	}
	d := analysis.Diagnostic{
		Pos:     pos,
		End:     assert.End(),
		Message: rule.Say(pass, msgUnchecked.With(xText+".("+tText+")", xText)),
	}
	file := fixutil.FileOf(pass.Files, assert.Pos())
	if fix, ok := suggestFix(pass, c.flow(), file, cur, fn, assert, c.declared); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	if sev < rule.Warning {
		rule.ReportAt(pass, sev, d)
		return
	}
	pass.Report(d)
}

// render prints an expression as gofmt would.
func render(fset *token.FileSet, e ast.Expr) string {
	return types.ExprString(e)
}
