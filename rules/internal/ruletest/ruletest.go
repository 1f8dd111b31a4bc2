// Package ruletest runs a rule on its fixture module and checks every
// suggested fix it offers, as analysistest does and more: each fix on its
// own must leave a file that is gofmt'd, a package that type-checks, one
// finding fewer, and no finding of any rule that was not there before.
package ruletest

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

var update = flag.Bool("update", false, "write the .golden files of fixture files from the fixes the rule offers")

// Root returns the repository's root directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Dir returns the fixture module of a rule: testdata/rules/<id>.
func Dir(r *rule.Rule) string {
	return filepath.Join(Root(), "testdata", "rules", r.ID)
}

// Variant returns a fixture module of a rule for one variant of its
// setting (a configured framework prefix, the real framework):
// testdata/modules/<id>/<variant>.
func Variant(r *rule.Rule, variant string) string {
	return filepath.Join(Root(), "testdata", "modules", r.ID, variant)
}

// Run checks the rule's analyzer (for opts, or the defaults) against the
// `// want` comments and .golden files of its fixture module, then
// checks each of its fixes on its own (see CheckFixes).
func Run(t *testing.T, r *rule.Rule, opts ...rule.Options) {
	t.Helper()
	RunDir(t, r, Dir(r), opts...)
}

// RunDir is Run on the fixture module in dir.
func RunDir(t *testing.T, r *rule.Rule, dir string, opts ...rule.Options) {
	t.Helper()
	a := r.Analyzer
	if len(opts) > 0 {
		a = r.With(opts[0])
	}
	a = ServeGoMod(a)
	if *update {
		writeGoldens(t, analysistest.Run(t, dir, a, "./..."))
	}
	results := analysistest.RunWithSuggestedFixes(t, dir, a, "./...")
	CheckGoldensAgreeWithFix(t, results)
	CheckMessages(t, r, results)
	CheckSeverities(t, r, results)
	CheckFixes(t, dir, a, results)
}

// CheckMessages checks that the rule said every diagnostic message, fix
// title and related message it reported through rule.Say (so that each
// has its Chinese), and that each reads well in both languages: no fmt
// complaint (%!d(string=…), a missing or extra argument).
func CheckMessages(t *testing.T, r *rule.Rule, results []*analysistest.Result) {
	t.Helper()
	seen := make(map[string]bool)
	for _, res := range results {
		rr, _ := res.Result.(*rule.Result)
		for i, d := range res.Diagnostics {
			said := rr.SaidAt(i)
			texts := []string{d.Message}
			for _, f := range d.SuggestedFixes {
				texts = append(texts, f.Message)
			}
			for _, rel := range d.Related {
				texts = append(texts, rel.Message)
			}
			for _, en := range texts {
				if !said.Knows(en) && !seen[en] {
					seen[en] = true
					t.Errorf("%s: %q was not said through rule.Say: define it with rule.M in the rule's messages.go", r.ID, en)
				}
			}
			for _, lang := range rule.Languages {
				for _, en := range texts {
					if text := said.In(lang, en); strings.Contains(text, "%!") && !seen[text] {
						seen[text] = true
						t.Errorf("%s: %q (%s) has a wrong argument", r.ID, text, lang)
					}
				}
			}
		}
	}
}

// fixCase is one fix of one diagnostic.
type fixCase struct {
	file    string
	line    int
	message string
	edits   []analysis.TextEdit
	base    int
	pkg     *packages.Package // the package analysed
	before  int               // findings of the rule in the file before the fix
}

// CheckFixes applies every suggested fix of results on its own and checks
// that the fixed file is gofmt'd, that its package still type-checks
// (a fix that breaks the build is a bug), and that the rule then reports
// fewer findings in that file.
func CheckFixes(t *testing.T, dir string, a *analysis.Analyzer, results []*analysistest.Result) {
	t.Helper()
	var cases []fixCase
	seen := make(map[string]bool) // a file is analysed again in its test variant
	universe := make(map[string]*types.Package)
	for _, res := range results {
		if res.Action == nil || res.Action.Package == nil {
			continue // loading failed; analysistest has reported it
		}
		pkg := res.Action.Package
		packages.Visit([]*packages.Package{pkg}, nil, func(p *packages.Package) {
			if p.Types != nil && p.ForTest == "" {
				universe[p.PkgPath] = p.Types
			}
		})
		count := make(map[string]int)
		for _, d := range res.Diagnostics {
			count[pkg.Fset.File(d.Pos).Name()]++
		}
		for _, d := range res.Diagnostics {
			posn := pkg.Fset.Position(d.Pos)
			for _, fix := range d.SuggestedFixes {
				if len(fix.TextEdits) == 0 {
					continue
				}
				tf := pkg.Fset.File(fix.TextEdits[0].Pos)
				key := fmt.Sprintf("%s:%d:%d:%s", posn.Filename, posn.Line, posn.Column, fix.Message)
				if seen[key] {
					continue
				}
				seen[key] = true
				for _, e := range fix.TextEdits {
					if pkg.Fset.File(e.Pos) != tf {
						t.Errorf("%s: fix %q edits more than one file", posn, fix.Message)
					}
				}
				cases = append(cases, fixCase{
					file: tf.Name(), line: posn.Line, message: fix.Message,
					edits: fix.TextEdits, base: tf.Base(), pkg: pkg,
					before: count[tf.Name()],
				})
			}
		}
	}
	sort.Slice(cases, func(i, j int) bool {
		if cases[i].file != cases[j].file {
			return cases[i].file < cases[j].file
		}
		return cases[i].line < cases[j].line
	})
	imp := &importer{dir: dir, universe: universe}
	for _, c := range cases {
		name := fmt.Sprintf("%s:%d/%s", filepath.Base(c.file), c.line, c.message)
		t.Run(name, func(t *testing.T) { checkFix(t, imp, a, c) })
	}
}

