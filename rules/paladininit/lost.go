package paladininit

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// This file reports the third shape of a dropped Init error: the error is
// kept in a variable (`err := paladin.Init()`), but no path reads it
// before it is overwritten (`err = run()`) or the function ends. It asks
// one question of the function's control-flow graph (go/cfg, which also
// works on half-typed code, unlike go/ssa): may the value the variable
// holds after the assignment be read? It answers "may" whenever it cannot
// tell: the variable is captured by a function literal (a deferred one
// that reads a named result, say) or has its address taken.

// checkLostErrors reports assignments of Init's error (or of a function
// that returns it) to a local variable that nothing reads.
func (c *checker) checkLostErrors() {
	pass := c.pass
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
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
		fnCur, ok := enclosingFunc(cur)
		if !ok {
			continue // package level
		}
		lost, over := c.lostAfter(fnCur.Node(), v, cur.Node())
		if !lost {
			continue // read on some path
		}
		fn := typesutil.Callee(pass.TypesInfo, call)
		name := typesutil.QualifiedName(fn.Origin())
		what := fmt.Sprintf("error of %s is never checked", name)
		if over != nil {
			what = fmt.Sprintf("error of %s is overwritten at line %d before it is checked", name, pass.Fset.Position(over.Pos()).Line)
		}
		msg := what + "; after a failed Init, paladin.Get panics with a nil pointer dereference"
		if name != "paladin.Init" {
			msg = what + "; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference"
		}
		d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
		if fix, ok := c.checkLostFix(cur, fnCur.Node(), v, name); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
}

// enclosingFunc returns the cursor of the innermost function declaration
// or literal around cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fc, true
	}
	return inspector.Cursor{}, false
}

// lostAfter reports whether the value v holds just after stmt, a
// statement (or value spec) of fn, is never read, and returns the
// nearest statement that overwrites it on some path (nil when every path
// ends without reading or overwriting it).
func (c *checker) lostAfter(fn ast.Node, v *types.Var, stmt ast.Node) (lost bool, over ast.Node) {
	var body *ast.BlockStmt
	var ftype *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body, ftype = fn.Body, fn.Type
	case *ast.FuncLit:
		body, ftype = fn.Body, fn.Type
	}
	if body == nil || c.escapes(body, v) {
		return false, nil // captured or addressed: it may be read anywhere
	}
	// A deferred function that reads a named result mentions it, and so
	// has made it escape: what is left reads it only where it returns.
	named := isResult(c.pass.TypesInfo, ftype, v)
	g := cfg.New(body, c.nr.MayReturn)
	var start *cfg.Block
	index := -1
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == stmt {
				start, index = b, i
			}
		}
	}
	if start == nil || !start.Live {
		return false, nil // not in the graph, or dead code
	}
	type item struct {
		b    *cfg.Block
		from int
	}
	seen := make(map[*cfg.Block]bool)
	queue := []item{{start, index + 1}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		killed := false
		for _, n := range it.b.Nodes[it.from:] {
			read, write := c.effect(v, named, n)
			if read {
				return false, nil
			}
			if write {
				_, ret := n.(*ast.ReturnStmt) // a return that sets the named result ends the function
				if n != stmt && !ret && (over == nil || n.Pos() < over.Pos()) {
					over = n
				}
				killed = true
				break
			}
		}
		if killed {
			continue // overwritten on this path
		}
		for _, s := range it.b.Succs {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
	return true, over
}

// effect reports whether the graph node n reads v, and whether it then
// overwrites it.
func (c *checker) effect(v *types.Var, named bool, n ast.Node) (read, write bool) {
	info := c.pass.TypesInfo
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, r := range n.Rhs {
			read = read || mentions(info, r, v)
		}
		for _, l := range n.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
				if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
					read = true // v op= x reads v
				}
				write = true
				continue
			}
			read = read || mentions(info, l, v)
		}
		return read, write
	case *ast.ValueSpec:
		for _, e := range n.Values {
			read = read || mentions(info, e, v)
		}
		for _, id := range n.Names {
			if info.Defs[id] == v {
				write = true
			}
		}
		return read, write
	case *ast.ReturnStmt:
		if named {
			if len(n.Results) == 0 {
				return true, false // a bare return returns v
			}
			for _, e := range n.Results {
				read = read || mentions(info, e, v)
			}
			return read, true
		}
	case *ast.RangeStmt:
		// go/cfg lists the range statement itself as the loop's node.
		return mentions(info, n.X, v), isIdentOf(info, n.Key, v) || isIdentOf(info, n.Value, v)
	}
	return mentions(info, n, v), false
}

// isIdentOf reports whether e is an identifier denoting v.
func isIdentOf(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := e.(*ast.Ident)
	return ok && info.ObjectOf(id) == v
}

// mentions reports whether v occurs in n, outside function literals.
func mentions(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // escapes covers captures
		case *ast.Ident:
			if info.ObjectOf(n) == v {
				found = true
			}
		}
		return true
	})
	return found
}

// escapes reports whether v is captured by a function literal in body or
// has its address taken.
func (c *checker) escapes(body *ast.BlockStmt, v *types.Var) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			found = mentions(info, n.Body, v) || c.escapes(n.Body, v)
			return false
		case *ast.UnaryExpr:
			if n.Op == token.AND && mentions(info, n.X, v) {
				found = true
			}
		}
		return true
	})
	return found
}

// isResult reports whether v is a named result of the function type ft.
func isResult(info *types.Info, ft *ast.FuncType, v *types.Var) bool {
	if ft == nil || ft.Results == nil {
		return false
	}
	for _, field := range ft.Results.List {
		for _, id := range field.Names {
			if info.Defs[id] == v {
				return true
			}
		}
	}
	return false
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
	return analysis.SuggestedFix{Message: title, TextEdits: edits}, true
}

// leave returns the statement that leaves fn with the error in the
// variable errName, and the fix title for the call name: a return of the
// error where fn returns one, t.Fatal in a test, a panic otherwise.
func (c *checker) leave(file *ast.File, fn ast.Node, errName, name string) (leave, title string, ok bool) {
	pass := c.pass
	results, ok := typesutil.ResultsOf(pass.TypesInfo, fn)
	if !ok {
		return "", "", false
	}
	switch t := typesutil.TestingParam(pass.TypesInfo, fn); {
	case typesutil.ReturnsError(results):
		vals, ok := typesutil.NewQualifier(file, pass.Pkg).ZeroReturn(results, errName)
		if !ok {
			return "", "", false
		}
		return "return " + strings.Join(vals, ", "), fmt.Sprintf("Check the error of %s and return it", name), true
	case t != "":
		return t + ".Fatal(" + errName + ")", fmt.Sprintf("Check the error of %s and fail the test", name), true
	}
	return "panic(" + errName + ")", fmt.Sprintf("Check the error of %s and panic on failure", name), true
}
