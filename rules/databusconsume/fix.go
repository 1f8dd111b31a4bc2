package databusconsume

import (
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

// rangeFix rewrites `for { msg := <-msgs; … }` to `for msg := range msgs
// { … }` when the receive is the first statement of a bare for loop.
func (c *checker) rangeFix(loop, stmt inspector.Cursor, assign *ast.AssignStmt, recv *ast.UnaryExpr, v *types.Var) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	fs, ok := loop.Node().(*ast.ForStmt)
	if !ok || fs.Init != nil || fs.Cond != nil || fs.Post != nil || len(fs.Body.List) == 0 || fs.Body.List[0] != assign {
		return none, false // not `for { msg := <-msgs …`
	}
	if !isChanExpr(pass.TypesInfo, recv.X) {
		return none, false // evaluated once by range, every time by the loop
	}
	if c.loopIsTerminating(loop) {
		return none, false // ranging ends the loop: the function would miss a return
	}
	file := fixutil.FileOf(pass.Files, fs.Pos())
	if file == nil || !aloneOnLine(pass.Fset, file, assign) {
		return none, false
	}
	chText, ok := fixutil.Text(pass, file, recv.X.Pos(), recv.X.End())
	if !ok {
		return none, false
	}
	// A comment after the receive moves to the for line with it.
	edits := []analysis.TextEdit{
		{Pos: fs.For, End: fs.Body.Lbrace, NewText: []byte("for " + v.Name() + " := range " + chText + " ")},
		{Pos: fixutil.LineStart(pass.Fset, assign.Pos()), End: fixutil.NextLineStart(pass.Fset, assign.End())},
	}
	if comment, _ := trailingComment(pass, file, assign); comment != "" {
		if pass.Fset.Position(fs.Body.Lbrace).Line != pass.Fset.Position(assign.Pos()).Line-1 || hasCommentOnLine(pass.Fset, file, fs.Body.Lbrace) {
			return none, false // the comment has no place to go
		}
		edits = append(edits, analysis.TextEdit{Pos: fs.Body.Lbrace + 1, End: fs.Body.Lbrace + 1, NewText: []byte(" " + comment)})
	}
	edits, ok = fixutil.GofmtEdits(pass, file, edits...)
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(pass, msgRange.With(chText)),
		TextEdits: edits,
	}, true
}

// isChanExpr reports whether e gives the same channel each time it is
// evaluated: a variable, a field path of one, or a databus Messages() call.
func isChanExpr(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isChanExpr(info, e.X)
	case *ast.CallExpr:
		fn := typesutil.Callee(info, e)
		if fn == nil || fn.Name() != "Messages" || len(e.Args) != 0 {
			return false
		}
		sel, ok := e.Fun.(*ast.SelectorExpr)
		return ok && isChanExpr(info, sel.X) && fn.Signature().Recv() != nil &&
			typesutil.NamedOf(fn.Signature().Recv().Type()) != nil &&
			typesutil.NamedOf(fn.Signature().Recv().Type()).Obj().Name() == "Databus"
	}
	return false
}

// okFix adds the comma-ok form and a check that leaves the loop (break)
// or the function (return) when the channel is closed.
func (c *checker) okFix(loop, stmt inspector.Cursor, assign *ast.AssignStmt, v *types.Var) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	file := fixutil.FileOf(pass.Files, assign.Pos())
	if file == nil {
		return none, false
	}
	// A new variable: reusing a visible ok would change what it holds
	// where it is read later.
	okName := fixutil.FreshName(pass.Pkg, assign.Pos(), "ok", nil)
	// Where to put the check, and how to leave.
	var at token.Pos
	var indent string
	inSelect := false
	switch stmt.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		if !aloneOnLine(pass.Fset, file, assign) {
			return none, false
		}
		at = fixutil.NextLineStart(pass.Fset, assign.End())
		indent = fixutil.Indent(pass.Fset, assign.Pos())
		inSelect = !breakLeaves(stmt, loop)
	case edge.CommClause_Comm:
		clause := stmt.Parent().Node().(*ast.CommClause)
		if len(clause.Body) == 0 || pass.Fset.Position(clause.Colon).Line == pass.Fset.Position(clause.Body[0].Pos()).Line {
			return none, false // an empty case, or one on one line
		}
		at = fixutil.LineStart(pass.Fset, clause.Body[0].Pos())
		indent = fixutil.Indent(pass.Fset, clause.Body[0].Pos())
		inSelect = true
	default:
		return none, false
	}
	fnCur, ok := typesutil.EnclosingFunc(loop)
	if !ok {
		return none, false // package level
	}
	leave, title := "break", msgCheckOKBreak.With()
	jump := syncflow.Break(loop.Node())
	if inSelect || c.loopIsTerminating(loop) || c.isLastInFunc(loop) {
		jump = syncflow.Return
		results, ok := typesutil.ResultsOf(pass.TypesInfo, fnCur.Node())
		if !ok {
			return none, false
		}
		vals, ok := typesutil.NewQualifier(file, pass.Pkg).ZeroReturn(results, "nil")
		if !ok {
			return none, false
		}
		leave, title = strings.TrimSpace("return "+strings.Join(vals, ", ")), msgCheckOKReturn.With()
	}
	if c.flow.SkipsCleanup(fnCur.Node(), assign, true, jump) {
		return none, false // leaving would skip an Unlock, Done, cancel or deferred Close
	}
	lhs := assign.Lhs[0]
	edits, ok := fixutil.GofmtEdits(pass, file,
		analysis.TextEdit{Pos: lhs.End(), End: lhs.End(), NewText: []byte(", " + okName)},
		analysis.TextEdit{Pos: at, End: at, NewText: []byte(indent + "if !" + okName + " {\n" + indent + "\t" + leave + "\n" + indent + "}\n")})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(pass, title),
		TextEdits: edits,
	}, true
}

