package loader_test

import (
	"context"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/loader"
)

// TestCheckAgainstExportData lists a module, picks the packages to
// analyse and type-checks them from source against their dependencies'
// export data, which is read once and shared.
func TestCheckAgainstExportData(t *testing.T) {
	dir, _ := filepath.Abs("../../testdata/rules/unchecked-type-assertion")
	pkgs, roots, err := loader.List(context.Background(), dir, nil, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var matched []*loader.Metadata
	for _, id := range roots {
		matched = append(matched, pkgs[id])
	}
	var ids []string
	for _, m := range loader.Analysable(matched) {
		ids = append(ids, m.ID)
	}
	want := []string{"example.com/uta/bag", "example.com/uta/cache", "example.com/uta/dispatch", "example.com/uta/logx", "example.com/uta/origin",
		"example.com/uta/proto", "example.com/uta/registry", "example.com/uta/service [example.com/uta/service.test]", "example.com/uta/tag", "example.com/uta/web", "example.com/uta/wrapper"}
	if !slices.Equal(ids, want) {
		t.Fatalf("analysable packages %q, want %q (test variants for plain packages, no test mains)", ids, want)
	}

	g := loader.NewGraph(pkgs)
	fset := token.NewFileSet()
	exports := loader.NewExports(fset)
	imported := make(map[string][]any) // import path → the *types.Package each check saw
	// The plain package too: it shares its test variant's imports.
	for _, id := range append(ids, "example.com/uta/service") {
		m := g.Packages[id]
		var files []*ast.File
		var toks []*token.File
		for _, name := range m.GoFiles {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, tok, err := loader.Parse(fset, name, src)
			if err != nil {
				t.Fatal(err)
			}
			files, toks = append(files, f), append(toks, tok)
		}
		c := loader.TypeCheck(m.PkgPath, m.Name, files, toks, exports.Importer(g, m, nil), m.Sizes, m.GoVersion(), nil)
		if len(c.Errors) > 0 {
			t.Errorf("%s: %v", id, c.Errors)
		}
		if c.Info.FileVersions[files[0]] != "go1.22" {
			t.Errorf("%s: file version %q, want the module's go1.22", id, c.Info.FileVersions[files[0]])
		}
		if c.Fset.File(files[0].FileStart) == nil {
			t.Errorf("%s: the package's file set lacks its files", id)
		}
		for _, imp := range c.Types.Imports() {
			imported[imp.Path()] = append(imported[imp.Path()], imp)
		}
	}
	shared := false
	for path, ps := range imported {
		for _, p := range ps[1:] {
			if p != ps[0] {
				t.Errorf("%s was read twice", path)
			}
			shared = true
		}
	}
	if !shared {
		t.Errorf("no import in common: the test shows nothing (imports %v)", imported)
	}
}

// TestExportsConcurrent reads every package of a module's dependency
// graph from many goroutines at once, into one Exports: each package is
// read once, complete, and every package that imports another sees the
// same *types.Package for it (go test -race checks the rest).
func TestExportsConcurrent(t *testing.T) {
	dir, _ := filepath.Abs("../../testdata/rules/unhandled-error")
	pkgs, _, err := loader.ListDeps(context.Background(), dir, nil, "./...")
	if err != nil {
		t.Fatal(err)
	}
	g := loader.NewGraph(pkgs)
	exports := loader.NewExports(token.NewFileSet())
	var ids []string
	for id, m := range g.Packages {
		if m.ExportFile != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) < 20 {
		t.Fatalf("only %d packages with export data", len(ids))
	}
	got := make([]map[string]*types.Package, 4) // by reader, by ID
	var wg sync.WaitGroup
	for w := range got {
		got[w] = make(map[string]*types.Package)
		wg.Add(1)
		go func() {
			defer wg.Done()
			order := slices.Clone(ids)
			slices.Sort(order)
			if w%2 == 1 {
				slices.Reverse(order) // dependents first, then what they import
			}
			for _, id := range order {
				p, err := exports.Types(g, id)
				if err != nil {
					t.Errorf("%s: %v", id, err)
					continue
				}
				got[w][id] = p
			}
		}()
	}
	wg.Wait()
	idsOf := make(map[string][]string) // path → IDs
	for _, id := range ids {
		idsOf[g.Packages[id].PkgPath] = append(idsOf[g.Packages[id].PkgPath], id)
	}
	for _, id := range ids {
		p := got[0][id]
		for w := 1; w < len(got); w++ {
			if got[w][id] != p {
				t.Errorf("%s: readers 0 and %d got different packages", id, w)
			}
		}
		if p == nil {
			continue
		}
		if !p.Complete() {
			t.Errorf("%s is incomplete", id)
		}
		for _, imp := range p.Imports() {
			if same := idsOf[imp.Path()]; len(same) == 1 && got[0][same[0]] != imp {
				t.Errorf("%s imports a copy of %s", id, imp.Path())
			}
		}
	}
}
