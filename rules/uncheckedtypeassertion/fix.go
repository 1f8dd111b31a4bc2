package uncheckedtypeassertion

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"unicode"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// suggestFix rewrites the assertion to the comma-ok form followed by an
// if !ok that reports the failure the way the function reports failures:
// returning an error where it returns one, returning false where its
// last result is a bool, failing the test in a test. A function with no
// such way out gets no fix: returning zero values there hands the caller
// a nil it will use (the panic moves up a frame) or makes it go on with
// garbage, and returning early silently drops the work.
func suggestFix(pass *analysis.Pass, flow *syncflow.Builder, file *ast.File, cur inspector.Cursor, fn ast.Node, assert *ast.TypeAssertExpr, declared map[*types.Scope]map[string]bool) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if fn == nil || file == nil || pass.TypesInfo.TypeOf(assert.Type) == nil {
		return none, false // package level, or no types: nothing to return from
	}
	if isDeferred(fn, cur) {
		return none, false // returning from a deferred func would swallow a panic or an error
	}
	stmtCur, ok := fixutil.EnclosingStmt(cur)
	if !ok {
		return none, false
	}
	stmt := stmtCur.Node().(ast.Stmt)
	if !fixutil.AloneOnLines(pass.Fset, stmtCur) {
		return none, false // another statement shares its line
	}
	indent := fixutil.Indent(pass.Fset, stmt.Pos())
	pure := fixutil.IsVarPath(assert.X)

	var taken map[string]bool
	if pass.Pkg != nil {
		if scope := fixutil.BlockScope(pass.Pkg, stmt.Pos()); scope != nil {
			if declared[scope] == nil {
				declared[scope] = make(map[string]bool)
			}
			taken = declared[scope]
		}
	}
	okName := fixutil.FreshName(pass.Pkg, stmt.Pos(), "ok", taken)

	// The statement that leaves the function when the assertion fails.
	edits, leave, title, ok := leaveOnFailure(pass, file, cur, fn, stmt, assert, pure)
	if !ok {
		return none, false
	}
	check := "if !" + okName + " {\n" + indent + "\t" + leave + "\n" + indent + "}"

	// v := x.(T) → v, ok := x.(T); if !ok {…}
	if as, ok := stmt.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 &&
		ast.Unparen(as.Rhs[0]) == assert && !isBlank(as.Lhs[0]) {
		if flow.SkipsCleanup(fn, stmt, true, syncflow.Return) {
			return none, false // leaving here would skip an Unlock, a Done, a cancel or a deferred Close
		}
		eol := fixutil.LineEnd(pass.Fset, stmt.End())
		edits = append(edits,
			analysis.TextEdit{Pos: as.Lhs[0].End(), End: as.Lhs[0].End(), NewText: []byte(", " + okName)},
			analysis.TextEdit{Pos: eol, End: eol, NewText: []byte("\n" + indent + check)},
		)
		return gofmtFix(pass, file, title, edits)
	}

	// Otherwise extract the assertion into a checked variable before the
	// statement, when that evaluates nothing earlier or less often.
	if !pure || !canHoist(stmtCur, cur) {
		return none, false
	}
	if flow.SkipsCleanup(fn, stmt, false, syncflow.Return) {
		return none, false // leaving here would skip an Unlock, a Done, a cancel or a deferred Close
	}
	name := fixutil.FreshName(pass.Pkg, stmt.Pos(), nameFor(pass.TypesInfo.TypeOf(assert.Type)), taken)
	edits = append(edits,
		analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(
			name + ", " + okName + " := " + render(pass.Fset, assert.X) + ".(" + render(pass.Fset, assert.Type) + ")\n" + indent + check + "\n" + indent)},
		analysis.TextEdit{Pos: outerParen(cur).Pos(), End: outerParen(cur).End(), NewText: []byte(name)},
	)
	return gofmtFix(pass, file, title, edits)
}

