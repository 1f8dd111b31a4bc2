package uncheckedtypeassertion

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// A value that names its own kind is asserted after the code asked it:
//
//	if mv.Type() != model.ValMatrix {
//		return nil, fmt.Errorf("unexpected value type %s", mv.Type())
//	}
//	m := mv.(model.Matrix)
//
// or `switch n.Kind() { case KindList: n.(*List) }`. The interface's own
// tag method (Type, Kind, Op, …) pins the dynamic type by its contract,
// which the rule cannot read (the implementations are often in another
// module); the program has checked what it could. Such an assertion is
// reported at information severity, as other contracts are.

// isTagChecked reports whether, on the way to the assertion at cur, the
// code compared a tag of the asserted expression (x.M(), a method with no
// parameters and one result of a basic type) with a constant: the
// then-branch of `if x.M() == C`, the else-branch or the statements after
// `if x.M() != C { leave }`, or a case of `switch x.M()`; x unchanged in
// between.
func isTagChecked(info *types.Info, cur inspector.Cursor, assert *ast.TypeAssertExpr) bool {
	d := dominance{info: info, x: assert.X, root: rootOf(info, assert.X)}
	if d.root == nil {
		return false
	}
	for c := cur; ; c = c.Parent() {
		switch c.Node().(type) {
		case nil, *ast.FuncDecl, *ast.FuncLit:
			return false // the check does not cross functions
		}
		p := c.Parent().Node()
		switch c.ParentEdgeKind() {
		case edge.IfStmt_Body:
			if d.tagCompared(p.(*ast.IfStmt).Cond, token.EQL) {
				return true
			}
		case edge.IfStmt_Else:
			if d.tagCompared(p.(*ast.IfStmt).Cond, token.NEQ) {
				return true
			}
		case edge.CaseClause_Body:
			if sw, ok := c.Parent().Parent().Parent().Node().(*ast.SwitchStmt); ok && d.isTag(sw.Tag) && len(p.(*ast.CaseClause).List) > 0 {
				return true // case C: of switch x.M()
			}
		case edge.BlockStmt_List:
			if isSwitchBody(c.Parent()) {
				continue
			}
			_, i := c.ParentEdge()
			if list, _ := typesutil.StmtList(p); d.tagLeftBefore(list, i) {
				return true
			}
		}
	}
}

// tagLeftBefore reports whether a statement before list[i] is
// `if x.M() != C [|| …] { leave }` with no else, x unchanged since.
func (d dominance) tagLeftBefore(list []ast.Stmt, i int) bool {
	for j := i - 1; j >= 0; j-- {
		s := list[j]
		if d.assigns(s) {
			return false // x changed since
		}
		ifs, ok := s.(*ast.IfStmt)
		if ok && ifs.Else == nil && terminates(d.info, ifs.Body) && d.tagDisjunct(ifs.Cond) {
			return true
		}
	}
	return false
}

// tagCompared reports whether cond is, or has as a conjunct, the
// comparison `x.M() op C` (either way round).
func (d dominance) tagCompared(cond ast.Expr, op token.Token) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	if b.Op == token.LAND && op == token.EQL {
		return d.tagCompared(b.X, op) || d.tagCompared(b.Y, op)
	}
	if b.Op == token.LOR && op == token.NEQ {
		return d.tagDisjunct(b) // else of `x.M() != C || …`: all were false
	}
	return b.Op == op && (d.isTag(b.X) && isConstant(d.info, b.Y) || d.isTag(b.Y) && isConstant(d.info, b.X))
}

// tagDisjunct reports whether cond is, or has as a disjunct, `x.M() != C`.
func (d dominance) tagDisjunct(cond ast.Expr) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	if b.Op == token.LOR {
		return d.tagDisjunct(b.X) || d.tagDisjunct(b.Y)
	}
	return b.Op == token.NEQ && (d.isTag(b.X) && isConstant(d.info, b.Y) || d.isTag(b.Y) && isConstant(d.info, b.X))
}

// isTag reports whether e is x.M(): a call of a method of the asserted
// expression with no arguments and one result of a basic type.
func (d dominance) isTag(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !sameExpr(d.info, sel.X, d.x) {
		return false
	}
	s := d.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return false
	}
	res := s.Type().(*types.Signature).Results()
	if res.Len() != 1 {
		return false
	}
	_, basic := res.At(0).Type().Underlying().(*types.Basic)
	return basic
}

// isConstant reports whether e is a constant.
func isConstant(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil
}
