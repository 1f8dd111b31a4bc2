package goerrgroup

import (
	"embed"
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the go-errgroup rule.
var Rule = rule.Define(rule.Spec{
	ID:       "go-errgroup",
	InTests:  rule.Information, // tests start goroutines to exercise concurrency
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	// A goroutine that drops an error is what errcheck reports as "go
	// statement with unchecked error": //nolint:errcheck there is the
	// author's decision on that call.
	Nolint: []string{"errcheck"},
	Run:    run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, opts *rule.Options) error {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := newChecker(pass, insp)
	mods := newShared(pass)
	for cur := range rule.FocusOf(pass).Preorder(insp, (*ast.GoStmt)(nil)) {
		check(pass, opts, c, mods, cur)
	}
	return nil
}

// check reports the go statement at cur, if it may lose an error or a
// panic. What it learns (c, mods) depends on no other statement.
func check(pass *analysis.Pass, opts *rule.Options, c *checker, mods *shared, cur inspector.Cursor) {
	gs := cur.Node().(*ast.GoStmt)
	if isCloser(pass.TypesInfo, gs) {
		return // go func() { wg.Wait(); close(ch) }(): nothing in it can fail or panic
	}
	fnCur, ok := typesutil.OuterFunc(cur)
	if !ok {
		return // not in a function: the code does not compile
	}
	l := c.launchOf(cur, fnCur)
	drop := c.droppedError(gs)
	if !drop.claimed() && c.recovers(gs) {
		return // loses no error and recovers its panics: nothing to say
	}
	d := analysis.Diagnostic{Pos: gs.Pos(), End: gs.Call.Lparen}
	if lit, ok := gs.Call.Fun.(*ast.FuncLit); ok {
		d.End = lit.Type.End()
	}
	sev := rule.Warning
	d.Message = rule.Say(pass, message(gs, l, drop))
	if !drop.claimed() {
		sev = rule.Information // the goroutine loses no error of its own: only a panic is at stake
	}
	if fix, ok := suggestFix(pass, opts, mods, cur, fnCur, l); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	rule.ReportAt(pass, sev, d)
}

// message says what the go statement gs, launched as l, does wrong.
func message(gs *ast.GoStmt, l launch, drop drop) rule.Text {
	switch {
	case drop.claimed() && l.join != nil:
		return msgDropJoined.With(l.join.describe(), drop.call)
	case drop.claimed() && l.remote != nil:
		return msgDropRemote.With(l.remote.describe(), drop.call)
	case drop.claimed() && l.fan.Valid():
		return msgDropFan.With(drop.call)
	case drop.claimed():
		return msgDrop.With(drop.call)
	case l.join != nil:
		return msgPanicFan.With(l.join.describe())
	case l.remote != nil:
		return msgPanicFan.With(l.remote.describe())
	case l.fan.Valid():
		return msgPanicLoop.With()
	}
	return msgPanic.With(callName(gs.Call))
}

// callName names the function a go statement starts, for messages.
func callName(call *ast.CallExpr) string {
	if _, ok := call.Fun.(*ast.FuncLit); ok {
		return "func literal"
	}
	return types.ExprString(call.Fun) + "()"
}