// loopIsTerminating reports whether the loop at cur is a terminating
// statement (a for without condition and without a break out of it) that
// ends its function's body, so that ending the loop would need a return.
func (c *checker) loopIsTerminating(loop inspector.Cursor) bool {
	fnCur, ok := typesutil.EnclosingFunc(loop)
	if !ok {
		return false // package level
	}
	results, ok := typesutil.ResultsOf(c.pass.TypesInfo, fnCur.Node())
	if !ok || results.Len() == 0 {
		return false // nothing to return
	}
	return c.isLastInFunc(loop)
}

// isLastInFunc reports whether the loop is the last statement of its
// function's body.
func (c *checker) isLastInFunc(loop inspector.Cursor) bool {
	fnCur, ok := typesutil.EnclosingFunc(loop)
	if !ok {
		return false // package level
	}
	body := typesutil.FuncBody(fnCur.Node())
	return body != nil && len(body.List) > 0 && body.List[len(body.List)-1] == loop.Node()
}

// aloneOnLine reports whether stmt is the only statement on its lines:
// no other statement (or block brace) starts or ends there.
func aloneOnLine(fset *token.FileSet, file *ast.File, stmt ast.Stmt) bool {
	start, end := fixutil.LineStart(fset, stmt.Pos()), fixutil.NextLineStart(fset, stmt.End())
	ok := true
	ast.Inspect(file, func(n ast.Node) bool {
		if !ok || n == nil || n.End() < start || n.Pos() >= end {
			return false // done, or off these lines
		}
		s, isStmt := n.(ast.Stmt)
		if !isStmt || s == stmt {
			return s != stmt // look inside, but not into stmt itself
		}
		if s.Pos() >= start && s.Pos() < end || s.End() > start && s.End() <= end {
			ok = false
		}
		return true
	})
	return ok
}

// trailingComment returns the text of a one-line comment that follows
// stmt on its last line, and its end.
func trailingComment(pass *analysis.Pass, file *ast.File, stmt ast.Stmt) (string, token.Pos) {
	line := pass.Fset.Position(stmt.End()).Line
	for _, cg := range file.Comments {
		if cg.Pos() >= stmt.End() && pass.Fset.Position(cg.Pos()).Line == line {
			if text, ok := fixutil.Text(pass, file, cg.Pos(), cg.End()); ok && !strings.Contains(text, "\n") {
				return text, cg.End()
			}
		}
	}
	return "", token.NoPos
}

// hasCommentOnLine reports whether a comment starts on the line of pos.
func hasCommentOnLine(fset *token.FileSet, file *ast.File, pos token.Pos) bool {
	line := fset.Position(pos).Line
	for _, cg := range file.Comments {
		if fset.Position(cg.Pos()).Line == line {
			return true
		}
	}
	return false
}

// breakLeaves reports whether a break at stmt leaves loop: no switch or
// select lies between them.
func breakLeaves(stmt, loop inspector.Cursor) bool {
	for c := stmt.Parent(); c.Node() != nil && c.Node() != loop.Node(); c = c.Parent() {
		switch c.Node().(type) {
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return false
		}
	}
	return true
}
