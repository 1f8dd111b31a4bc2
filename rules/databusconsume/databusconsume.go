package databusconsume

import (
	"embed"
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
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the databus-consume rule.
var Rule = rule.Define(rule.Spec{
	ID:       "databus-consume",
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Messages: messages,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, opts *rule.Options) error {
	if pass.TypesInfo == nil {
		return nil // no types: messages cannot be recognised
	}
	c := &checker{pass: pass, opts: opts, flow: syncflow.NewBuilder(pass.TypesInfo, pass.Files)}
	inspect := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range inspect.Root().Preorder((*ast.UnaryExpr)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.UnaryExpr:
			if n.Op != token.ARROW || !c.isMessageChan(pass.TypesInfo.TypeOf(n.X)) {
				continue // not a receive of databus messages
			}
			c.checkReceive(cur, n)
		case *ast.CallExpr:
			fn := typesutil.Callee(pass.TypesInfo, n)
			switch {
			case typesutil.IsFunc(fn, "encoding/json", "Unmarshal"):
				c.checkUnmarshal(cur, n)
			case fn != nil && fn.Name() == "Commit" && c.isMessageMethod(fn):
				c.checkCommit(cur, n)
			}
		}
	}
	return nil
}

type checker struct {
	pass *analysis.Pass
	opts *rule.Options
	flow *syncflow.Builder // control-flow graphs, by function
}

// isDatabus reports whether pkg is a framework queue/databus package.
func (c *checker) isDatabus(pkg *types.Package) bool {
	return pkg != nil && c.opts.FrameworkPackage(pkg.Path(), "queue/databus")
}

// isMessage reports whether t is databus.Message or a pointer to it.
func (c *checker) isMessage(t types.Type) bool {
	n := typesutil.NamedOf(t)
	return n != nil && n.Obj().Name() == "Message" && c.isDatabus(n.Obj().Pkg())
}

// isMessageChan reports whether t is a channel of databus messages.
func (c *checker) isMessageChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	return ok && c.isMessage(ch.Elem())
}

// isMessageMethod reports whether fn is a method of databus.Message.
func (c *checker) isMessageMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && c.isMessage(recv.Type())
}

// --- receives ---

// checkReceive reports a receive of databus messages in a loop that does
// not use the comma-ok form.
func (c *checker) checkReceive(cur inspector.Cursor, recv *ast.UnaryExpr) {
	pass := c.pass
	loop, ok := enclosingLoop(cur)
	if !ok {
		return // a single receive outside a loop
	}
	outer := cur
	for outer.ParentEdgeKind() == edge.ParenExpr_X {
		outer = outer.Parent()
	}
	var v *types.Var // the variable that receives the message, if any
	var assign *ast.AssignStmt
	switch p := outer.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 {
			break // several values: the receive is one of them
		}
		if len(p.Lhs) == 2 && !isBlank(p.Lhs[1]) {
			return // msg, ok := <-msgs
		}
		v = typesutil.LocalVar(pass.TypesInfo, p.Lhs[0])
		assign = p
	case *ast.ValueSpec:
		if len(p.Names) == 2 && p.Names[1].Name != "_" {
			return // var msg, ok = <-msgs
		}
		if len(p.Names) >= 1 {
			v, _ = pass.TypesInfo.Defs[p.Names[0]].(*types.Var)
		}
	}
	if v != nil && comparedWithNil(pass.TypesInfo, loop.Node(), v) {
		return // nil is what a closed channel gives: checked
	}
	ch := types.ExprString(recv.X)
	name := "the message"
	if v != nil {
		name = v.Name()
	}
	d := analysis.Diagnostic{
		Pos: recv.Pos(), End: recv.End(),
		Message: fmt.Sprintf("receive from %s without ok: after the consumer is closed the channel is closed, %s is nil and the loop spins or panics", ch, name),
	}
	if assign != nil && assign.Tok == token.DEFINE && v != nil && len(assign.Lhs) == 1 {
		if fix, ok := c.rangeFix(loop, outer.Parent(), assign, recv, v); ok {
			d.SuggestedFixes = append(d.SuggestedFixes, fix)
		}
		if fix, ok := c.okFix(loop, outer.Parent(), assign, v); ok {
			d.SuggestedFixes = append(d.SuggestedFixes, fix)
		}
	}
	pass.Report(d)
}

