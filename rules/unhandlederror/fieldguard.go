package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// nilGuardedField reports whether e (the target of `x.f, _ = g()`) is an
// unexported field of a type of this package that the package reads only
// behind a nil check: every read compares it with nil, or stands in the
// body of an if whose condition says `x.f != nil` of the same field, as
// in `if s.adminClean != nil { s.adminClean() }`. Only the package can
// read an unexported field, so the nil that a failed g leaves there is
// handled wherever the field is used.
func (c *checker) nilGuardedField(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	f, ok := c.info.Uses[sel.Sel].(*types.Var)
	if !ok || !f.IsField() || f.Exported() || f.Pkg() != c.pass.Pkg {
		return false
	}
	reads := 0
	for cur := range c.insp.Root().Preorder((*ast.SelectorExpr)(nil)) {
		s := cur.Node().(*ast.SelectorExpr)
		if c.info.Uses[s.Sel] != f || isAssignTarget(cur) {
			continue // another object, or a write
		}
		reads++
		if !c.comparedWithNil(cur) && !c.underNilCheck(cur, f) {
			return false
		}
	}
	return reads > 0
}

// comparedWithNil reports whether the expression at cur is an operand of
// a comparison with nil.
func (c *checker) comparedWithNil(cur inspector.Cursor) bool {
	b, ok := cur.Parent().Node().(*ast.BinaryExpr)
	return ok && (b.Op == token.EQL || b.Op == token.NEQ) && (c.isNil(b.X) || c.isNil(b.Y))
}

// underNilCheck reports whether cur stands in the body of an if whose
// condition is, or is a conjunction holding, `x.f != nil` of field f.
func (c *checker) underNilCheck(cur inspector.Cursor, f *types.Var) bool {
	for a := cur; ; a = a.Parent() {
		if a.ParentEdgeKind() == edge.IfStmt_Body && c.condSaysNotNil(a.Parent().Node().(*ast.IfStmt).Cond, f) {
			return true
		}
		if _, isFunc := a.Node().(*ast.FuncDecl); isFunc || a.ParentEdgeKind() == edge.Invalid {
			return false
		}
	}
}

// condSaysNotNil reports whether cond holds only if field f is not nil:
// `x.f != nil`, or a && whose operand says so.
func (c *checker) condSaysNotNil(cond ast.Expr, f *types.Var) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch b.Op {
	case token.LAND:
		return c.condSaysNotNil(b.X, f) || c.condSaysNotNil(b.Y, f)
	case token.NEQ:
		for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			if s, ok := ast.Unparen(pair[0]).(*ast.SelectorExpr); ok && c.info.Uses[s.Sel] == f && c.isNil(pair[1]) {
				return true
			}
		}
	}
	return false
}