// An importer resolves imports of a fixed package to the packages that
// analysistest already loaded (so that types stay identical), loading a
// package a fix newly imports with go/packages, together with everything
// else it needs, when no fixture package imports it yet.
type importer struct {
	dir      string
	universe map[string]*types.Package
	mu       sync.Mutex
}

func (imp *importer) Import(path string) (*types.Package, error) {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	if p, ok := imp.universe[path]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("package %s is not loaded by the fixture (newly imported by the fix)", path)
}

// loadWithOverlay type-checks the package of c with the fixed file
// through go/packages: the slow path, for fixes that import a package no
// fixture package imports.
func loadWithOverlay(t *testing.T, dir string, c fixCase, fixed []byte) *packages.Package {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule,
		Dir:     dir,
		Tests:   strings.HasSuffix(c.file, "_test.go"),
		Env:     append(os.Environ(), "GO111MODULE=on", "GOPROXY=off", "GOWORK=off", "GOFLAGS=-mod=mod"),
		Overlay: map[string][]byte{c.file: fixed},
	}
	pkgs, err := packages.Load(cfg, "file="+c.file)
	if err != nil {
		t.Fatalf("loading fixed package: %v", err)
	}
	var target *packages.Package
	for _, p := range pkgs {
		for _, f := range p.CompiledGoFiles {
			if f == c.file && (target == nil || len(p.CompiledGoFiles) > len(target.CompiledGoFiles)) {
				target = p
			}
		}
	}
	if target == nil {
		t.Fatalf("no package holds %s", c.file)
	}
	for _, e := range target.Errors {
		t.Errorf("fixed package does not build: %v", e)
	}
	return target
}

// typeCheck type-checks the package of c with the fixed file in place of
// the original, in process. It reports false when the fix imports a
// package the fixture never loaded.
func typeCheck(t *testing.T, imp *importer, c fixCase, fixed []byte) (*packages.Package, bool) {
	target := TypeCheck(c.pkg, imp, map[string][]byte{c.file: fixed})
	for _, e := range target.Errors {
		t.Fatalf("parsing: %v", e)
	}
	for _, path := range Imports(target.Syntax) {
		if _, ok := imp.universe[path]; !ok {
			return nil, false
		}
	}
	for _, e := range target.TypeErrors {
		t.Errorf("fixed package does not build: %v", e)
	}
	return target, true
}

func checkFix(t *testing.T, imp *importer, a *analysis.Analyzer, c fixCase) {
	src, err := os.ReadFile(c.file)
	if err != nil {
		t.Fatal(err)
	}
	fixed, ok := fixutil.Apply(src, c.base, c.edits)
	if !ok {
		t.Fatalf("fix %q has overlapping or out-of-range edits", c.message)
	}
	formatted, err := format.Source(fixed)
	if err != nil {
		t.Fatalf("fixed file does not parse: %v\n%s", err, fixed)
	}
	if !bytes.Equal(formatted, fixed) {
		t.Errorf("fixed file is not gofmt'd:\n%s", Diff(string(formatted), string(fixed)))
	}

	// The package before the fix, for the findings it had, is checked
	// again the same way as the fixed one: what a rule may know (the
	// positions of dependencies' declarations, which say where their
	// source is) then differs only by the fix.
	target, ok := typeCheck(t, imp, c, fixed)
	var original *packages.Package
	if ok {
		original, _ = typeCheck(t, imp, c, src)
	} else {
		target = loadWithOverlay(t, imp.dir, c, fixed)
		original = loadWithOverlay(t, imp.dir, c, src)
	}
	if t.Failed() {
		t.Logf("fixed file:\n%s", fixed)
		return
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, []*packages.Package{target}, nil)
	if err != nil {
		t.Fatal(err)
	}
	after := 0
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("analysis of the fixed package failed: %v", act.Err)
		}
		for _, d := range act.Diagnostics {
			if target.Fset.File(d.Pos).Name() == c.file {
				after++
			}
		}
	}
	if after >= c.before {
		t.Errorf("after the fix the rule still reports %d findings in the file (%d before)\n%s", after, c.before, fixed)
	}
	checkNoNewFindings(t, a, c, original, target)
	if t.Failed() {
		t.Logf("fixed file:\n%s", fixed)
	}
}

// Diff returns a line diff of want and got, for test failures.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
		}
	}
	return b.String()
}
