package paladininit

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

// mainFix initialises paladin where main has parsed its flags: right
// after the top-level statement of main that parses them, or first in
// main when main parses none. When main calls Init too late, it moves
// that statement there; otherwise it inserts a checked paladin.Init.
func (c *checker) mainFix(main *function, uses, inits []event, paladinPath string) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	body := main.decl.Body.List
	file := fixutil.FileOf(pass.Files, main.decl.Pos())
	if len(body) == 0 || file == nil {
		return none, false
	}
	after := -1 // index of the statement that parses flags
	for i, stmt := range body {
		if c.has(stmt, parseEvent) {
			after = i
			break
		}
	}
	if after >= 0 && (c.has(body[after], useEvent) || c.has(body[after], initEvent) || c.has(body[after], opaqueEvent)) {
		return none, false // the parsing statement does more: no single place to initialise
	}
	if after < 0 && c.has(main.decl.Body, parseEvent) {
		return none, false // flags are parsed in a nested statement
	}
	for _, u := range uses {
		if after >= 0 && u.pos <= body[after].End() {
			return none, false // used before the flags are parsed: Init cannot go early enough
		}
	}
	at := fixutil.LineStart(pass.Fset, body[0].Pos())
	where := msgFirst.With()
	if after >= 0 {
		at = fixutil.NextLineStart(pass.Fset, body[after].End())
		where = msgRightAfter.With(stmtName(body[after]))
	}
	indent := fixutil.Indent(pass.Fset, body[0].Pos())

	if len(inits) == 0 {
		// Missing: insert a checked Init.
		if paladinPath == "" {
			return none, false
		}
		name, edits, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, at, paladinPath, "paladin")
		if !ok {
			return none, false
		}
		text := indent + "if err := " + name + ".Init(); err != nil {\n" + indent + "\tpanic(err)\n" + indent + "}\n"
		if after < 0 && isOpenSourceKratos(paladinPath) {
			// kratos's Init panics without -conf: parse the flags first.
			flagName, e, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, at, "flag", "flag")
			if !ok {
				return none, false
			}
			edits = append(edits, e...)
			text = indent + flagName + ".Parse()\n" + text
			where = msgFirstParsed.With()
		}
		insert, ok := fixutil.GofmtEdits(pass, file, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)})
		if !ok {
			return none, false
		}
		edits = append(edits, insert...)
		return analysis.SuggestedFix{Message: rule.Say(pass, msgInitialize.With(where)), TextEdits: edits}, true
	}

	// Late: move the first top-level statement that initialises paladin.
	for i := after + 1; i < len(body); i++ {
		stmt := body[i]
		if !c.has(stmt, initEvent) {
			if c.has(stmt, opaqueEvent) {
				return none, false // it may initialise paladin: moving a later Init would be wrong
			}
			continue // neither initialises nor may
		}
		if c.has(stmt, parseEvent) || !c.initsFirst(stmt) || !c.movable(main, stmt) {
			return none, false // it does more, initialises only on some paths, or cannot move
		}
		edits, ok := c.move(file, stmt, at)
		if !ok {
			return none, false
		}
		return analysis.SuggestedFix{Message: rule.Say(pass, msgMoveUp.With(stmtName(stmt), where)), TextEdits: edits}, true
	}
	return none, false
}

// moveBelowParse moves the top-level statement of f that makes the early
// Init e to right after the statement that parses flags, when nothing in
// between uses paladin.
func (c *checker) moveBelowParse(f *function, e event) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	body := f.decl.Body.List
	s, p := -1, -1
	for i, stmt := range body {
		if s < 0 && stmt.Pos() <= e.node.Pos() && e.node.End() <= stmt.End() {
			s = i
		}
		if s >= 0 && i > s && c.has(stmt, parseEvent) {
			p = i
			break
		}
	}
	if s < 0 || p < 0 || c.has(body[s], parseEvent) || !c.movable(f, body[s]) {
		return none, false
	}
	for _, stmt := range body[s+1 : p+1] {
		if c.has(stmt, useEvent) || c.has(stmt, opaqueEvent) || c.has(stmt, initEvent) {
			return none, false // moving Init below it would leave a use uninitialised
		}
	}
	file := fixutil.FileOf(c.pass.Files, f.decl.Pos())
	if file == nil {
		return none, false
	}
	edits, ok := c.move(file, body[s], fixutil.NextLineStart(c.pass.Fset, body[p].End()))
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(c.pass, msgMoveBelow.With(stmtName(body[s]), stmtName(body[p]))), TextEdits: edits}, true
}

// move returns the edits that move the lines of stmt to the line start at.
func (c *checker) move(file *ast.File, stmt ast.Stmt, at token.Pos) ([]analysis.TextEdit, bool) {
	fset := c.pass.Fset
	start, end := fixutil.LineStart(fset, stmt.Pos()), fixutil.NextLineStart(fset, stmt.End())
	if fset.Position(stmt.End()).Line == fset.File(stmt.End()).LineCount() {
		return nil, false // the last line of the file: not a statement of a function body
	}
	text, ok := fixutil.Text(c.pass, file, start, end)
	if !ok || strings.TrimSpace(text[:int(stmt.Pos()-start)]) != "" {
		return nil, false // another statement shares its first line
	}
	if rest := strings.TrimSpace(text[int(stmt.End()-start):]); rest != "" && !strings.HasPrefix(rest, "//") {
		return nil, false // another statement shares its last line
	}
	return fixutil.GofmtEdits(c.pass, file, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)}, analysis.TextEdit{Pos: start, End: end})
}

