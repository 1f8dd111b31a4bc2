package goerrgroup

import (
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/inspector"
)

// removeWaitGroup deletes the WaitGroup's declaration, Adds and Done, and
// returns the Done statement of the goroutine. It reports false when the
// WaitGroup is used in any other way.
func (f *fixer) removeWaitGroup(fnCur, loopStmt inspector.Cursor, l launch, gs *ast.GoStmt, lit *ast.FuncLit) (ast.Stmt, bool) {
	info := f.info
	wg, ok := l.join.wg.(*types.Var)
	if !ok || wg.IsField() || lit == nil {
		return nil, false // a field lives on after the function; a call form gets wg as an argument
	}
	body := typesutil.FuncBody(fnCur.Node())
	if body == nil || wg.Pos() < body.Pos() || wg.Pos() > body.End() {
		return nil, false // a parameter or a captured variable: used beyond this function
	}
	waitStmt := f.waitExprStmt(fnCur, l.join.wait)
	if waitStmt == nil {
		return nil, false
	}
	// The Wait must be in the loop's block, after it.
	waitCur, ok := fnCur.FindNode(waitStmt)
	if !ok || waitCur.Parent() != loopStmt.Parent() || !isListElem(waitCur) {
		return nil, false // waited for in another block or goroutine
	}
	var done ast.Stmt
	handled := map[*ast.Ident]bool{}
	// Every use of wg must be one of the statements the rewrite removes.
	for c := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if info.ObjectOf(id) != wg || handled[id] {
			continue // another identifier
		}
		stmtCur, ok := stmtOf(c, fnCur)
		if !ok {
			return nil, false
		}
		stmt, _ := stmtCur.Node().(ast.Stmt)
		switch s := stmt.(type) {
		case *ast.DeclStmt:
			if !f.removeVarSpec(s, wg) {
				return nil, false // wg declared with others on a line, or with a value
			}
		case *ast.AssignStmt:
			if !isWaitGroupDecl(info, s, wg) {
				return nil, false // wg assigned again or used in an expression
			}
			if !f.deleteLine(s) {
				return nil, false
			}
		case *ast.ExprStmt, *ast.DeferStmt:
			m := methodCall(info, s, wg)
			switch {
			case m == "Add" && !inNode(id, gs) && (s.Pos() < loopStmt.Node().Pos() || inNode(id, loopStmt.Node())):
				if !f.deleteLine(s) {
					return nil, false
				}
			case m == "Done" && lit != nil && stmtCur.Parent().Node() == lit.Body && done == nil:
				if _, isExpr := s.(*ast.ExprStmt); isExpr && (lit.Body.List[len(lit.Body.List)-1] != s || hasReturn(lit)) {
					return nil, false // a Done that early returns skip: the original hangs on those paths
				}
				if !f.deleteLine(s) {
					return nil, false
				}
				done = s.(ast.Stmt)
			case m == "Wait" && s == waitStmt:
				// replaced by g.Wait
			default:
				return nil, false // passed on, or a second Wait or Done
			}
		default:
			return nil, false
		}
		handled[id] = true
	}
	if done == nil {
		return nil, false // the goroutine never calls Done: not the pattern
	}
	return done, true
}

// waitExprStmt returns the expression statement of the Wait call, or nil.
func (f *fixer) waitExprStmt(fnCur inspector.Cursor, wait *ast.CallExpr) ast.Stmt {
	c, ok := fnCur.FindNode(wait)
	if !ok {
		return nil
	}
	if s, ok := c.Parent().Node().(*ast.ExprStmt); ok {
		return s
	}
	return nil
}

// stmtOf returns the innermost statement around c within fnCur.
func stmtOf(c, fnCur inspector.Cursor) (inspector.Cursor, bool) {
	for p := c.Parent(); p != fnCur && p.Node() != nil; p = p.Parent() {
		if _, ok := p.Node().(ast.Stmt); ok {
			return p, true
		}
	}
	return inspector.Cursor{}, false
}

// isWaitGroupDecl reports whether s declares wg alone with its zero value:
// var wg sync.WaitGroup, wg := sync.WaitGroup{}, &sync.WaitGroup{} or
// new(sync.WaitGroup).
func isWaitGroupDecl(info *types.Info, s ast.Stmt, wg *types.Var) bool {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE || len(s.Lhs) != 1 || len(s.Rhs) != 1 {
			return false
		}
		if id, ok := s.Lhs[0].(*ast.Ident); !ok || info.Defs[id] != wg {
			return false // another variable, or not one (wg.f := …, half typed)
		}
		switch r := ast.Unparen(s.Rhs[0]).(type) {
		case *ast.CompositeLit:
			return len(r.Elts) == 0
		case *ast.UnaryExpr:
			cl, ok := r.X.(*ast.CompositeLit)
			return ok && r.Op == token.AND && len(cl.Elts) == 0
		case *ast.CallExpr:
			id, ok := r.Fun.(*ast.Ident)
			return ok && id.Name == "new" && len(r.Args) == 1
		}
	}
	return false
}

