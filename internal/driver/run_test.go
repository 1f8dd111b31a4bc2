package driver_test

import (
	"context"
	"fmt"
	"go/ast"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

func unitOf(p *packages.Package, read func(string) ([]byte, error)) *driver.Unit {
	return &driver.Unit{
		ID: p.ID, Fset: p.Fset, Files: p.Syntax, OtherFiles: p.OtherFiles, IgnoredFiles: p.IgnoredFiles,
		Pkg: p.Types, Info: p.TypesInfo, Sizes: p.TypesSizes, TypeErrors: p.TypeErrors,
		HasErrors: len(p.Errors) > 0, ReadFile: read,
	}
}

func summary(fs []*driver.Finding) []string {
	var out []string
	for _, f := range fs {
		start, _ := f.Posn()
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s %v", filepath.Base(start.Filename), start.Line, start.Column, f.Rule.ID, f.Severity, f.FixTitles()))
	}
	return out
}

// TestRunMatchesAnalyze checks that the in-process runner finds what the
// go/analysis checker finds on the same packages.
func TestRunMatchesAnalyze(t *testing.T) {
	dir, _ := filepath.Abs("../../testdata/rules/unchecked-type-assertion")
	pkgs, err := driver.Load(context.Background(), dir, nil, nil, "./...")
	if err != nil {
		t.Fatal(err)
	}
	sel := &driver.Selection{}
	want, err := driver.Analyze(pkgs, sel, discard)
	if err != nil {
		t.Fatal(err)
	}
	var got []*driver.Finding
	for _, p := range pkgs {
		res, err := driver.Run(context.Background(), unitOf(p, os.ReadFile), sel, discard)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, res.Findings...)
	}
	driver.SortFindings(got)
	// Analyze reports a file once; Run sees the package variants apart.
	if g, w := slices.Compact(summary(got)), summary(want.Findings); !slices.Equal(g, w) || len(w) == 0 {
		t.Errorf("Run found\n%s\nAnalyze found\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}

// TestRunSurvivesPanics runs an extra rule that panics next to the
// registry's: the panic is an error, the other rule's findings stay.
func TestRunSurvivesPanics(t *testing.T) {
	const note = "# T\n\nS.\n\n## Why\n\nW.\n\n## Bad\n\n```go\nx\n```\n\n## Good\n\n```go\ny\n```\n\n## When to ignore\n\nN.\n"
	zh := strings.NewReplacer("## Why", "## 为什么", "## Bad", "## 错误写法", "## Good", "## 正确写法", "## When to ignore", "## 何时可以忽略").Replace(note)
	boom := rule.Define(rule.Spec{
		ID: "test-panics", Severity: rule.Warning, Since: "v0.0.0",
		Notes:    fstest.MapFS{"note.en.md": {Data: []byte(note)}, "note.zh.md": {Data: []byte(zh)}},
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for range in.PreorderSeq((*ast.TypeAssertExpr)(nil)) {
				panic("boom")
			}
			return nil
		},
	})
	dir, _ := filepath.Abs("../../testdata/rules/unchecked-type-assertion")
	pkgs, err := driver.Load(context.Background(), dir, nil, nil, "./cache")
	if err != nil {
		t.Fatal(err)
	}
	res, err := driver.Run(context.Background(), unitOf(pkgs[0], os.ReadFile), &driver.Selection{Extra: []*rule.Rule{boom}}, discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "test-panics panicked") {
		t.Errorf("errors %v, want the panic of test-panics", res.Errors)
	}
	if len(res.Findings) == 0 {
		t.Errorf("no findings of the other rules")
	}
}
