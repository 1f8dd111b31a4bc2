package ssaflow_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// build type-checks src with imp and runs the Analyzer on it.
func build(t *testing.T, src string, imp types.Importer) *ssaflow.Result {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := newInfo()
	pkg, err := (&types.Config{Importer: imp}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ssaflow.Analyzer.Run(&analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info})
	if err != nil {
		t.Fatal(err)
	}
	r := res.(*ssaflow.Result)
	if r.SSA == nil {
		t.Fatal("no SSA")
	}
	return r
}

// newInfo returns a types.Info with every map go/ssa reads.
func newInfo() *types.Info {
	return &types.Info{
		Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object),
		Uses: make(map[*ast.Ident]types.Object), Implicits: make(map[ast.Node]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection), Scopes: make(map[ast.Node]*types.Scope),
		Instances: make(map[*ast.Ident]types.Instance), FileVersions: make(map[*ast.File]string),
	}
}

func prog(r *ssaflow.Result) *ssa.Program { return r.SSA.Pkg.Prog }

// TestReuse checks when a package is built in the program of an earlier
// one: only after Release, and only with the very same imported
// types.Packages.
func TestReuse(t *testing.T) {
	const src = "package p\n\nimport \"strings\"\n\nfunc F(s string) string { return strings.ToUpper(s) }\n"
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	r1 := build(t, src, imp)
	r2 := build(t, src, imp)
	if prog(r1) == prog(r2) {
		t.Fatal("a program in use was reused")
	}
	r1.Release()
	r3 := build(t, src+"\nfunc G() {}\n", imp)
	if prog(r3) != prog(r1) {
		t.Error("a released program with the same imports was not reused")
	}
	if fn := r3.SSA.Pkg.Func("G"); fn == nil || len(fn.Blocks) == 0 {
		t.Error("the package built in the reused program has no G")
	}
	r3.Release()
	// Other types.Packages for the same paths (the dependency changed).
	r4 := build(t, src, importer.ForCompiler(token.NewFileSet(), "source", nil))
	if prog(r4) == prog(r1) {
		t.Error("a program was reused for other imported types.Packages")
	}
	r5 := build(t, "package p\n\nimport \"bytes\"\n\nvar B bytes.Buffer\n", imp)
	if prog(r5) == prog(r1) {
		t.Error("a program was reused for other imports")
	}
}