// removeVarSpec deletes the declaration of wg from a var declaration:
// the whole statement when wg is all it declares, else wg's line of the
// var block, which is then laid out again as gofmt aligns it.
func (f *fixer) removeVarSpec(s *ast.DeclStmt, wg *types.Var) bool {
	g, ok := s.Decl.(*ast.GenDecl)
	if !ok || g.Tok != token.VAR {
		return false
	}
	var spec *ast.ValueSpec
	for _, sp := range g.Specs {
		if vs, ok := sp.(*ast.ValueSpec); ok && len(vs.Names) == 1 && f.info.Defs[vs.Names[0]] == wg && len(vs.Values) == 0 {
			spec = vs
		}
	}
	if spec == nil {
		return false
	}
	if len(g.Specs) == 1 {
		return f.deleteLine(s)
	}
	if !g.Lparen.IsValid() {
		return false
	}
	fset := f.pass.Fset
	line := func(p token.Pos) int { return fset.Position(p).Line }
	for _, sp := range g.Specs {
		if sp != spec && (line(sp.End()) == line(spec.Pos()) || line(sp.Pos()) == line(spec.End())) {
			return false // another spec on wg's line
		}
	}
	start := fixutil.LineStart(fset, spec.Pos())
	end := fixutil.NextLineStart(fset, spec.End())
	text := string(f.src[int(g.Pos())-f.base:int(start)-f.base]) + string(f.src[int(end)-f.base:int(g.End())-f.base])
	indent := fixutil.Indent(fset, s.Pos())
	out, err := format.Source([]byte("package p\n\nfunc _() {\n\t" + fixutil.Reindent(text, indent, "\t") + "\n}\n"))
	if err != nil {
		return false
	}
	body := string(out)
	i := strings.Index(body, "{\n")
	j := strings.LastIndex(body, "\n}")
	if i < 0 || j < i {
		return false
	}
	body = strings.TrimPrefix(body[i+2:j], "\t")
	f.add(g.Pos(), g.End(), fixutil.Reindent(body, "\t", indent))
	f.deleted = append(f.deleted, [2]token.Pos{spec.Pos(), spec.End()})
	return true
}

// methodCall returns the name of the method of wg that statement s calls
// (wg.M(…) or defer wg.M(…)), or "".
func methodCall(info *types.Info, s ast.Node, wg *types.Var) string {
	var call *ast.CallExpr
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, _ = s.X.(*ast.CallExpr)
	case *ast.DeferStmt:
		call = s.Call
	}
	if call == nil {
		return ""
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || objectOf(info, ast.Unparen(sel.X)) != wg {
		return ""
	}
	return sel.Sel.Name
}

// hasReturn reports whether lit's body has a return statement of its own.
func hasReturn(lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}

// freshName returns the first of names that is neither visible at any of
// positions nor declared in the block around the first of them.
func freshName(pkg *types.Package, positions []token.Pos, names ...string) (string, bool) {
	if pkg == nil || len(positions) == 0 {
		return "", false
	}
next:
	for _, name := range names {
		if !fixutil.Free(pkg, positions[0], name) {
			continue // shadows or clashes where it is declared
		}
		for _, pos := range positions[1:] {
			if fixutil.Visible(pkg, pos, name) {
				continue next // would hide something where it is used
			}
		}
		return name, true
	}
	return "", false
}

// contextInScope returns the context.Context variable named ctx visible
// at pos, or nil.
func contextInScope(pkg *types.Package, pos token.Pos) *types.Var {
	if pkg == nil {
		return nil
	}
	scope := pkg.Scope().Innermost(pos)
	if scope == nil {
		return nil
	}
	_, obj := scope.LookupParent("ctx", pos)
	v, ok := obj.(*types.Var)
	if !ok || !typesutil.IsNamed(v.Type(), "context", "Context") {
		return nil
	}
	return v
}

// refersTo reports whether n refers to obj.
func refersTo(info *types.Info, n ast.Node, obj types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}

// usedOutside reports whether obj is used in fnCur at or after from,
// outside the goroutine's call.
func usedOutside(info *types.Info, fnCur inspector.Cursor, obj types.Object, from token.Pos, call *ast.CallExpr) bool {
	for c := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if id.Pos() >= from && info.Uses[id] == obj && !inNode(id, call) {
			return true
		}
	}
	return false
}

// ctxParamOK reports whether the kratos closure's parameter may be named
// ctx: every ctx the goroutine refers to is the one the group gets (or it
// refers to none), so that the parameter shadows nothing else.
func ctxParamOK(info *types.Info, call *ast.CallExpr, group *types.Var) bool {
	ok := true
	ast.Inspect(call, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || id.Name != "ctx" {
			return ok
		}
		if obj := info.ObjectOf(id); obj != nil && obj != types.Object(group) {
			ok = false
		}
		return ok
	})
	return ok
}
