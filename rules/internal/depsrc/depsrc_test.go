package depsrc_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/depsrc"
)

// funcOf type-checks the file at path and returns its function name.
func funcOf(t *testing.T, fset *token.FileSet, path, name string) *types.Func {
	t.Helper()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := pkg.Scope().Lookup(name).(*types.Func)
	if fn == nil {
		t.Fatalf("no func %s", name)
	}
	return fn
}

func TestLookup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.go")
	write := func(src string) {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	calls := 0
	table := depsrc.Table[int]{Answer: func(fd *ast.FuncDecl) int {
		calls++
		return len(fd.Body.List)
	}}

	write("package p\n\nfunc F() {\n\tprintln()\n}\n\nfunc G() {}\n")
	fset := token.NewFileSet()
	f, g := funcOf(t, fset, path, "F"), funcOf(t, fset, path, "G")
	if n, ok := table.Lookup(fset, f); !ok || n != 1 {
		t.Errorf("Lookup(F) = %d, %v; want 1, true", n, ok)
	}
	if n, ok := table.Lookup(fset, g); !ok || n != 0 {
		t.Errorf("Lookup(G) = %d, %v; want 0, true", n, ok)
	}
	if calls != 2 {
		t.Errorf("%d answers for a file of two functions read once, want 2", calls)
	}

	// The file changes: a function no longer on its line is not matched,
	// and the new text is read.
	write("package p\n\nfunc H() {}\n\nfunc F() {\n\tprintln()\n\tprintln()\n}\n")
	if _, ok := table.Lookup(fset, f); ok {
		t.Error("Lookup(F) matched a declaration that moved")
	}
	fset2 := token.NewFileSet()
	if n, ok := table.Lookup(fset2, funcOf(t, fset2, path, "F")); !ok || n != 2 {
		t.Errorf("Lookup(F) after the change = %d, %v; want 2, true", n, ok)
	}

	// No position, or a file that is gone: no answer.
	if _, ok := table.Lookup(token.NewFileSet(), f); ok {
		t.Error("Lookup with a file set that does not know F's position answered")
	}
	fset3 := token.NewFileSet()
	f3 := funcOf(t, fset3, path, "F")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, ok := table.Lookup(fset3, f3); ok {
		t.Error("Lookup answered for a file that is gone")
	}
}
