package paladininit

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/errlive"
	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// This file reports the third shape of a dropped Init error: the error is
// kept in a variable (`err := paladin.Init()`), but no path reads it
// before it is overwritten (`err = run()`) or the function ends. The
// question is errlive's, shared with unhandled-error: may the value the
// variable holds after the assignment be read?

// checkLostErrors reports assignments of Init's error (or of a function
// that returns it) to a local variable that nothing reads.
func (c *checker) checkLostErrors() {
	pass := c.pass
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range rule.FocusOf(pass).Preorder(in, (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		var lhs *ast.Ident
		var rhs ast.Expr
		switch s := cur.Node().(type) {
		case *ast.AssignStmt:
			if len(s.Lhs) != 1 || len(s.Rhs) != 1 || (s.Tok != token.DEFINE && s.Tok != token.ASSIGN) {
				continue // not one variable receiving one call's error
			}
			lhs, _ = ast.Unparen(s.Lhs[0]).(*ast.Ident)
			rhs = s.Rhs[0]
		case *ast.ValueSpec:
			if len(s.Names) != 1 || len(s.Values) != 1 {
				continue // not one variable receiving one call's error
			}
			lhs, rhs = s.Names[0], s.Values[0]
		}
		call, ok := ast.Unparen(rhs).(*ast.CallExpr)
		if lhs == nil || !ok || !c.isInitCall(call) {
			continue // not Init's error kept in a variable
		}
		v := typesutil.LocalVar(pass.TypesInfo, lhs)
		if v == nil {
			continue // blank (reported as dropped), a field or a package variable
		}
		fnCur, ok := typesutil.EnclosingFunc(cur)
		if !ok {
			continue // package level
		}
		fate := errlive.New(pass.TypesInfo, fnCur.Node(), c.nr.MayReturn).After(v, cur.Node())
		if fate.Read {
			continue // read on some path
		}
		over := fate.Over
		if _, ret := over.(*ast.ReturnStmt); ret {
			over = nil // a return that sets the named result ends the function
		}
		fn := typesutil.Callee(pass.TypesInfo, call)
		name := typesutil.QualifiedName(fn.Origin())
		var what rule.Text
		switch {
		case over != nil && len(fate.Compared) > 0:
			what = msgErrComparedOver.With(name, errlive.Label(fate.Compared), pass.Fset.Position(over.Pos()).Line)
		case len(fate.Compared) > 0:
			what = msgErrCompared.With(name, errlive.Label(fate.Compared))
		case over != nil:
			what = msgErrOver.With(name, pass.Fset.Position(over.Pos()).Line)
		default:
			what = msgErrUnchecked.With(name)
		}
		d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: rule.Say(pass, initErrMsg(name, what))}
		if len(fate.Compared) > 0 {
			// A check of err inserted after the assignment would also
			// take the path the comparison handles (err == ErrHelp):
			// no fix changes only the lost failures.
		} else if fix, ok := c.checkLostFix(cur, fnCur.Node(), v, name); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
}

// checkLostFix checks the error right after the statement at cur that
// assigns it to v: it returns it where the function returns an error,
// fails the test in a test, and panics otherwise.
func (c *checker) checkLostFix(cur inspector.Cursor, fn ast.Node, v *types.Var, name string) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	if _, ok := cur.Node().(*ast.ValueSpec); ok {
		cur = cur.Parent().Parent() // the GenDecl, then the DeclStmt
		if _, ok := cur.Node().(*ast.DeclStmt); !ok {
			return none, false
		}
	}
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return none, false // an if or for header: no room for a check
	}
	stmt := cur.Node().(ast.Stmt)
	file := fixutil.FileOf(pass.Files, stmt.Pos())
	if file == nil {
		return none, false
	}
	leave, title, ok := c.leave(file, fn, v.Name(), name)
	if !ok || c.skips(fn, stmt) {
		return none, false // no way to leave, or leaving would skip a cleanup
	}
	// After the statement's line, with its trailing comment.
	end := stmt.End()
	if cg := trailingComment(pass.Fset, file, stmt); cg != nil {
		end = cg.End()
	}
	if fixutil.NextLineStart(pass.Fset, end) <= end {
		return none, false // the last line of the file
	}
	text, ok := fixutil.Text(pass, file, end, fixutil.NextLineStart(pass.Fset, end))
	if !ok || strings.TrimSpace(text) != "" {
		return none, false // another statement follows on the line
	}
	at := fixutil.NextLineStart(pass.Fset, end)
	indent := fixutil.Indent(pass.Fset, stmt.Pos())
	check := indent + "if " + v.Name() + " != nil {\n" + indent + "\t" + leave + "\n" + indent + "}\n"
	edits, ok := fixutil.GofmtEdits(pass, file, analysis.TextEdit{Pos: at, End: at, NewText: []byte(check)})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, title), TextEdits: edits}, true
}

// leave returns the statement that leaves fn with the error in the
// variable errName, and the fix title for the call name: a return of the
// error where fn returns one, t.Fatal in a test, a panic otherwise.
func (c *checker) leave(file *ast.File, fn ast.Node, errName, name string) (leave string, title rule.Text, ok bool) {
	pass := c.pass
	results, ok := typesutil.ResultsOf(pass.TypesInfo, fn)
	if !ok {
		return "", rule.Text{}, false
	}
	switch t := typesutil.TestingParam(pass.TypesInfo, fn); {
	case typesutil.ReturnsError(results):
		vals, ok := typesutil.NewQualifier(file, pass.Pkg).FailureReturn(pass.TypesInfo, fn, results, errName)
		if !ok {
			return "", rule.Text{}, false
		}
		return "return " + strings.Join(vals, ", "), msgCheckReturn.With(name), true
	case t != "":
		return t + ".Fatal(" + errName + ")", msgCheckFailTest.With(name), true
	}
	return "panic(" + errName + ")", msgCheckPanic.With(name), true
}

// initErrMsg returns the message about the error of name, a call that
// returns paladin.Init's error, whose fate what says.
func initErrMsg(name string, what rule.Text) rule.Text {
	if name == "paladin.Init" {
		return msgInitFails.With(what)
	}
	return msgIsInitsErr.With(what)
}

// isInitCall reports whether call is paladin.Init or a call of a function
// that returns its error.
func (c *checker) isInitCall(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	fn = fn.Origin()
	if c.opts.FrameworkPackage(fn.Pkg().Path(), "conf/paladin") {
		return IsInit(c.opts, fn)
	}
	sum, ok := c.summaryOf(fn)
	return ok && sum.InitErr
}

// IsInit reports whether fn is the framework's paladin.Init, whose
// dropped or lost error this rule reports, saying what follows from it
// (paladin.Get panics). unhandled-error leaves those calls to it, so
// that one diagnostic explains them.
func IsInit(opts *rule.Options, fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && opts.FrameworkPackage(fn.Pkg().Path(), "conf/paladin") &&
		fn.Name() == "Init" && fn.Signature().Recv() == nil
}
