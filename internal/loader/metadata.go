// Package loader type-checks packages one at a time, from source, against
// their dependencies' export data: what `gopitfalls check` and the
// language server share.
//
// It loads a build's package metadata once (go list -deps -export -test,
// through go/packages, with no syntax and no types; ListDeps asks export
// data of the dependencies only), reads a dependency's types from the
// export data the go command compiled for it, once, and type-checks a
// package's parsed files against them. The caller decides which packages
// to check, when, and when to let their syntax go.
package loader

import (
	"context"
	"fmt"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// Mode is what is asked of go/packages: names, files, the import graph,
// which package a test variant is for, and each package's export data
// file. No syntax and no types.
const Mode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps |
	packages.NeedExportFile | packages.NeedModule | packages.NeedTypesSizes | packages.NeedForTest

// Metadata describes one package (variant) as the go command sees it.
type Metadata struct {
	ID, PkgPath, Name string
	Dir               string
	GoFiles           []string
	OtherFiles        []string
	IgnoredFiles      []string
	Imports           map[string]string // import path → package ID
	ExportFile        string
	ForTest           string
	Module            *packages.Module
	Sizes             types.Sizes
	Errors            []packages.Error // the go command's
}

// IsTestVariant reports whether m is a package compiled for a test.
func (m *Metadata) IsTestVariant() bool { return m.ForTest != "" }

// IsTestMain reports whether m is a generated test main.
func (m *Metadata) IsTestMain() bool {
	return strings.HasSuffix(m.ID, ".test") && m.Name == "main" && m.ForTest == ""
}

// GoVersion returns the Go version of m's module as go/types wants it
// ("go1.22"), or "".
func (m *Metadata) GoVersion() string {
	if m.Module != nil && m.Module.GoVersion != "" {
		return "go" + m.Module.GoVersion
	}
	return ""
}

// AnalysisModule returns m's module as go/analysis describes it, or nil.
func (m *Metadata) AnalysisModule() *analysis.Module {
	if m.Module == nil {
		return nil
	}
	return &analysis.Module{Path: m.Module.Path, Version: m.Module.Version, GoVersion: m.Module.GoVersion, GoMod: m.Module.GoMod, Dir: m.Module.Dir}
}

// List runs the go command in dir with env (nil: the process's) for
// patterns, with their tests, and returns the metadata of the matching
// packages and of all their dependencies, by ID, and the IDs of the
// packages the patterns matched (with their test variants and test
// mains), in the go command's order.
func List(ctx context.Context, dir string, env []string, patterns ...string) (map[string]*Metadata, []string, error) {
	return list(ctx, dir, env, Mode, true, patterns)
}

// ListWithoutTests is List without the tests: the go command has less to
// do (on prometheus' tsdb, 700 packages instead of 800, 0.3 s instead of
// 0.45), and a non-test file needs none of them.
func ListWithoutTests(ctx context.Context, dir string, env []string, patterns ...string) (map[string]*Metadata, []string, error) {
	return list(ctx, dir, env, Mode, false, patterns)
}

func list(ctx context.Context, dir string, env []string, mode packages.LoadMode, tests bool, patterns []string) (map[string]*Metadata, []string, error) {
	cfg := &packages.Config{
		Context: ctx,
		Mode:    mode,
		Dir:     dir,
		Env:     env,
		Tests:   tests,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, fmt.Errorf("loading packages %s: %w", strings.Join(patterns, " "), err)
	}
	roots := make([]string, len(pkgs))
	for i, p := range pkgs {
		roots[i] = p.ID
	}
	out := make(map[string]*Metadata)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		m := &Metadata{
			ID: p.ID, PkgPath: p.PkgPath, Name: p.Name,
			GoFiles: p.GoFiles, OtherFiles: p.OtherFiles, IgnoredFiles: p.IgnoredFiles,
			Imports:    make(map[string]string, len(p.Imports)),
			ExportFile: p.ExportFile, ForTest: p.ForTest, Module: p.Module,
			Sizes: p.TypesSizes, Errors: p.Errors,
		}
		if len(p.GoFiles) > 0 {
			m.Dir = filepath.Dir(p.GoFiles[0])
		}
		for path, imp := range p.Imports {
			m.Imports[path] = imp.ID
		}
		out[p.ID] = m
	})
	return out, roots, nil
}

// Analysable returns the packages of ms worth analysing, sorted by ID:
// each package once, in the variant that holds all its files (its test
// variant, where it has one), and external test packages; never a
// generated test main.
func Analysable(ms []*Metadata) []*Metadata {
	hasTestVariant := make(map[string]bool)
	for _, m := range ms {
		if m.ForTest != "" && m.PkgPath == m.ForTest {
			hasTestVariant[m.PkgPath] = true
		}
	}
	var out []*Metadata
	for _, m := range ms {
		switch {
		case m.IsTestMain():
			continue
		case m.ForTest == "" && hasTestVariant[m.PkgPath]:
			continue // analysed in its test variant
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b *Metadata) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// A Graph is an immutable set of package metadata.
type Graph struct {
	Packages map[string]*Metadata // by ID
	byFile   map[string][]string  // file name → IDs
	byPath   map[string][]string  // package path → IDs
	byDir    map[string][]string  // directory → IDs
}

// NewGraph indexes pkgs, which the caller must not change afterwards.
func NewGraph(pkgs map[string]*Metadata) *Graph {
	g := &Graph{Packages: pkgs, byFile: map[string][]string{}, byPath: map[string][]string{}, byDir: map[string][]string{}}
	for id, m := range pkgs {
		for _, f := range m.GoFiles {
			g.byFile[f] = append(g.byFile[f], id)
		}
		g.byPath[m.PkgPath] = append(g.byPath[m.PkgPath], id)
		if m.Dir != "" {
			g.byDir[m.Dir] = append(g.byDir[m.Dir], id)
		}
	}
	for _, m := range []map[string][]string{g.byFile, g.byPath, g.byDir} {
		for _, ids := range m {
			slices.SortFunc(ids, compareVariants)
		}
	}
	return g
}

// compareVariants orders the variants of a package: the plain package
// first, then test variants (which are larger and slower to check).
func compareVariants(a, b string) int {
	ta, tb := strings.Contains(a, " ["), strings.Contains(b, " [")
	switch {
	case ta != tb && !ta:
		return -1
	case ta != tb:
		return 1
	}
	return strings.Compare(a, b)
}

// ForFile returns the package to analyse file in: the smallest variant
// that holds it (the plain package for a non-test file).
func (g *Graph) ForFile(file string) *Metadata {
	for _, id := range g.byFile[file] {
		if m := g.Packages[id]; !strings.HasSuffix(m.ID, ".test") {
			return m
		}
	}
	return nil
}

// InDir returns the packages of dir named name, plain variants first.
func (g *Graph) InDir(dir, name string) []*Metadata {
	var out []*Metadata
	for _, id := range g.byDir[dir] {
		if m := g.Packages[id]; m.Name == name && !strings.HasSuffix(m.ID, ".test") {
			out = append(out, m)
		}
	}
	return out
}
