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

// TestDeclaredAfter checks the shape of etcd server v3.7.3
// storage/wal/version.go: binding err at the first statement of a block
// whose later statement declares err with := breaks the build.
func TestDeclaredAfter(t *testing.T) {
	const src = `package p

func f(g func() (int, error)) error {
	if g != nil {
		v, _ := g()
		err := h(v)
		if err != nil {
			return err
		}
		x := 1
		_ = x
	}
	return nil
}

func h(int) error { return nil }
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
	var first, last token.Pos // of `v, _ := g()` and `x := 1`
	ast.Inspect(f, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			if first == token.NoPos {
				first = as.Pos()
			}
			if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Name == "x" {
				last = as.Pos()
			}
		}
		return true
	})
	if !fixutil.DeclaredAfter(pkg, first, "err") {
		t.Error("DeclaredAfter(err) = false before `err := h(v)` of the same block")
	}
	if fixutil.DeclaredAfter(pkg, last, "err") {
		t.Error("DeclaredAfter(err) = true after the block's declaration of err")
	}
	if fixutil.Free(pkg, first, "err") {
		t.Error("Free(err) = true before a later declaration of err in the block")
	}
	if got := fixutil.FreshName(pkg, first, "err", nil); got != "err2" {
		t.Errorf("FreshName(err) = %q, want err2", got)
	}
	if fixutil.DeclaredAfter(pkg, first, "x2") {
		t.Error("DeclaredAfter(x2) = true; nothing declares it")
	}
}
