package uncheckedtypeassertion

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// An assertion is dominated when, on every path to it in its function,
// the same expression has already been asserted to the same type (that
// assertion panics first, and is the one reported), or checked with a
// comma-ok that leaves the function or loop when it fails; and the
// expression's variable is not assigned in between. Such an assertion
// cannot fail, and is not reported.

// isDominated reports whether the assertion at cur is dominated.
func isDominated(info *types.Info, cur inspector.Cursor, assert *ast.TypeAssertExpr) bool {
	tt := info.TypeOf(assert.Type)
	if tt == nil {
		return false
	}
	d := dominance{info: info, x: assert.X, t: tt, root: rootOf(info, assert.X)}
	for c := cur; ; c = c.Parent() {
		switch c.Node().(type) {
		case nil, *ast.FuncDecl, *ast.FuncLit:
			return false // dominance does not cross functions
		}
		p := c.Parent().Node()
		switch c.ParentEdgeKind() {
		case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
			if isSwitchBody(c.Parent()) {
				continue // earlier cases do not run before this one
			}
			_, i := c.ParentEdge()
			if list, _ := typesutil.StmtList(p); d.inList(list, i) {
				return true
			}
		case edge.IfStmt_Body, edge.IfStmt_Else:
			ifs := p.(*ast.IfStmt)
			if d.runs(ifs.Init) || d.runs(ifs.Cond) {
				return true
			}
		case edge.ForStmt_Body:
			fs := p.(*ast.ForStmt)
			if d.runs(fs.Init) || d.runs(fs.Cond) {
				return true
			}
		case edge.SwitchStmt_Body:
			sw := p.(*ast.SwitchStmt)
			if d.runs(sw.Init) || d.runs(sw.Tag) {
				return true
			}
		case edge.BinaryExpr_Y:
			if b := p.(*ast.BinaryExpr); (b.Op == token.LAND || b.Op == token.LOR) && d.runs(b.X) {
				return true
			}
		}
	}
}

// isSwitchBody reports whether the block at c is the body of a switch,
// a type switch or a select, whose statements are its clauses.
func isSwitchBody(c inspector.Cursor) bool {
	switch c.ParentEdgeKind() {
	case edge.SwitchStmt_Body, edge.TypeSwitchStmt_Body, edge.SelectStmt_Body:
		return true
	}
	return false
}

type dominance struct {
	info *types.Info
	x    ast.Expr
	t    types.Type
	root types.Object // the variable x is a path of, or nil
}

// inList reports whether a statement before list[i] dominates it.
func (d dominance) inList(list []ast.Stmt, i int) bool {
	for j := i - 1; j >= 0; j-- {
		s := list[j]
		if d.assigns(s) {
			return false // x changed since
		}
		if d.runs(s) || d.checksAndLeaves(s) {
			return true
		}
		if d.checkedBy(s, list[j+1:i]) {
			return true
		}
	}
	return false
}

// runs reports whether n always evaluates a single-value assertion of x
// to t when it runs to its end.
func (d dominance) runs(n ast.Node) bool {
	if n == nil || d.root == nil {
		return false
	}
	found := false
	var visit func(n ast.Node) bool
	inspect := func(n ast.Node) {
		if n != nil {
			ast.Inspect(n, visit)
		}
	}
	visit = func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.CaseClause, *ast.CommClause:
			return false // runs later, or maybe not at all
		case *ast.IfStmt:
			inspect(n.Init)
			inspect(n.Cond)
			return false
		case *ast.ForStmt:
			inspect(n.Init)
			inspect(n.Cond)
			return false
		case *ast.RangeStmt:
			inspect(n.X)
			return false
		case *ast.SwitchStmt:
			inspect(n.Init)
			inspect(n.Tag)
			return false
		case *ast.TypeSwitchStmt, *ast.SelectStmt:
			return false
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				inspect(n.X)
				return false // the right operand may not run
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if _, ok := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); ok {
					return false // a comma-ok assertion does not panic
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				return false
			}
		case *ast.TypeAssertExpr:
			if n.Type != nil && d.same(n) {
				found = true
				return false
			}
		}
		return true
	}
	ast.Inspect(n, visit)
	return found
}

