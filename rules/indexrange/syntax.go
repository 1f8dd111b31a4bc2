package indexrange

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// Syntax helpers for the fixes. (enclosingStmt, canHoist, testingParam,
// startsAndEndsLine and lineEnd are shaped like those of
// uncheckedtypeassertion; see the report on sharing them.)

// isDeferred reports whether the function at fn is a literal called by
// a defer statement.
func isDeferred(fn inspector.Cursor) bool {
	lit, ok := fn.Node().(*ast.FuncLit)
	if !ok {
		return false
	}
	if fn.ParentEdgeKind() != edge.CallExpr_Fun {
		return false
	}
	call := fn.Parent()
	_, ok = call.Parent().Node().(*ast.DeferStmt)
	return ok && call.Node().(*ast.CallExpr).Fun == lit
}

// canHoist reports whether the expression at cur is evaluated every time
// the statement at stmt runs, after nothing that the statement itself
// could change it with: not in a nested block, a loop's condition, a
// case, a short-circuited operand, or after an init statement.
func canHoist(stmt, cur inspector.Cursor) bool {
	for c := cur; c != stmt; c = c.Parent() {
		switch c.ParentEdgeKind() {
		case edge.BinaryExpr_Y:
			if op := c.Parent().Node().(*ast.BinaryExpr).Op; op == token.LAND || op == token.LOR {
				return false // evaluated only sometimes
			}
		case edge.ForStmt_Cond, edge.ForStmt_Post, edge.ForStmt_Body, edge.RangeStmt_Body,
			edge.IfStmt_Body, edge.IfStmt_Else, edge.SwitchStmt_Body, edge.TypeSwitchStmt_Body,
			edge.SelectStmt_Body, edge.CaseClause_List, edge.CaseClause_Body, edge.CommClause_Body,
			edge.CommClause_Comm, edge.LabeledStmt_Stmt, edge.FuncLit_Body:
			return false // in a nested statement, or evaluated repeatedly or lazily
		case edge.IfStmt_Cond, edge.SwitchStmt_Tag:
			if init := initOf(c.Parent().Node()); init != nil {
				return false // the init statement runs first
			}
		}
	}
	return true
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
