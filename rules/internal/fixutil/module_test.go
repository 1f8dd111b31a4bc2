package fixutil_test

import (
	"errors"
	"go/types"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"golang.org/x/tools/go/analysis"
)

func TestProvides(t *testing.T) {
	const gomod = `module example.com/m

go 1.22

require (
	github.com/go-kratos/kratos v0.6.0
	golang.org/x/net v0.30.0 // indirect
)
`
	// The package imports example.com/dep, which imports golang.org/x/text/width.
	width := types.NewPackage("golang.org/x/text/width", "width")
	dep := types.NewPackage("example.com/dep", "dep")
	dep.SetImports([]*types.Package{width})
	pkg := types.NewPackage("example.com/m/p", "p")
	pkg.SetImports([]*types.Package{dep})

	served := &analysis.Pass{
		Pkg:    pkg,
		Module: &analysis.Module{Path: "example.com/m", GoMod: "/m/go.mod"},
		ReadFile: func(name string) ([]byte, error) {
			if name == "/m/go.mod" {
				return []byte(gomod), nil
			}
			return nil, errors.New("not served")
		},
	}
	strict := *served
	strict.ReadFile = func(string) ([]byte, error) { return nil, errors.New("not among the package's files") }

	for _, tc := range []struct {
		path           string
		served, strict bool
	}{
		{"fmt", true, true},
		{"example.com/m/internal/x", true, true},                       // the module itself
		{"golang.org/x/text/width", true, true},                        // imported through a dependency
		{"github.com/go-kratos/kratos/pkg/sync/errgroup", true, false}, // required
		{"golang.org/x/net/context", true, false},                      // required, indirect
		{"golang.org/x/sync/errgroup", false, false},                   // only in go.sum, say
		{"github.com/go-kratos/kratos-extra/errgroup", false, false},   // a module path prefix is not a module
		{"example.com/mm", false, false},
	} {
		if got := fixutil.Provides(served, tc.path); got != tc.served {
			t.Errorf("Provides(%s) = %v, want %v", tc.path, got, tc.served)
		}
		if got := fixutil.Provides(&strict, tc.path); got != tc.strict {
			t.Errorf("with go.mod not served: Provides(%s) = %v, want %v", tc.path, got, tc.strict)
		}
	}
}