// initsFirst reports whether stmt is a call that initialises paladin, or
// an if statement whose init statement is: it initialises on every path,
// before anything else.
func (c *checker) initsFirst(stmt ast.Stmt) bool {
	var call *ast.CallExpr
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		call, _ = ast.Unparen(s.X).(*ast.CallExpr)
	case *ast.IfStmt:
		if as, ok := s.Init.(*ast.AssignStmt); ok && len(as.Rhs) == 1 {
			call, _ = ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		}
	}
	if call == nil {
		return false
	}
	events := c.callEvents(call)
	return len(events) > 0 && events[0].kind == initEvent
}

// movable reports whether stmt, a top-level statement of f, can be moved
// to another place in f's body: it is a call statement or an if
// statement, and it refers to no local variable declared outside it.
func (c *checker) movable(f *function, stmt ast.Stmt) bool {
	switch s := stmt.(type) {
	case *ast.ExprStmt:
	case *ast.IfStmt:
		if s.Init != nil {
			as, ok := s.Init.(*ast.AssignStmt)
			if !ok || as.Tok != token.DEFINE {
				return false // it assigns to variables declared outside
			}
		}
	default:
		return false
	}
	ok := true
	ast.Inspect(stmt, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || !ok {
			return ok
		}
		v, isVar := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !isVar || v.IsField() || v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
			return true // not a local variable
		}
		if v.Pos() < stmt.Pos() || v.Pos() >= stmt.End() {
			ok = false // declared outside the statement
		}
		return true
	})
	return ok
}

// has reports whether the code of n (outside function literals, go and
// defer statements) makes an event of kind k.
func (c *checker) has(n ast.Node, k eventKind) bool {
	for _, e := range c.eventsOf(n) {
		if e.kind == k {
			return true
		}
	}
	return false
}

// stmtName names a statement for a fix title: its call, or "the statement".
func stmtName(stmt ast.Stmt) string {
	var call *ast.CallExpr
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		call, _ = ast.Unparen(s.X).(*ast.CallExpr)
	case *ast.IfStmt:
		if as, ok := s.Init.(*ast.AssignStmt); ok && len(as.Rhs) == 1 {
			call, _ = ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		}
	}
	if call == nil {
		return "the statement"
	}
	return types.ExprString(call.Fun) + "()"
}

// checkErrFix checks the dropped error of call, the call statement (or
// blank assignment) at cur: it returns the error where the enclosing
// function returns one, fails the test in a test, and panics otherwise.
func (c *checker) checkErrFix(cur inspector.Cursor, call *ast.CallExpr, name string) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return none, false // an if or for header: no room for a check
	}
	stmt := cur.Node().(ast.Stmt)
	file := fixutil.FileOf(pass.Files, stmt.Pos())
	var fn ast.Node
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = fc.Node()
		break
	}
	if file == nil || fn == nil {
		return none, false
	}
	if fixutil.LineStart(pass.Fset, stmt.Pos()) != fixutil.LineStart(pass.Fset, stmt.End()) {
		return none, false // a call over several lines: keep the fix simple
	}
	if c.skips(fn, stmt) {
		return none, false // leaving would skip an Unlock, Done, cancel or deferred Close
	}
	callText, ok := fixutil.Text(pass, file, call.Pos(), call.End())
	if !ok {
		return none, false
	}
	results, ok := typesutil.ResultsOf(pass.TypesInfo, fn)
	if !ok {
		return none, false
	}
	var leave string
	var title rule.Text
	switch t := typesutil.TestingParam(pass.TypesInfo, fn); {
	case typesutil.ReturnsError(results):
		vals, ok := typesutil.NewQualifier(file, pass.Pkg).FailureReturn(pass.TypesInfo, fn, results, "err")
		if !ok {
			return none, false
		}
		leave = "return " + strings.Join(vals, ", ")
		title = msgCheckReturn.With(name)
	case t != "":
		leave = t + ".Fatal(err)"
		title = msgCheckFailTest.With(name)
	default:
		leave = "panic(err)"
		title = msgCheckPanic.With(name)
	}
	indent := fixutil.Indent(pass.Fset, stmt.Pos())
	// A comment trailing the call stays on the line of the call: after
	// the if's brace.
	end, comment := stmt.End(), ""
	if cg := trailingComment(pass.Fset, file, stmt); cg != nil {
		if text, ok := fixutil.Text(pass, file, cg.Pos(), cg.End()); ok && !strings.Contains(text, "\n") {
			end, comment = cg.End(), " "+text
		}
	}
	text := "if err := " + callText + "; err != nil {" + comment + "\n" + indent + "\t" + leave + "\n" + indent + "}"
	edits, ok := fixutil.GofmtEdits(pass, file, analysis.TextEdit{Pos: stmt.Pos(), End: end, NewText: []byte(text)})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, title), TextEdits: edits}, true
}

// skips reports whether leaving fn right after stmt (a return, t.Fatal,
// a panic: deferred calls run, the rest does not) would skip a cleanup
// that the code below does (syncflow.SkipsCleanup).
func (c *checker) skips(fn ast.Node, stmt ast.Stmt) bool {
	return c.exits.SkipsCleanup(fn, stmt, true, syncflow.Return)
}

// trailingComment returns the comment group that follows stmt on its
// last line, or nil.
func trailingComment(fset *token.FileSet, file *ast.File, stmt ast.Stmt) *ast.CommentGroup {
	line := fset.Position(stmt.End()).Line
	for _, cg := range file.Comments {
		if cg.Pos() >= stmt.End() && fset.Position(cg.Pos()).Line == line {
			return cg
		}
	}
	return nil
}
