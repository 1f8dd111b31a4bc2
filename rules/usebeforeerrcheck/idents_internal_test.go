package usebeforeerrcheck

import (
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	achecker "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

// TestIdentsOfLocal: identsOf finds a local variable's identifiers in
// the declaration around it, and they are those the whole package's
// index has, in the same order, for every variable the fixtures use:
// parameters, receivers, results, variables of function literals and
// of package-level initializers.
func TestIdentsOfLocal(t *testing.T) {
	var locals, globals int
	a := &analysis.Analyzer{
		Name: "identsof", Doc: "identsof",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			whole := newChecker(pass, nil, in).indexIdents(in.Root())
			c := newChecker(pass, nil, in)
			for v, want := range whole {
				if v.Pkg() == pass.Pkg && v.Parent() != pass.Pkg.Scope() {
					locals++
				} else {
					globals++
				}
				if got := c.identsOf(v); !slices.Equal(got, want) {
					t.Errorf("%s: identsOf(%s) has %d identifiers, the package %d", pass.Fset.Position(v.Pos()), v.Name(), len(got), len(want))
				}
			}
			for id, obj := range pass.TypesInfo.Defs {
				if v, ok := obj.(*types.Var); ok && !v.IsField() && whole[v] == nil && len(c.identsOf(v)) > 0 {
					t.Errorf("%s: identsOf(%s) finds identifiers of an unused variable", pass.Fset.Position(id.Pos()), id.Name)
				}
			}
			return nil, nil
		},
	}
	mode := packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes |
		packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Dir: "../../testdata/rules/use-before-err-check", Tests: true}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the fixtures do not load")
	}
	if _, err := achecker.Analyze([]*analysis.Analyzer{a}, pkgs, nil); err != nil {
		t.Fatal(err)
	}
	if locals < 100 || globals == 0 {
		t.Errorf("compared %d local and %d package-level variables: too few", locals, globals)
	}
}
