package paladininit

import (
	"go/ast"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// checkMain reports a use of paladin that main can reach before
// paladin.Init.
func (c *checker) checkMain(main *function) {
	uses := c.uninitialised(main)
	if len(uses) == 0 {
		c.checkMainLiterals(main)
		return
	}
	use := uses[0]
	u := use.use
	what := msgUseIn.With(u.Call, u.Func, u.File, u.Line)
	if u.Func == typesutil.QualifiedName(main.obj) {
		what = msgUseLine.With(u.Call, u.Line)
	} else if use.call != u.Call && use.call != u.Func {
		what = msgUseVia.With(u.Call, u.Func, u.File, u.Line, use.call)
	}
	inits := c.search(c.graph(main), func(e event) (bool, bool) { return e.kind == initEvent || e.kind == opaqueEvent, false })
	d := analysis.Diagnostic{Pos: main.decl.Pos(), End: main.decl.Type.End()}
	if len(inits) == 0 {
		d.Message = rule.Say(c.pass, msgNeverInit.With(what))
	} else {
		d.Message = rule.Say(c.pass, msgBeforeInit.With(what))
	}
	d.Related = []analysis.RelatedInformation{{Pos: use.node.Pos(), End: use.node.End(), Message: rule.Say(c.pass, msgFirstUse.With())}}
	if fix, ok := c.mainFix(main, uses, inits, use.use.Paladin); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
}

// checkBeforeParse reports a paladin.Init without a driver argument that
// can run before flag.Parse: in a function that parses flags, or in an
// init function, which runs before main.
func (c *checker) checkBeforeParse(f *function) {
	parses := c.search(c.graph(f), func(e event) (bool, bool) { return e.kind == parseEvent, false })
	if len(parses) == 0 && f == c.main && !fixutil.IsTestVariant(c.pass) {
		c.checkNeverParsed(f)
		return
	}
	if len(parses) == 0 && !f.isInit() {
		return // the function does not parse flags: where they are parsed is unknown
	}
	if len(parses) == 0 && typesutil.InTestFile(c.pass.Fset, f.decl.Pos()) {
		return // tests set -conf with flag.Set; go test parses flags itself
	}
	early := c.search(c.graph(f), func(e event) (bool, bool) {
		switch e.kind {
		case initEvent:
			return e.conf, false
		case parseEvent, opaqueEvent, mayParseEvent:
			return false, true
		}
		return false, false
	})
	for _, e := range early {
		d := analysis.Diagnostic{Pos: e.node.Pos(), End: e.node.End()}
		if len(parses) == 0 {
			d.Message = rule.Say(c.pass, initMsg(e, msgInitInInit, msgCallsInitInInit))
		} else {
			d.Message = rule.Say(c.pass, initMsg(e, msgInitEarly, msgCallsInitEarly))
			if fix, ok := c.moveBelowParse(f, e); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		c.pass.Report(d)
	}
}

// checkNeverParsed reports a paladin.Init without a driver argument in a
// main that never parses flags, where paladin is the open-source kratos
// one: its Init panics when -conf is empty and no driver is named. (The
// go-common paladin asks its config center then.) It stays silent when
// main calls anything that may parse flags, or an init function does.
func (c *checker) checkNeverParsed(main *function) {
	if c.startupParse() {
		return
	}
	var inits []event
	unknown := false
	c.search(c.graph(main), func(e event) (bool, bool) {
		switch e.kind {
		case opaqueEvent, mayParseEvent:
			unknown = true
		case initEvent:
			if e.conf && isOpenSourceKratos(e.path) {
				inits = append(inits, e)
			}
		}
		return false, false
	})
	if unknown {
		return // something main calls may parse the flags
	}
	for _, e := range inits {
		c.pass.Report(analysis.Diagnostic{
			Pos: e.node.Pos(), End: e.node.End(),
			Message: rule.Say(c.pass, initMsg(e, msgInitNoParse, msgCallsInitNoParse)),
		})
	}
}

// initMsg returns the message about the Init of e: direct when e calls
// paladin.Init itself, else calls, which names the function that does.
func initMsg(e event, direct, calls *rule.Msg) rule.Text {
	if e.call == "paladin.Init" {
		return direct.With()
	}
	return calls.With(e.call)
}

// startupParse reports whether an init function of the package parses
// the command line or sets -conf.
func (c *checker) startupParse() bool {
	for _, f := range c.order {
		if f.isInit() && (f.sum.Parse || f.sum.Opaque || f.sum.MayParse) {
			return true
		}
	}
	return false
}

// isOpenSourceKratos reports whether path is in the open-source kratos
// v0.x modules, whose paladin.Init panics without -conf or a driver.
func isOpenSourceKratos(path string) bool {
	return strings.HasPrefix(path, "github.com/go-kratos/kratos/pkg/") ||
		strings.HasPrefix(path, "github.com/bilibili/kratos/pkg/")
}

// checkDroppedErrors reports calls of paladin.Init, or of functions that
// return its error, whose error is dropped.
func (c *checker) checkDroppedErrors() {
	pass := c.pass
	inspect := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range rule.FocusOf(pass).Preorder(inspect, (*ast.ExprStmt)(nil), (*ast.AssignStmt)(nil)) {
		var call *ast.CallExpr
		switch s := cur.Node().(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		case *ast.AssignStmt:
			if len(s.Lhs) != 1 || len(s.Rhs) != 1 || !isBlank(s.Lhs[0]) {
				continue // the error is kept
			}
			call, _ = ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
		}
		if call == nil || !c.isInitCall(call) {
			continue // not Init's error
		}
		fn := typesutil.Callee(pass.TypesInfo, call)
		name := typesutil.QualifiedName(fn.Origin())
		d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: rule.Say(pass, initErrMsg(name, msgErrDropped.With(name)))}
		if fix, ok := c.checkErrFix(cur, call, name); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
}

// isTestFunc reports whether decl is a test, benchmark, example, fuzz
// test or TestMain of a _test.go file, which only the testing package calls.
func isTestFunc(pass *analysis.Pass, decl *ast.FuncDecl) bool {
	if decl.Recv != nil || !typesutil.InTestFile(pass.Fset, decl.Pos()) {
		return false
	}
	for _, prefix := range []string{"Test", "Benchmark", "Example", "Fuzz"} {
		if strings.HasPrefix(decl.Name.Name, prefix) {
			return true
		}
	}
	return false
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}