// enclosingLoop returns the innermost for or range statement around cur
// in the same function.
func enclosingLoop(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return c, true
		case *ast.FuncLit, *ast.FuncDecl:
			return inspector.Cursor{}, false
		}
	}
	return inspector.Cursor{}, false
}

// comparedWithNil reports whether n compares v with nil.
func comparedWithNil(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if ok && (b.Op == token.EQL || b.Op == token.NEQ) {
			if typesutil.ObjectOf(info, b.X) == v && isNil(info, b.Y) || typesutil.ObjectOf(info, b.Y) == v && isNil(info, b.X) {
				found = true
			}
		}
		return !found
	})
	return found
}

func isNil(info *types.Info, e ast.Expr) bool {
	_, ok := typesutil.ObjectOf(info, e).(*types.Nil)
	return ok
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

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
		Message:   fmt.Sprintf("Range over %s: the loop ends when the consumer is closed", chText),
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
	leave, how := "break", "leave the loop"
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
		leave, how = strings.TrimSpace("return "+strings.Join(vals, ", ")), "return"
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
		Message:   "Check ok and " + how + " when the channel is closed",
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

// --- json.Unmarshal ---

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
		Message: fmt.Sprintf("error of json.Unmarshal(%s, %s) is dropped: a malformed message is processed with %s left zero",
			types.ExprString(call.Args[0]), target, strings.TrimPrefix(target, "&")),
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
	var title string

	loop, inLoop := enclosingLoop(cur)
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
			title = "Log the Unmarshal error and skip the message (the next Commit acknowledges its offset)"
		case commitBefore:
			title = "Log the Unmarshal error and skip the already committed message"
		default:
			title = "Log the Unmarshal error and skip the message"
		}
	case typesutil.ReturnsError(results):
		vals, ok := typesutil.NewQualifier(file, pass.Pkg).ZeroReturn(results, "err")
		if !ok {
			return none, false
		}
		body = []string{"return " + strings.Join(vals, ", ")}
		title = "Return the Unmarshal error"
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
		title = "Log the Unmarshal error and return"
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
	return analysis.SuggestedFix{Message: title, TextEdits: edits}, true
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

type commitPlace int

const (
	noCommit commitPlace = iota
	commitBefore
	commitAfter
)

// commitOrder tells whether the loop commits v before or after call.
func (c *checker) commitOrder(loop inspector.Cursor, v *types.Var, call *ast.CallExpr) commitPlace {
	place := noCommit
	ast.Inspect(loop.Node(), func(n ast.Node) bool {
		commit, ok := n.(*ast.CallExpr)
		if !ok || place != noCommit {
			return place == noCommit
		}
		sel, ok := commit.Fun.(*ast.SelectorExpr)
		if ok && sel.Sel.Name == "Commit" && typesutil.ObjectOf(c.pass.TypesInfo, sel.X) == v {
			if commit.Pos() < call.Pos() {
				place = commitBefore
			} else {
				place = commitAfter
			}
		}
		return true
	})
	return place
}

// --- Commit ---

// checkCommit reports msg.Commit() on a path that goes on to process msg
// in the same iteration (or, outside a loop, in the rest of the function).
func (c *checker) checkCommit(cur inspector.Cursor, call *ast.CallExpr) {
	pass := c.pass
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	switch cur.Parent().Node().(type) {
	case *ast.DeferStmt, *ast.GoStmt:
		return // runs later, not here
	}
	v := typesutil.LocalVar(pass.TypesInfo, sel.X)
	if v == nil {
		return // not a variable holding the message
	}
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return // package level
	}
	g := c.flow.Graph(fnCur.Node())
	if g == nil {
		return // no body
	}
	var loop ast.Node
	if l, ok := enclosingLoop(cur); ok {
		loop = l.Node()
	}
	use := c.usedAfter(g.CFG, call, v, loop)
	if use == nil {
		return // committed after the work, or only metadata read after it
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s is committed before it is processed: if processing fails or the service stops, the message is lost (at-most-once delivery)", v.Name()),
		Related: []analysis.RelatedInformation{{Pos: use.Pos(), End: use.End(), Message: v.Name() + " processed here"}},
	}
	rule.ReportAt(pass, rule.Information, d) // at-most-once may be what the service wants
}