// same reports whether ta asserts x to t.
func (d dominance) same(ta *ast.TypeAssertExpr) bool {
	at := d.info.TypeOf(ta.Type)
	return at != nil && types.Identical(at, d.t) && sameExpr(d.info, ta.X, d.x)
}

// commaOK returns the ok variable of `v, ok := x.(t)` (or `=`).
func (d dominance) commaOK(s ast.Stmt) types.Object {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil
	}
	ta, ok := ast.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil || !d.same(ta) {
		return nil
	}
	return typesutil.ObjectOf(d.info, as.Lhs[1])
}

// checksAndLeaves reports whether s is `if _, ok := x.(t); !ok { leave }`.
func (d dominance) checksAndLeaves(s ast.Stmt) bool {
	ifs, ok := s.(*ast.IfStmt)
	if !ok || ifs.Init == nil {
		return false
	}
	okObj := d.commaOK(ifs.Init)
	return okObj != nil && d.leavesUnlessOK(ifs, okObj)
}

// checkedBy reports whether s is `v, ok := x.(t)` and one of the
// statements after it is `if !ok { leave }`.
func (d dominance) checkedBy(s ast.Stmt, after []ast.Stmt) bool {
	okObj := d.commaOK(s)
	if okObj == nil {
		return false
	}
	for _, a := range after {
		if ifs, ok := a.(*ast.IfStmt); ok && ifs.Init == nil && d.leavesUnlessOK(ifs, okObj) {
			return true
		}
	}
	return false
}

// leavesUnlessOK reports whether ifs is `if !ok [|| …] { leave }` with no else.
func (d dominance) leavesUnlessOK(ifs *ast.IfStmt, okObj types.Object) bool {
	if ifs.Else != nil || !terminates(d.info, ifs.Body) {
		return false
	}
	var disj func(e ast.Expr) bool
	disj = func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.LOR {
			return disj(b.X) || disj(b.Y)
		}
		u, ok := e.(*ast.UnaryExpr)
		return ok && u.Op == token.NOT && typesutil.ObjectOf(d.info, u.X) == okObj
	}
	return disj(ifs.Cond)
}

// assigns reports whether s may change x: it assigns x's variable, or
// takes its address.
func (d dominance) assigns(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if rootOf(d.info, l) == d.root {
					found = true
				}
			}
		case *ast.IncDecStmt:
			found = found || rootOf(d.info, n.X) == d.root
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && rootOf(d.info, n.X) == d.root)
		case *ast.RangeStmt:
			found = found || (n.Key != nil && rootOf(d.info, n.Key) == d.root) || (n.Value != nil && rootOf(d.info, n.Value) == d.root)
		}
		return !found
	})
	return found
}

// rootOf returns the variable at the root of x, x.f, x[i], or nil for
// anything else (a call, say).
func rootOf(info *types.Info, e ast.Expr) types.Object {
	for {
		switch n := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.ObjectOf(n).(*types.Var); ok {
				return v
			}
			return nil
		case *ast.SelectorExpr:
			if s := info.Selections[n]; s == nil || s.Kind() != types.FieldVal {
				return nil
			}
			e = n.X
		case *ast.IndexExpr:
			e = n.X
		case *ast.StarExpr:
			e = n.X
		default:
			return nil
		}
	}
}

// terminates reports whether a block ends by leaving: return, break,
// continue, goto, panic or a call that never returns.
func terminates(info *types.Info, b *ast.BlockStmt) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok {
				return b.Name() == "panic"
			}
		}
		fn := typesutil.Callee(info, call)
		return fn != nil && noreturn.Known(fn)
	}
	return false
}
