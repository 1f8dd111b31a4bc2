package databusconsume

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// checkUnmarshal reports json.Unmarshal(msg.Value, …) whose error is
// dropped.
func (c *checker) checkUnmarshal(cur inspector.Cursor, call *ast.CallExpr) {
	pass := c.pass
	if len(call.Args) != 2 {
		return
	}
	msg, ok := c.valueOf(call.Args[0])
	if !ok {
		return // not the Value of a databus message
	}
	stmt := cur.Parent()
	switch p := stmt.Node().(type) {
	case *ast.ExprStmt:
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 || !isBlank(p.Lhs[0]) {
			return // the error is kept
		}
	default:
		return // the error is used
	}
	target := types.ExprString(call.Args[1])
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: rule.Say(pass, msgUnmarshal.With(types.ExprString(call.Args[0]), target, strings.TrimPrefix(target, "&"))),
	}
	if fix, ok := c.unmarshalFix(cur, stmt, call, msg); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	pass.Report(d)
}

// valueOf returns the message whose Value e is (possibly converted to
// []byte).
func (c *checker) valueOf(e ast.Expr) (ast.Expr, bool) {
	e = ast.Unparen(e)
	if conv, ok := e.(*ast.CallExpr); ok && len(conv.Args) == 1 {
		if tv, ok := c.pass.TypesInfo.Types[conv.Fun]; ok && tv.IsType() {
			e = ast.Unparen(conv.Args[0])
		}
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Value" || !c.isMessage(c.pass.TypesInfo.TypeOf(sel.X)) {
		return nil, false
	}
	return sel.X, true
}

// unmarshalFix checks the error: it logs it and skips the message
// (continue) in the loop the message belongs to; elsewhere it returns the
// error, or logs it and returns.
func (c *checker) unmarshalFix(cur, stmtCur inspector.Cursor, call *ast.CallExpr, msg ast.Expr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	stmt := stmtCur.Node().(ast.Stmt)
	switch stmtCur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return none, false
	}
	file := fixutil.FileOf(pass.Files, stmt.Pos())
	if file == nil || !aloneOnLine(pass.Fset, file, stmt) {
		return none, false
	}
	callText, ok := fixutil.Text(pass, file, call.Pos(), call.End())
	if !ok {
		return none, false
	}
	end, comment := stmt.End(), ""
	if text, cend := trailingComment(pass, file, stmt); text != "" {
		end, comment = cend, " "+text // keep it on the line of the call
	}
	msgText := types.ExprString(msg)
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return none, false // package level
	}
	results, ok := typesutil.ResultsOf(pass.TypesInfo, fnCur.Node())
	if !ok {
		return none, false
	}
	indent := fixutil.Indent(pass.Fset, stmt.Pos())
	var edits []analysis.TextEdit
	var body []string
	var title rule.Text

	loop, inLoop := typesutil.EnclosingLoop(cur)
	v := typesutil.LocalVar(pass.TypesInfo, msg)
	perIteration := inLoop && v != nil && c.receivedIn(loop.Node(), v)
	switch {
	case perIteration:
		logStmt, e, ok := c.logError(file, stmt.Pos(), msgText)
		if !ok {
			return none, false
		}
		edits = e
		body = []string{logStmt, "continue"}
		switch c.commitOrder(loop, v, call) {
		case commitAfter:
			title = msgSkipCommitAfter.With()
		case commitBefore:
			title = msgSkipCommitted.With()
		default:
			title = msgSkip.With()
		}
	case typesutil.ReturnsError(results):
		vals, ok := typesutil.NewQualifier(file, pass.Pkg).FailureReturn(pass.TypesInfo, fnCur.Node(), results, "err")
		if !ok {
			return none, false
		}
		body = []string{"return " + strings.Join(vals, ", ")}
		title = msgReturnErr.With()
	case inLoop:
		return none, false // continue would skip something else than the message
	default:
		vals, ok := typesutil.NewQualifier(file, pass.Pkg).ZeroReturn(results, "")
		if !ok {
			return none, false
		}
		logStmt, e, ok := c.logError(file, stmt.Pos(), msgText)
		if !ok {
			return none, false
		}
		edits = e
		body = []string{logStmt, strings.TrimSpace("return " + strings.Join(vals, ", "))}
		title = msgLogReturn.With()
	}
	jump := syncflow.Return
	if perIteration {
		jump = syncflow.Continue(loop.Node())
	}
	if c.flow.SkipsCleanup(fnCur.Node(), stmt, true, jump) {
		return none, false // leaving would skip an Unlock, Done, cancel or deferred Close
	}
	var b strings.Builder
	b.WriteString("if err := " + callText + "; err != nil {" + comment + "\n")
	for _, line := range body {
		b.WriteString(indent + "\t" + line + "\n")
	}
	b.WriteString(indent + "}")
	stmtEdits, ok := fixutil.GofmtEdits(pass, file, analysis.TextEdit{Pos: stmt.Pos(), End: end, NewText: []byte(b.String())})
	if !ok {
		return none, false
	}
	edits = append(edits, stmtEdits...)
	return analysis.SuggestedFix{Message: rule.Say(pass, title), TextEdits: edits}, true
}

// receivedIn reports whether loop gives v a new message each iteration:
// v is declared in it (by range or a receive), or a receive in it assigns v.
func (c *checker) receivedIn(loop ast.Node, v *types.Var) bool {
	if loop.Pos() <= v.Pos() && v.Pos() < loop.End() {
		return true
	}
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && len(as.Lhs) >= 1 {
			if u, ok := ast.Unparen(as.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW &&
				typesutil.ObjectOf(c.pass.TypesInfo, as.Lhs[0]) == v {
				found = true
			}
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		return !found
	})
	return found
}

// logError returns a statement that logs err for the message msg, with
// the framework's log when the package uses it (kratos style), else the
// standard library's, and the edits that import it.
func (c *checker) logError(file *ast.File, pos token.Pos, msg string) (string, []analysis.TextEdit, bool) {
	pass := c.pass
	var frameworkLog string
	for _, imp := range pass.Pkg.Imports() {
		if c.opts.FrameworkPackage(imp.Path(), "log") {
			frameworkLog = imp.Path()
			break
		}
	}
	if frameworkLog != "" {
		name, edits, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, pos, frameworkLog, "log")
		if ok {
			return fmt.Sprintf("%s.Error(\"json.Unmarshal(%%s) error(%%v)\", %s.Value, err)", name, msg), edits, true
		}
	}
	name, edits, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, pos, "log", "log")
	if !ok {
		return "", nil, false
	}
	return fmt.Sprintf("%s.Printf(\"json.Unmarshal(%%s): %%v\", %s.Value, err)", name, msg), edits, true
}
