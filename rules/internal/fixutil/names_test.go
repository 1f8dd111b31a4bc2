package fixutil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
)

func TestFreshName(t *testing.T) {
	const src = `package p

func f(x any) {
	ok := 1
	_ = ok
	if y := x; y != nil {
		_ = y
	}
	v := 2
	_ = v
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ifPos token.Pos
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.IfStmt); ok {
			ifPos = s.Pos()
		}
		return true
	})
	// Before the if: ok is visible, v is declared later in the same block
	// (the if statement's own scope must not hide that).
	if got := fixutil.FreshName(pkg, ifPos, "ok", nil); got != "ok2" {
		t.Errorf("FreshName(ok) = %q, want ok2", got)
	}
	if got := fixutil.FreshName(pkg, ifPos, "v", nil); got != "v2" {
		t.Errorf("FreshName(v) = %q, want v2 (v is declared later in the block)", got)
	}
	// Two fixes in one block do not declare the same name.
	taken := map[string]bool{}
	a, b := fixutil.FreshName(pkg, ifPos, "n", taken), fixutil.FreshName(pkg, ifPos, "n", taken)
	if a != "n" || b != "n2" {
		t.Errorf("FreshName twice = %q, %q; want n, n2", a, b)
	}
	if !fixutil.Free(pkg, ifPos, "w") {
		t.Error("Free(w) = false")
	}
}
