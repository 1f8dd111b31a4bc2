package cache_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/modfetch"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/server/cache"
)

// TestFocusKeepsFindings: an open file's findings are the same whether
// its package is analysed for it alone (an edit: the rules skip what
// would only report in the package's other files, rule.Focus) or whole
// (check, the workspace scan), fixes included. It holds every file of
// every package of more than one file in the rules' fixture modules, in
// kratos v0.6.0 and v2.9.2 from the module proxy (unless -short, or the
// proxy cannot be reached), and in the modules that -focus.dirs names
// (go test ./server/cache -run Focus -focus.dirs /path/to/etcd/server).
func TestFocusKeepsFindings(t *testing.T) {
	mods, err := filepath.Glob(filepath.Join("..", "..", "testdata", "rules", "*"))
	if err != nil || len(mods) == 0 {
		t.Fatalf("no fixture modules: %v", err)
	}
	if *focusDirs != "" {
		mods = append(mods, strings.Split(*focusDirs, ",")...)
	}
	real := make(map[string]string) // directory → module@version
	if !testing.Short() {
		cacheDir, err := modfetch.CacheDir()
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"kratos", "kratos2"} {
			mv := modfetch.Modules[name]
			dir := filepath.Join(cacheDir, strings.ReplaceAll(mv, "/", "_"))
			real[dir] = mv
			mods = append(mods, dir)
		}
	}
	for _, mod := range mods {
		dir, _ := filepath.Abs(mod)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			if mv, ok := real[mod]; ok {
				if err := modfetch.Fetch(dir, mv); err != nil {
					t.Skipf("%s cannot be fetched from the module proxy; skipping:\n%v", mv, err)
				}
			}
			c := cache.New(cache.Options{Rules: all.Rules})
			v := c.View(dir)
			if err := v.Load(t.Context(), false, "./..."); err != nil {
				t.Fatal(err)
			}
			checked := 0
			for _, m := range v.WorkspacePackages() {
				if len(m.GoFiles) < 2 {
					continue // focus on its one file is the whole package
				}
				// Whole, first: its dependencies' facts are computed and
				// kept, and the focused analyses below use them.
				whole, err := c.Snapshot(nil, nil).AnalyzeMetadata(t.Context(), v, m, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, name := range m.GoFiles {
					src, err := os.ReadFile(name)
					if err != nil {
						t.Fatal(err)
					}
					open := map[string]*cache.Overlay{name: {Path: name, Version: 1, Content: src}}
					focused, err := c.Snapshot(open, nil).PackageFor(t.Context(), name)
					if err != nil {
						t.Fatal(err)
					}
					if focused.ID != m.ID {
						continue // the file's other variant (a test package): another package
					}
					want, got := findingLines(whole.Findings, name), findingLines(focused.Findings, name)
					if !slices.Equal(want, got) {
						t.Errorf("%s: findings with the package whole:\n\t%s\nfor the file alone:\n\t%s", filepath.Base(name), lines(want), lines(got))
					}
					checked++
				}
				whole.Release()
			}
			if checked == 0 {
				t.Skip("no package of more than one file")
			}
		})
	}
}

var focusDirs = flag.String("focus.dirs", "", "more module `directories` for TestFocusKeepsFindings, separated by commas")

// findingLines returns the findings in file ("": in every file) as
// sorted, comparable lines.
func findingLines(findings []*driver.Finding, file string) []string {
	var out []string
	for _, f := range findings {
		start, end := f.Posn()
		if file != "" && start.Filename != file {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s %s:%d:%d-%d:%d %s (%d fixes)", f.Rule.ID, f.Severity, filepath.Base(start.Filename),
			start.Line, start.Column, end.Line, end.Column, f.Diag.Message, len(f.Diag.SuggestedFixes)))
	}
	slices.Sort(out)
	return out
}

func lines(l []string) string {
	if len(l) == 0 {
		return "(none)"
	}
	return strings.Join(l, "\n\t")
}

// TestNonTestFileLoadsNoTests: opening a non-test file loads its package
// without the tests (the go command has less to do before the first
// diagnostics); opening a test file of the package then loads them, and
// the test file is analysed in the package's test variant, with its
// findings.
func TestNonTestFileLoadsNoTests(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "rules", "go-errgroup"))
	c := cache.New(cache.Options{Rules: all.Rules})
	open := func(name string) *cache.Package {
		t.Helper()
		path := filepath.Join(dir, "jobs", name)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pkg, err := c.Snapshot(map[string]*cache.Overlay{path: {Path: path, Version: 1, Content: src}}, nil).PackageFor(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		return pkg
	}
	testVariants := func() (ids []string) {
		g, _ := c.View(dir).Graph()
		for id, m := range g.Packages {
			if m.ForTest != "" || strings.HasSuffix(id, ".test") {
				ids = append(ids, id)
			}
		}
		return ids
	}

	plain := open("jobs.go")
	if plain.ID != "example.com/goerrgroup/jobs" {
		t.Fatalf("jobs.go analysed in %s", plain.ID)
	}
	if ids := testVariants(); len(ids) > 0 {
		t.Errorf("opening jobs.go loaded tests: %v", ids)
	}
	test := open("jobs_test.go")
	if !strings.Contains(test.ID, "[") {
		t.Errorf("jobs_test.go analysed in %s, not the test variant", test.ID)
	}
	if len(findingLines(test.Findings, filepath.Join(dir, "jobs", "jobs_test.go"))) == 0 {
		t.Errorf("no findings in jobs_test.go")
	}
	if len(testVariants()) == 0 {
		t.Errorf("opening jobs_test.go loaded no tests")
	}
}