// usedAfter returns the first place where v's message is processed on a
// path from the commit call, within one iteration of loop (nil: the rest
// of the function): its Value or Key read, or v passed on.
func (c *checker) usedAfter(g *cfg.CFG, commit *ast.CallExpr, v *types.Var, loop ast.Node) ast.Node {
	// Find the commit's block and node.
	var start *cfg.Block
	idx := -1
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n.Pos() <= commit.Pos() && commit.End() <= n.End() {
				start, idx = b, i
			}
		}
	}
	if start == nil {
		return nil
	}
	var found ast.Node
	visit := func(n ast.Node, after token.Pos) {
		ast.Inspect(n, func(n ast.Node) bool {
			if found != nil || n == nil {
				return false
			}
			if n.Pos() < after && n.End() <= after {
				return false // evaluated before the commit
			}
			if call, ok := n.(*ast.CallExpr); ok && c.isLogging(typesutil.Callee(c.pass.TypesInfo, call)) {
				return false // logging the message is not processing it
			}
			if u := c.processing(n, v); u != nil && u.Pos() >= after {
				found = u
				return false
			}
			return true
		})
	}
	for _, n := range start.Nodes[idx:] {
		visit(n, commit.End())
		if found != nil {
			return found
		}
	}
	seen := map[*cfg.Block]bool{start: true}
	queue := append([]*cfg.Block(nil), start.Succs...)
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if seen[b] || loop != nil && isLoopHeader(b, loop) {
			continue // visited, or the next iteration
		}
		seen[b] = true
		for _, n := range b.Nodes {
			visit(n, commit.End())
			if found != nil {
				return found
			}
		}
		queue = append(queue, b.Succs...)
	}
	return nil
}

// isLoopHeader reports whether b is where loop begins its next
// iteration: its condition, post statement or range step, or for a loop
// without condition and post (the target of its continue and back edge)
// its body.
func isLoopHeader(b *cfg.Block, loop ast.Node) bool {
	switch b.Kind {
	case cfg.KindForLoop, cfg.KindForPost, cfg.KindForBody, cfg.KindRangeLoop:
		return b.Stmt == loop
	}
	return false
}

// processing returns n if it processes v's message: a read of v.Value or
// v.Key, or v itself used as a value (passed, assigned, sent). Commits and
// reads of metadata (Topic, Partition, Offset, Timestamp) are not.
func (c *checker) processing(n ast.Node, v *types.Var) ast.Node {
	info := c.pass.TypesInfo
	switch n := n.(type) {
	case *ast.SelectorExpr:
		if typesutil.ObjectOf(info, n.X) != v {
			return nil
		}
		switch n.Sel.Name {
		case "Value", "Key":
			return n
		}
	case *ast.CallExpr:
		for _, a := range n.Args {
			if typesutil.ObjectOf(info, a) == v {
				return a
			}
		}
	case *ast.AssignStmt:
		for _, r := range n.Rhs {
			if typesutil.ObjectOf(info, r) == v {
				return r
			}
		}
	case *ast.SendStmt:
		if typesutil.ObjectOf(info, n.Value) == v {
			return n.Value
		}
	}
	return nil
}

// isLogging reports whether fn logs or prints: a function of the
// framework's log package, of the standard log package, or fmt's Print
// and Sprint functions.
func (c *checker) isLogging(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch path := fn.Pkg().Path(); {
	case path == "log" || c.opts.FrameworkPackage(path, "log"):
		return true
	case path == "fmt":
		return strings.Contains(fn.Name(), "print") || strings.Contains(fn.Name(), "Print")
	}
	return false
}
