package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
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
		switch a.Node().(type) {
		case *ast.FuncDecl, *ast.File:
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

// readOnlyMap reports whether used, a result of call, is a local map
// that the function only reads from there on (see onlyReadsMap).
func (c *checker) readOnlyMap(fnCur inspector.Cursor, call *ast.CallExpr, used ast.Expr) bool {
	v := typesutil.LocalVar(c.info, used)
	if v == nil {
		return false
	}
	if _, ok := v.Type().Underlying().(*types.Map); !ok {
		return false
	}
	return c.onlyReadsMap(fnCur, call, v)
}

// mapReadMethods are methods of standard library map types that only
// read the map, and so are safe on a nil one.
var mapReadMethods = []struct{ pkg, typ, name string }{
	{"net/url", "Values", "Get"}, {"net/url", "Values", "Has"}, {"net/url", "Values", "Encode"},
	{"net/http", "Header", "Get"}, {"net/http", "Header", "Values"}, {"net/http", "Header", "Clone"},
}

// onlyReadsMap reports whether every read of the map variable v after
// stmt only reads it: an index that is not assigned to, len, delete,
// range, a comparison with nil, or a read method of a standard map type
// (url.Values.Get). A nil map reads as empty, so the nil that a failure
// leaves behind gives an empty answer, not a panic.
func (c *checker) onlyReadsMap(fnCur inspector.Cursor, stmt ast.Node, v *types.Var) bool {
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if id.Pos() < stmt.End() || c.info.Uses[id] != v || isAssignTarget(idCur) {
			continue // not a later read of v
		}
		if !c.readsMap(idCur) {
			return false
		}
	}
	return true
}

// readsMap reports whether the use of a map at cur only reads it.
func (c *checker) readsMap(cur inspector.Cursor) bool {
	parent := cur.Parent()
	switch cur.ParentEdgeKind() {
	case edge.IndexExpr_X:
		switch parent.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.IncDecStmt_X:
			return false // m[k] = v, m[k]++
		}
		return true
	case edge.RangeStmt_X:
		return true
	case edge.BinaryExpr_X, edge.BinaryExpr_Y:
		return c.comparedWithNil(cur)
	case edge.CallExpr_Args:
		b, ok := c.info.Uses[identOf(parent.Node().(*ast.CallExpr).Fun)].(*types.Builtin)
		return ok && (b.Name() == "len" || b.Name() == "delete")
	case edge.SelectorExpr_X:
		fn, ok := c.info.Uses[parent.Node().(*ast.SelectorExpr).Sel].(*types.Func)
		if !ok || parent.ParentEdgeKind() != edge.CallExpr_Fun {
			return false
		}
		for _, m := range mapReadMethods {
			if typesutil.IsMethod(fn, m.pkg, m.typ, m.name) {
				return true
			}
		}
	}
	return false
}
