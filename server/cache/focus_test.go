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
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/server/cache"
)

// TestFocusKeepsFindings: an open file's findings are the same whether
// its package is analysed for it alone (an edit: the rules skip what
// would only report in the package's other files, rule.Focus) or whole
// (check, the workspace scan), fixes included. It holds every file of
// every package of more than one file in the rules' fixture modules, and
// in the modules that -focus.dirs names (a real module: go test
// ./server/cache -run Focus -focus.dirs /path/to/kratos).
func TestFocusKeepsFindings(t *testing.T) {
	mods, err := filepath.Glob(filepath.Join("..", "..", "testdata", "rules", "*"))
	if err != nil || len(mods) == 0 {
		t.Fatalf("no fixture modules: %v", err)
	}
	if *focusDirs != "" {
		mods = append(mods, strings.Split(*focusDirs, ",")...)
	}
	for _, mod := range mods {
		dir, _ := filepath.Abs(mod)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
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
					want, got := findingsIn(whole.Findings, name), findingsIn(focused.Findings, name)
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

// findingsIn returns the findings in file, as comparable lines.
func findingsIn(findings []*driver.Finding, file string) []string {
	var out []string
	for _, f := range findings {
		start, end := f.Posn()
		if start.Filename != file {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s %d:%d-%d:%d %s (%d fixes)", f.Rule.ID, f.Severity, start.Line, start.Column, end.Line, end.Column, f.Diag.Message, len(f.Diag.SuggestedFixes)))
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
