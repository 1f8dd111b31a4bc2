package typesutil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/inspector"
)

const funcsSrc = `package p

import "testing"

var top = 1

func outer(t *testing.T, _ *testing.B) {
	f := func(tb testing.TB) {
		_ = top
	}
	_ = f
}

func shared(a, b *testing.T) {}

func noBody()
`

func TestEnclosingFunc(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", funcsSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	in := inspector.New([]*ast.File{file})
	var decl, lit, use, pkgLevel inspector.Cursor
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.Ident)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if n.Name.Name == "outer" {
				decl = cur
			}
		case *ast.FuncLit:
			lit = cur
		case *ast.Ident:
			if n.Name == "top" {
				if _, ok := cur.Parent().Node().(*ast.AssignStmt); ok {
					use = cur
				} else {
					pkgLevel = cur
				}
			}
		}
	}
	for _, tc := range []struct {
		name      string
		got       func(inspector.Cursor) (inspector.Cursor, bool)
		at        inspector.Cursor
		want      inspector.Cursor
		wantFound bool
	}{
		{"EnclosingFunc(use)", typesutil.EnclosingFunc, use, lit, true},
		{"OuterFunc(use)", typesutil.OuterFunc, use, lit, true},
		{"EnclosingFunc(lit)", typesutil.EnclosingFunc, lit, lit, true},
		{"OuterFunc(lit)", typesutil.OuterFunc, lit, decl, true},
		{"OuterFunc(decl)", typesutil.OuterFunc, decl, inspector.Cursor{}, false},
		{"EnclosingFunc(package level)", typesutil.EnclosingFunc, pkgLevel, inspector.Cursor{}, false},
	} {
		got, ok := tc.got(tc.at)
		if ok != tc.wantFound || got != tc.want {
			t.Errorf("%s = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.wantFound)
		}
	}
	if typesutil.FuncBody(decl.Node()) != decl.Node().(*ast.FuncDecl).Body || typesutil.FuncBody(lit.Node()) != lit.Node().(*ast.FuncLit).Body {
		t.Error("FuncBody does not return the bodies")
	}
	if typesutil.FuncBody(use.Node()) != nil || typesutil.FuncBody(nil) != nil {
		t.Error("FuncBody of a non-function is not nil")
	}
}

func TestTestingParam(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", funcsSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object)}
	if _, err := (&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}).Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"outer": "t", "shared": "", "noBody": ""} // shared's two *testing.T share a field
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if got := typesutil.TestingParam(info, n); got != want[n.Name.Name] {
				t.Errorf("TestingParam(%s) = %q, want %q", n.Name.Name, got, want[n.Name.Name])
			}
		case *ast.FuncLit:
			v := typesutil.TestingParamVar(info, n)
			if v == nil || v.Name() != "tb" || v != info.Defs[n.Type.Params.List[0].Names[0]] {
				t.Errorf("TestingParamVar(func literal) = %v, want its tb parameter", v)
			}
		}
		return true
	})
}

// TestFuncDecls: functions and methods with a body, by their objects;
// not one declared without a body.
func TestFuncDecls(t *testing.T) {
	const src = "package p\n\ntype T struct{}\n\nfunc (T) M() {}\n\nfunc F() { func() {}() }\n\nfunc asm()\n"
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	got := make(map[string]bool)
	for fn, fd := range typesutil.FuncDecls(info, []*ast.File{file}) {
		if fd.Name.Name != fn.Name() || fd.Body == nil {
			t.Errorf("%s: declaration %s, body %v", fn.FullName(), fd.Name.Name, fd.Body != nil)
		}
		got[fn.FullName()] = true
	}
	if want := map[string]bool{"(p.T).M": true, "p.F": true}; len(got) != len(want) || !got["(p.T).M"] || !got["p.F"] {
		t.Errorf("FuncDecls has %v, want %v", got, want)
	}
}
