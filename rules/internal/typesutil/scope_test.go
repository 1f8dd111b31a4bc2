package typesutil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// TestInnermost compares Innermost with go/types at every position of
// two files whose function scopes go/types makes out of source order
// (methods first, a function an initializer calls early).
func TestInnermost(t *testing.T) {
	srcs := []string{`package p

var x = late()

func early(n int) int {
	if n > 0 {
		for i := 0; i < n; i++ {
			n += i
		}
	}
	return n
}

func (T) M() int { return func() int { y := 1; return y }() }

type T struct{}

func late() int { return 1 }
`, `package p

func other() {
	switch v := any(1).(type) {
	case int:
		_ = v
	}
}

func (*T) N() {}
`}
	fset := token.NewFileSet()
	var files []*ast.File
	for i, src := range srcs {
		f, err := parser.ParseFile(fset, "p"+string(rune('0'+i))+".go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", fset, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	unsorted := false
	for file := range pkg.Scope().Children() {
		for i := 1; i < file.NumChildren(); i++ {
			unsorted = unsorted || file.Child(i).Pos() < file.Child(i-1).Pos()
		}
	}
	if !unsorted {
		t.Fatal("go/types made the scopes in source order: the test shows nothing")
	}
	checked := 0
	for _, f := range files {
		for pos := f.FileStart; pos <= f.FileEnd; pos++ {
			if got, want := typesutil.Innermost(pkg, pos), pkg.Scope().Innermost(pos); got != want {
				t.Fatalf("%s: Innermost = %v, want %v", fset.Position(pos), got, want)
			}
			checked++
		}
	}
	if got := typesutil.Innermost(pkg, token.NoPos); got != nil {
		t.Errorf("Innermost(NoPos) = %v, want nil", got)
	}
	t.Logf("%d positions", checked)
}
