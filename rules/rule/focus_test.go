package rule_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/ast/inspector"
)

// TestFocus: the nil Focus holds every position and wants facts; a
// Focus of files holds their positions, ends included, and no other
// file's; none holds nothing; WithoutFacts keeps the files.
func TestFocus(t *testing.T) {
	fset := token.NewFileSet()
	a := fset.AddFile("a.go", -1, 100)
	b := fset.AddFile("b.go", -1, 50)
	c := fset.AddFile("c.go", -1, 10)
	var whole *rule.Focus
	ab := rule.NewFocus([]*token.File{a, b})
	none := rule.NewFocus(nil)
	for _, tc := range []struct {
		name  string
		f     *rule.Focus
		pos   token.Pos
		has   bool
		facts bool
	}{
		{"whole", whole, c.Pos(5), true, true},
		{"whole without facts", whole.WithoutFacts(), c.Pos(5), true, false},
		{"a's start", ab, a.Pos(0), true, true},
		{"a's end", ab, a.Pos(100), true, true},
		{"b", ab, b.Pos(20), true, true},
		{"c", ab, c.Pos(0), false, true},
		{"c without facts", ab.WithoutFacts(), c.Pos(0), false, false},
		{"b without facts", ab.WithoutFacts(), b.Pos(0), true, false},
		{"none", none, a.Pos(0), false, true},
	} {
		if got := tc.f.Has(tc.pos); got != tc.has {
			t.Errorf("%s: Has = %v, want %v", tc.name, got, tc.has)
		}
		if got := tc.f.Facts(); got != tc.facts {
			t.Errorf("%s: Facts = %v, want %v", tc.name, got, tc.facts)
		}
	}
}

// TestFileCursors: a Focus gives the cursors of its files, in the
// package's order, and the nodes of a type in them (Preorder); the nil
// Focus every file's; none, no file's.
func TestFileCursors(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range []string{"a.go", "b.go", "c.go"} {
		src := "package p\n\nfunc " + strings.ToUpper(name[:1]) + "() { _ = func() {} }\n"
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	in := inspector.New(files)
	tok := func(i int) *token.File { return fset.File(files[i].FileStart) }
	for _, tc := range []struct {
		name string
		f    *rule.Focus
		want []string
	}{
		{"whole", nil, []string{"a.go", "b.go", "c.go"}},
		{"c and a", rule.NewFocus([]*token.File{tok(2), tok(0)}), []string{"a.go", "c.go"}},
		{"b", rule.NewFocus([]*token.File{tok(1)}), []string{"b.go"}},
		{"none", rule.NewFocus(nil), nil},
	} {
		var got []string
		for cur := range tc.f.FileCursors(in) {
			got = append(got, fset.File(cur.Node().Pos()).Name())
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: files %v, want %v", tc.name, got, tc.want)
		}
		var funcs, want []string
		for cur := range tc.f.Preorder(in, (*ast.FuncDecl)(nil)) {
			funcs = append(funcs, cur.Node().(*ast.FuncDecl).Name.Name)
		}
		for _, file := range tc.want {
			want = append(want, strings.ToUpper(file[:1]))
		}
		if !slices.Equal(funcs, want) {
			t.Errorf("%s: Preorder gives functions %v, want %v", tc.name, funcs, want)
		}
	}
}
