package typesutil

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// EnclosingFunc returns the cursor of the innermost function declaration
// or literal that is the node at cur or encloses it (as
// inspector.Cursor.Enclosing, cur itself counts), and false at package
// level.
func EnclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

// OuterFunc returns the cursor of the innermost function declaration or
// literal that strictly encloses the node at cur: for a function literal,
// the function it is written in. It returns false at package level.
func OuterFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if c != cur {
			return c, true
		}
	}
	return inspector.Cursor{}, false
}

// EnclosingLoop returns the innermost for or range statement that
// strictly encloses the node at cur in the same function, and false
// where there is none before a function boundary.
func EnclosingLoop(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return c, true
		case *ast.FuncLit, *ast.FuncDecl:
			return inspector.Cursor{}, false
		}
	}
	return inspector.Cursor{}, false
}

// StmtList returns the statement list n holds, a block's or a case's,
// and false for other nodes.
func StmtList(n ast.Node) ([]ast.Stmt, bool) {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List, true
	case *ast.CaseClause:
		return n.Body, true
	case *ast.CommClause:
		return n.Body, true
	}
	return nil, false
}

// FuncType returns the type of fn, an *ast.FuncDecl or *ast.FuncLit, or
// nil for other nodes.
func FuncType(fn ast.Node) *ast.FuncType {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Type
	case *ast.FuncLit:
		return fn.Type
	}
	return nil
}

// FuncBody returns the body of fn, an *ast.FuncDecl or *ast.FuncLit, or
// nil (for other nodes, and declarations without a body).
func FuncBody(fn ast.Node) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}

// TestingParam returns the name of the *testing.T, *testing.B or
// testing.TB parameter of fn (an *ast.FuncDecl or *ast.FuncLit), or "".
func TestingParam(info *types.Info, fn ast.Node) string {
	if v := TestingParamVar(info, fn); v != nil {
		return v.Name()
	}
	return ""
}

// TestingParamVar returns the *testing.T, *testing.B or testing.TB
// parameter of fn (an *ast.FuncDecl or *ast.FuncLit), or nil. A
// parameter named _ or declared with others of its type does not count.
func TestingParamVar(info *types.Info, fn ast.Node) *types.Var {
	ft := FuncType(fn)
	if ft == nil || ft.Params == nil {
		return nil
	}
	for _, f := range ft.Params.List {
		t := info.TypeOf(f.Type)
		if t == nil || len(f.Names) != 1 || f.Names[0].Name == "_" {
			continue // no usable name
		}
		if IsNamed(t, "testing", "T") || IsNamed(t, "testing", "B") || IsNamed(t, "testing", "TB") {
			v, _ := info.Defs[f.Names[0]].(*types.Var)
			return v
		}
	}
	return nil
}

// InTestFile reports whether pos is in a _test.go file of fset. A
// position in no file (NoPos, half-typed code) is in none.
func InTestFile(fset *token.FileSet, pos token.Pos) bool {
	tf := fset.File(pos)
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go")
}

// FuncDecls returns the declarations of files' functions and methods
// that have a body, by the function the type-check defined (an
// ill-typed declaration has none).
func FuncDecls(info *types.Info, files []*ast.File) map[*types.Func]*ast.FuncDecl {
	out := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					out[fn] = fd
				}
			}
		}
	}
	return out
}