// leaveOnFailure returns the statement that leaves fn when the assertion
// fails, the fix's title, and the edits it needs (an import), or false
// where no way out is right.
func leaveOnFailure(pass *analysis.Pass, file *ast.File, cur inspector.Cursor, fn ast.Node, stmt ast.Stmt, assert *ast.TypeAssertExpr, pure bool) (edits []analysis.TextEdit, leave string, title *rule.Msg, ok bool) {
	info := pass.TypesInfo
	xText, tText := render(pass.Fset, assert.X), render(pass.Fset, assert.Type)
	if t := typesutil.TestingParam(info, fn); t != "" {
		msg := strconv.Quote(fmt.Sprintf("%s is not of type %s", xText, tText))
		if pure {
			msg = strconv.Quote(fmt.Sprintf("%s is %%T, not %s", xText, tText)) + ", " + xText
		}
		return nil, t + ".Fatalf(" + msg + ")", msgFailTest, true
	}
	results, ok := typesutil.ResultsOf(info, fn)
	if !ok || results.Len() == 0 {
		return nil, "", nil, false // no way to report the failure
	}
	errExpr := ""
	switch {
	case typesutil.ReturnsError(results):
		if inLogging(info, cur) {
			return nil, "", nil, false // failing the call because a log line could not be made turns a success into a failure
		}
		var name string
		if pure {
			name, edits, ok = fixutil.AddImport(pass.Fset, pass.Pkg, file, stmt.Pos(), "fmt", "fmt")
			errExpr = name + ".Errorf(" + strconv.Quote(fmt.Sprintf("%s is %%T, not %s", xText, tText)) + ", " + xText + ")"
		} else {
			name, edits, ok = fixutil.AddImport(pass.Fset, pass.Pkg, file, stmt.Pos(), "errors", "errors")
			errExpr = name + ".New(" + strconv.Quote(fmt.Sprintf("%s is not of type %s", xText, tText)) + ")"
		}
		if !ok {
			return nil, "", nil, false
		}
		title = msgReturnErr
	case results.Len() >= 2 && isBool(results.At(results.Len()-1).Type()):
		title = msgReturnFalse // the v, ok idiom
	default:
		return nil, "", nil, false // zero values are no failure the caller can see
	}
	q := typesutil.NewQualifier(file, pass.Pkg)
	vals, ok := q.FailureReturn(info, fn, results, errExpr)
	if !ok {
		return nil, "", nil, false
	}
	leave = "return"
	if len(vals) > 0 {
		leave += " " + strings.Join(vals, ", ")
	}
	return edits, leave, title, true
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// gofmtFix returns the fix with its edits in gofmt's layout in context:
// trailing comments of neighbouring lines realigned around the inserted
// lines (fixutil.Gofmt).
func gofmtFix(pass *analysis.Pass, file *ast.File, title *rule.Msg, edits []analysis.TextEdit) (analysis.SuggestedFix, bool) {
	edits, ok := fixutil.Gofmt(pass, file, edits)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, title.With()), TextEdits: edits}, true
}

// isDeferred reports whether fn is a function literal called by a defer
// statement.
func isDeferred(fn ast.Node, cur inspector.Cursor) bool {
	lit, ok := fn.(*ast.FuncLit)
	if !ok {
		return false
	}
	for c := range cur.Enclosing((*ast.DeferStmt)(nil)) {
		if c.Node().(*ast.DeferStmt).Call.Fun == lit {
			return true
		}
	}
	return false
}

// canHoist reports whether the assertion at cur may be evaluated before
// the statement at stmt without changing what the statement does: it is
// evaluated exactly once, after nothing with side effects, and not in a
// loop condition or a short-circuited operand.
func canHoist(stmt, cur inspector.Cursor) bool {
	target := cur.Node()
	for c := cur; c != stmt; c = c.Parent() {
		switch c.ParentEdgeKind() {
		case edge.BinaryExpr_Y:
			if op := c.Parent().Node().(*ast.BinaryExpr).Op; op == token.LAND || op == token.LOR {
				return false // evaluated only sometimes
			}
		case edge.ForStmt_Cond, edge.ForStmt_Post, edge.ForStmt_Body, edge.RangeStmt_Body,
			edge.IfStmt_Body, edge.IfStmt_Else, edge.SwitchStmt_Body, edge.TypeSwitchStmt_Body,
			edge.SelectStmt_Body, edge.CaseClause_Body, edge.CommClause_Body, edge.LabeledStmt_Stmt:
			return false // in a nested statement or evaluated repeatedly
		case edge.IfStmt_Cond, edge.SwitchStmt_Tag:
			if init := initOf(c.Parent().Node()); init != nil {
				return false // the init statement runs first
			}
		}
	}
	// Nothing with side effects may come before it.
	ok := true
	ast.Inspect(stmt.Node(), func(n ast.Node) bool {
		if !ok || n == nil {
			return false
		}
		if n.Pos() >= target.Pos() {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if n.End() <= target.Pos() {
				ok = false
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && n.End() <= target.Pos() {
				ok = false
			}
		case *ast.FuncLit:
			return false
		}
		return ok
	})
	return ok
}

func initOf(n ast.Node) ast.Stmt {
	switch n := n.(type) {
	case *ast.IfStmt:
		return n.Init
	case *ast.SwitchStmt:
		return n.Init
	}
	return nil
}

// outerParen returns the outermost parenthesized form of the node at cur.
func outerParen(cur inspector.Cursor) ast.Node {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	return cur.Node()
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// nameFor derives a variable name from a type: *pb.Reply → reply.
func nameFor(t types.Type) string {
	if typesutil.IsError(t) {
		return "err"
	}
	if n := typesutil.NamedOf(t); n != nil {
		name := n.Obj().Name()
		r := []rune(name)
		// Lower the leading run of capitals: HTTPClient → httpClient.
		i := 0
		for i < len(r) && unicode.IsUpper(r[i]) {
			i++
		}
		if i > 1 && i < len(r) {
			i--
		}
		for j := 0; j < i; j++ {
			r[j] = unicode.ToLower(r[j])
		}
		if s := string(r); token.IsIdentifier(s) && !token.IsKeyword(s) {
			return s
		}
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		switch {
		case b.Info()&types.IsString != 0:
			return "s"
		case b.Info()&types.IsInteger != 0:
			return "n"
		case b.Info()&types.IsBoolean != 0:
			return "b"
		}
	}
	return "v"
}
