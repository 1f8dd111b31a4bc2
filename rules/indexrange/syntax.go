package indexrange

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// Syntax helpers for the fixes. (enclosingStmt, canHoist, testingParam,
// startsAndEndsLine and lineEnd are shaped like those of
// uncheckedtypeassertion; see the report on sharing them.)

// enclosingFunc returns the innermost function declaration or literal
// enclosing cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

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

// enclosingStmt returns the innermost statement enclosing cur that is an
// element of a statement list of the same function.
func enclosingStmt(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return inspector.Cursor{}, false
		}
		switch c.ParentEdgeKind() {
		case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
			if _, ok := c.Node().(ast.Stmt); ok {
				return c, true
			}
		}
	}
	return inspector.Cursor{}, false
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

// isPure reports whether e is a variable or a field path of one.
func isPure(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPure(e.X)
	}
	return false
}

// testingParam returns the name of fn's *testing.T, *testing.B or
// testing.TB parameter, or "".
func testingParam(info *types.Info, fn ast.Node) string {
	var params *ast.FieldList
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		params = fn.Type.Params
	case *ast.FuncLit:
		params = fn.Type.Params
	}
	if params == nil {
		return ""
	}
	for _, f := range params.List {
		t := info.TypeOf(f.Type)
		if t == nil || len(f.Names) != 1 || f.Names[0].Name == "_" {
			continue // no usable name
		}
		if typesutil.IsNamed(t, "testing", "T") || typesutil.IsNamed(t, "testing", "B") || typesutil.IsNamed(t, "testing", "TB") {
			return f.Names[0].Name
		}
	}
	return ""
}

// startsAndEndsLine reports whether the statement at cur is alone on its
// lines: no sibling statement starts on its first line or ends on its last.
func startsAndEndsLine(fset *token.FileSet, cur inspector.Cursor) bool {
	stmt := cur.Node()
	if prev, ok := cur.PrevSibling(); ok && fset.Position(prev.Node().End()).Line == fset.Position(stmt.Pos()).Line {
		return false
	}
	if next, ok := cur.NextSibling(); ok && fset.Position(next.Node().Pos()).Line == fset.Position(stmt.End()).Line {
		return false
	}
	return true
}

// lineEnd returns the position of the newline that ends the line of pos
// (after any trailing comment), or the end of the file.
func lineEnd(fset *token.FileSet, pos token.Pos) token.Pos {
	next := fixutil.NextLineStart(fset, pos)
	tf := fset.File(pos)
	if int(next) == tf.Base()+tf.Size() && tf.Line(next) == tf.Line(pos) {
		return next
	}
	return next - 1
}
