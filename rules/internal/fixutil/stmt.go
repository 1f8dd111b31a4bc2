package fixutil

import (
	"go/ast"
	"go/token"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// EnclosingStmt returns the innermost statement enclosing cur that is an
// element of a statement list (a block or a case body) of the same
// function: where a fix can insert statements before it.
func EnclosingStmt(cur inspector.Cursor) (inspector.Cursor, bool) {
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

// AloneOnLines reports whether the statement at cur is alone on its
// lines: no sibling statement ends on its first line or starts on its
// last, so that lines can be inserted before and after it.
func AloneOnLines(fset *token.FileSet, cur inspector.Cursor) bool {
	stmt := cur.Node()
	if prev, ok := cur.PrevSibling(); ok && fset.Position(End(fset, prev.Node())).Line == fset.Position(stmt.Pos()).Line {
		return false
	}
	if next, ok := cur.NextSibling(); ok && fset.Position(next.Node().Pos()).Line == fset.Position(End(fset, stmt)).Line {
		return false
	}
	return true
}

// IsVarPath reports whether e is a variable or a field path of one (x,
// x.f, x.f.g): evaluating it twice is the same as once.
func IsVarPath(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return IsVarPath(e.X)
	}
	return false
}

// IsTestVariant reports whether the pass is over a package together with
// its _test.go files.
func IsTestVariant(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		if typesutil.InTestFile(pass.Fset, f.FileStart) {
			return true
		}
	}
	return false
}
