package kafkaconsume

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// fetchFix turns `m, err := r.ReadMessage(ctx); if err != nil { H }; …`
// at the top of a loop body into FetchMessage, and commits m at the end
// of the body with the same handling H: what the loop did when
// ReadMessage's commit failed, it now does when the commit after the
// processing fails. It is offered only where the read and its check open
// the iteration's code, the body ends without a jump, and the loop hands
// nothing to other goroutines (go statements, channel sends: the work
// would not be done when the commit runs).
func (c *checker) fetchFix(rd *read, loop inspector.Cursor) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	body := loopBody(loop.Node())
	if rd.stmt.Node() != rd.assign || rd.stmt.Parent().Node() != body || rd.check == nil || len(rd.before) > 0 ||
		rd.check.Else != nil || rd.err == nil || rd.msg == nil {
		return none, false // not the plain shape
	}
	last := body.List[len(body.List)-1]
	if last == rd.check || endsFlow(last) || c.handsOff(body) {
		return none, false
	}
	file := fixutil.FileOf(pass.Files, rd.call.Pos())
	if file == nil || !fixutil.OwnsLines(pass, file, last) {
		return none, false
	}
	sel := ast.Unparen(rd.call.Fun).(*ast.SelectorExpr)
	at := body.Rbrace // in the loop body's scope, after its last statement
	if len(rd.call.Args) != 1 || !isPlainExpr(rd.recv) || !isPlainExpr(rd.call.Args[0]) ||
		!c.resolvesSame(at, rd.err, rd.recv, rd.call.Args[0], rd.check.Body) || !typesutil.InScope(pass.Pkg, at, rd.msg.Name(), rd.msg) {
		return none, false // a name means something else at the end of the body
	}
	recvText, ok1 := fixutil.Text(pass, file, rd.recv.Pos(), rd.recv.End())
	ctxText, ok2 := fixutil.Text(pass, file, rd.call.Args[0].Pos(), rd.call.Args[0].End())
	// The handler's statements, without a comment after its opening brace.
	from, nl := rd.check.Body.Lbrace+1, ""
	if b := rd.check.Body; len(b.List) > 0 && pass.Fset.Position(b.Lbrace).Line != pass.Fset.Position(b.List[0].Pos()).Line {
		from, nl = fixutil.NextLineStart(pass.Fset, b.Lbrace), "\n"
	}
	handler, ok3 := fixutil.Text(pass, file, from, rd.check.Body.Rbrace)
	handler = nl + handler
	if !ok1 || !ok2 || !ok3 {
		return none, false
	}
	indent := fixutil.Indent(pass.Fset, rd.assign.Pos())
	errName := rd.err.Name()
	commit := indent + "if " + errName + " := " + recvText + ".CommitMessages(" + ctxText + ", " + rd.msg.Name() + "); " +
		errName + " != nil {" + handler + "}\n"
	line := fixutil.NextLineStart(pass.Fset, last.End())
	edits, ok := fixutil.GofmtEdits(pass, file,
		analysis.TextEdit{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte("FetchMessage")},
		analysis.TextEdit{Pos: line, End: line, NewText: []byte(commit)})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(pass, fixFetchCommit.With(rd.msg.Name())),
		TextEdits: edits,
	}, true
}

// endsFlow reports whether s is a jump: control does not fall off its end.
func endsFlow(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt, *ast.LabeledStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}

// handsOff reports whether body starts goroutines or sends on channels.
func (c *checker) handsOff(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.GoStmt, *ast.SendStmt, *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}

// isPlainExpr reports whether e can be evaluated again without effect: an
// identifier, a field path, or a call of context.Background or TODO.
func isPlainExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPlainExpr(e.X)
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		if !ok || len(e.Args) != 0 {
			return false
		}
		pkg, ok := sel.X.(*ast.Ident)
		return ok && pkg.Name == "context" && (sel.Sel.Name == "Background" || sel.Sel.Name == "TODO")
	}
	return false
}

// resolvesSame reports whether every identifier the nodes use, declared
// outside them, denotes the same object at pos; but rebound, which the
// fix declares anew there (the error of the commit).
func (c *checker) resolvesSame(pos token.Pos, rebound types.Object, nodes ...ast.Node) bool {
	info := c.pass.TypesInfo
	ok := true
	for _, n := range nodes {
		ast.Inspect(n, func(m ast.Node) bool {
			id, isID := m.(*ast.Ident)
			if !isID || !ok {
				return ok
			}
			obj := info.Uses[id]
			if obj == nil || obj == rebound || obj.Pkg() != c.pass.Pkg || obj.Parent() == nil || obj.Pos() >= n.Pos() && obj.Pos() < n.End() {
				return true // another package's (qualified), a field or method, a builtin, or declared inside
			}
			if _, isPkg := obj.(*types.PkgName); isPkg {
				return true
			}
			ok = typesutil.InScope(c.pass.Pkg, pos, id.Name, obj)
			return ok
		})
	}
	return ok
}

// errorsIsFix rewrites err == io.EOF to errors.Is(err, io.EOF) (and != to
// its negation), importing errors.
func (c *checker) errorsIsFix(b *ast.BinaryExpr, errExpr ast.Expr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	file := fixutil.FileOf(pass.Files, b.Pos())
	if file == nil {
		return none, false
	}
	eof := b.Y
	if eof == errExpr {
		eof = b.X
	}
	errText, ok1 := fixutil.Text(pass, file, errExpr.Pos(), errExpr.End())
	eofText, ok2 := fixutil.Text(pass, file, eof.Pos(), eof.End())
	name, edits, ok3 := fixutil.AddImport(pass.Fset, pass.Pkg, file, b.Pos(), "errors", "errors")
	if !ok1 || !ok2 || !ok3 {
		return none, false
	}
	call := name + ".Is(" + errText + ", " + eofText + ")"
	if b.Op == token.NEQ {
		call = "!" + call
	}
	edits = append(edits, analysis.TextEdit{Pos: b.Pos(), End: b.End(), NewText: []byte(call)})
	edits, ok := fixutil.Gofmt(pass, file, edits)
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, fixErrorsIs.With(errText)), TextEdits: edits}, true
}
