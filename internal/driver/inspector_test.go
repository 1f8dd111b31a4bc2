package driver

import (
	"context"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"log/slog"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// TestBuildMakesInspector: the rules get the inspector Build made
// beside the type-check, holding every file of the package.
func TestBuildMakesInspector(t *testing.T) {
	fset := token.NewFileSet()
	in := &Input{ID: "p", Path: "p", Name: "p", Importer: importer.Default()}
	for i, src := range []string{"package p\n\nfunc F() { _ = 1 }\n", "package p\n\nfunc G() { F() }\n"} {
		f, err := parser.ParseFile(fset, fmt.Sprintf("f%d.go", i), src, 0)
		if err != nil {
			t.Fatal(err)
		}
		in.Files = append(in.Files, f)
		in.Toks = append(in.Toks, fset.File(f.FileStart))
	}
	u := Build(in, slog.New(slog.DiscardHandler))
	if u.HasErrors {
		t.Fatalf("type errors: %v", u.TypeErrors)
	}
	var got *inspector.Inspector
	an := &analysis.Analyzer{
		Name: "t", Doc: "t",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			got = pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			return nil, nil
		},
	}
	r := &runner{ctx: context.Background(), unit: u, done: make(map[*analysis.Analyzer]*action), sem: make(chan struct{}, 1)}
	if act := r.run(an); act.err != nil {
		t.Fatal(act.err)
	}
	if got == nil || got != u.inspector {
		t.Fatalf("the rule got inspector %p, want Build's %p", got, u.inspector)
	}
	var decls []string
	for n := range got.PreorderSeq((*ast.FuncDecl)(nil)) {
		decls = append(decls, n.(*ast.FuncDecl).Name.Name)
	}
	if want := []string{"F", "G"}; !slices.Equal(decls, want) {
		t.Errorf("the inspector has functions %v, want %v", decls, want)
	}
}
