package ruletest

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// CompareExportData runs a on the packages of the fixture module in dir
// twice: with every dependency type-checked from source (as analysistest
// and go vet do, so that facts flow from every package), and as the
// gopitfalls driver loads them (the matched packages from source, their
// dependencies from export data, so that packages outside the module
// export no facts). It fails when the findings differ: a rule with facts
// must reach the same conclusions, or stay silent, without them.
func CompareExportData(t *testing.T, dir string, a *analysis.Analyzer) {
	t.Helper()
	const rootsOnly = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
		packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule
	full := findings(t, dir, a, packages.LoadAllSyntax)
	roots := findings(t, dir, a, rootsOnly)
	for _, f := range full {
		if !slices.Contains(roots, f) {
			t.Errorf("with dependencies from export data, missing: %s", f)
		}
	}
	for _, f := range roots {
		if !slices.Contains(full, f) {
			t.Errorf("with dependencies from export data, extra: %s", f)
		}
	}
}

// Findings returns "file:line: message" for each diagnostic of a on the
// non-test packages of dir that match patterns, every dependency
// type-checked from source: for tests of what a rule does not report,
// which `// want` comments cannot say (a rule run with other options).
func Findings(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) []string {
	t.Helper()
	return findings(t, dir, a, packages.LoadAllSyntax, patterns...)
}

// findings returns "file:line: message" for each diagnostic of a on the
// non-test packages of dir loaded with mode (all of them without
// patterns).
func findings(t *testing.T, dir string, a *analysis.Analyzer, mode packages.LoadMode, patterns ...string) []string {
	t.Helper()
	cfg := &packages.Config{
		Mode: mode,
		Dir:  dir,
		Env:  append(os.Environ(), "GO111MODULE=on", "GOPROXY=off", "GOWORK=off", "GOFLAGS=-mod=mod"),
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			out = append(out, fmt.Sprintf("%s:%d: %s", posn.Filename, posn.Line, d.Message))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
