package driver_test

import (
	"context"
	"fmt"
	"go/ast"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// checkerMode is what the go/analysis checker needs of go/packages.
const checkerMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule | packages.NeedForTest

// analyze runs Analyze on patterns in dir with sel.
func analyze(t *testing.T, dir string, sel *driver.Selection, patterns ...string) *driver.Result {
	t.Helper()
	res, err := driver.Analyze(context.Background(), &driver.Options{
		Dir: dir, Patterns: patterns, Log: discard,
		Selection: func(string) (*driver.Selection, error) { return sel, nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestAnalyzeMatchesChecker checks that Analyze (export data, the
// in-process runner) finds what the go/analysis checker finds on the same
// packages loaded by go/packages from source.
func TestAnalyzeMatchesChecker(t *testing.T) {
	fixtures, err := filepath.Glob("../../testdata/rules/*/go.mod")
	variants, err2 := filepath.Glob("../../testdata/modules/*/*/go.mod")
	if err != nil || err2 != nil || len(fixtures) == 0 || len(variants) == 0 {
		t.Fatal("no fixtures", err, err2)
	}
	fixtures = append(fixtures, variants...)
	for _, gomod := range fixtures {
		dir, _ := filepath.Abs(filepath.Dir(gomod))
		name, _ := filepath.Rel("../../testdata", filepath.Dir(gomod))
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			t.Parallel()
			pkgs, err := packages.Load(&packages.Config{Mode: checkerMode, Dir: dir, Tests: true}, "./...")
			if err != nil {
				t.Fatal(err)
			}
			// Analyze's packages: test variants instead of the plain ones,
			// no test mains.
			hasTestVariant := make(map[string]bool)
			for _, p := range pkgs {
				if p.ForTest != "" && p.PkgPath == p.ForTest {
					hasTestVariant[p.PkgPath] = true
				}
			}
			pkgs = slices.DeleteFunc(pkgs, func(p *packages.Package) bool {
				return strings.HasSuffix(p.ID, ".test") && p.Name == "main" || p.ForTest == "" && hasTestVariant[p.PkgPath]
			})
			var analyzers []*analysis.Analyzer
			for _, r := range all.Rules {
				analyzers = append(analyzers, r.Analyzer)
			}
			graph, err := checker.Analyze(analyzers, pkgs, nil)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, act := range graph.Roots {
				if act.Err != nil {
					t.Fatal(act.Err)
				}
				for _, d := range act.Diagnostics {
					posn := act.Package.Fset.Position(d.Pos)
					want = append(want, fmt.Sprintf("%s:%d:%d %s", rel(dir, posn.Filename), posn.Line, posn.Column, d.Message))
				}
			}
			res := analyze(t, dir, &driver.Selection{Rules: all.Rules, Only: ruleIDs()}, "./...")
			if got, want := packageErrors(res), loadErrors(pkgs); !slices.Equal(got, want) {
				t.Errorf("package errors\n%s\ngo/packages's\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			var got []string
			for _, f := range res.Findings {
				start, _ := f.Posn()
				got = append(got, fmt.Sprintf("%s:%d:%d %s", rel(dir, start.Filename), start.Line, start.Column, f.Diag.Message))
			}
			slices.Sort(want)
			want = slices.Compact(want)
			slices.Sort(got)
			if !slices.Equal(got, want) || len(want) == 0 {
				t.Errorf("Analyze found\n%s\nthe checker found\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// rel returns name relative to dir: two packages may each have a main.go.
func rel(dir, name string) string {
	if r, err := filepath.Rel(dir, name); err == nil {
		return r
	}
	return name
}

// packageErrors returns Analyze's package errors, sorted.
func packageErrors(res *driver.Result) []string {
	var out []string
	for _, e := range res.PackageErrors {
		out = append(out, e.Error())
	}
	slices.Sort(out)
	return out
}

// loadErrors returns the errors of packages loaded from source, as
// Analyze reports them: once each, without the go command's report of a
// package that does not compile where positioned errors say the same.
func loadErrors(pkgs []*packages.Package) []string {
	var out []string
	for _, p := range pkgs {
		positioned := slices.ContainsFunc(p.Errors, func(e packages.Error) bool { return e.Kind != packages.ListError })
		for _, e := range p.Errors {
			if !(positioned && e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ")) {
				out = append(out, e.Error())
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func ruleIDs() []string {
	var ids []string
	for _, r := range all.Rules {
		ids = append(ids, r.ID)
	}
	return ids
}

// TestRunSurvivesPanics runs a rule that panics next to the
// registry's: the panic is an error, the other rule's findings stay.
func TestRunSurvivesPanics(t *testing.T) {
	const note = "# T\n\nS.\n\n## Why\n\nW.\n\n## Bad\n\n```go\nx\n```\n\n## Good\n\n```go\ny\n```\n\n## When it warns and when it only informs\n\nAlways.\n\n## When to ignore\n\nN.\n"
	zh := strings.NewReplacer("## Why", "## 为什么", "## Bad", "## 错误写法", "## Good", "## 正确写法", "## When it warns and when it only informs", "## 何时警告，何时只提示", "## When to ignore", "## 何时可以忽略").Replace(note)
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
	res := analyze(t, dir, &driver.Selection{Rules: all.Rules.With(boom)}, "./cache")
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "test-panics panicked") {
		t.Errorf("errors %v, want the panic of test-panics", res.Errors)
	}
	if len(res.Findings) == 0 {
		t.Errorf("no findings of the other rules")
	}
}

// TestRunLogsGiveUps runs a rule that gives up on every function:
// the driver says so at debug level.
func TestRunLogsGiveUps(t *testing.T) {
	const note = "# T\n\nS.\n\n## Why\n\nW.\n\n## Bad\n\n```go\nx\n```\n\n## Good\n\n```go\ny\n```\n\n## When it warns and when it only informs\n\nAlways.\n\n## When to ignore\n\nN.\n"
	zh := strings.NewReplacer("## Why", "## 为什么", "## Bad", "## 错误写法", "## Good", "## 正确写法", "## When it warns and when it only informs", "## 何时警告，何时只提示", "## When to ignore", "## 何时可以忽略").Replace(note)
	quitter := rule.Define(rule.Spec{
		ID: "test-gives-up", Severity: rule.Warning, Since: "v0.0.0",
		Notes: fstest.MapFS{"note.en.md": {Data: []byte(note)}, "note.zh.md": {Data: []byte(zh)}},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok {
						rule.GiveUp(pass, fd.Pos(), fd.Name.Name+": too large")
					}
				}
			}
			return nil
		},
	})
	dir, _ := filepath.Abs("../../testdata/rules/unchecked-type-assertion")
	var logs strings.Builder
	_, err := driver.Analyze(context.Background(), &driver.Options{
		Dir: dir, Patterns: []string{"./cache"},
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Selection: func(string) (*driver.Selection, error) {
			return &driver.Selection{Rules: rule.Set{quitter}}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), `msg="rule gave up" rule=test-gives-up`) || !strings.Contains(logs.String(), "too large") {
		t.Errorf("no debug record of the rule giving up in:\n%s", logs.String())
	}
}
