package ssaflow_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"slices"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A probe is what one run of a test rule's check saw.
type probe struct {
	funcs []string // the form's SrcFuncs
	body  bool     // HasBody of the callee of F's first call
}

// analyze type-checks the package of the files a.go (the focus) and b.go
// at path, builds its SSA form for the focus as an edit does (facts
// unread), and runs a rule whose check reports what it sees, at
// Information, and asks HasBody of F's first static callee when ask says
// so. It returns the checks' probes, in order, and the findings kept.
func analyze(t *testing.T, path, a, b string, ask bool) ([]probe, []string, []rule.Severity) {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, src := range []struct{ name, text string }{{"a.go", a}, {"b.go", b}} {
		f, err := parser.ParseFile(fset, src.name, src.text, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := newInfo()
	pkg, err := (&types.Config{Importer: importer.Default()}).Check(path, fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	focus := rule.NewFocus([]*token.File{fset.File(files[0].FileStart)}).WithoutFacts()

	var probes []probe
	r := rule.Define(rule.Spec{
		ID: "ssa-probe", Severity: rule.Warning, Since: "v0.1.0", Notes: os.DirFS("../../nilmapwrite"),
		Requires: []*analysis.Analyzer{ssaflow.Analyzer},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			return ssaflow.Run(pass, func(form *ssaflow.Form) error {
				var p probe
				var fn *ssa.Function
				for _, f := range form.SrcFuncs {
					p.funcs = append(p.funcs, f.Name())
					if f.Name() == "F" {
						fn = f
					}
				}
				rule.ReportAt(pass, rule.Information, analysis.Diagnostic{Pos: fn.Pos(), Message: fmt.Sprint(len(p.funcs), " functions")})
				if ask {
					for _, bl := range fn.Blocks {
						for _, in := range bl.Instrs {
							if call, ok := in.(*ssa.Call); ok && call.Call.StaticCallee() != nil && !p.body {
								p.body = true // asked: the run may stop here
								probes = append(probes, p)
								if !form.HasBody(call.Call.StaticCallee()) {
									probes[len(probes)-1].body = false
								}
								return nil
							}
						}
					}
				}
				probes = append(probes, p)
				return nil
			})
		},
	})
	pass := &analysis.Pass{
		Analyzer: ssaflow.Analyzer, Fset: fset, Files: files, Pkg: pkg, TypesInfo: info,
		ResultOf: map[*analysis.Analyzer]any{rule.FocusAnalyzer: focus},
	}
	res, err := ssaflow.Analyzer.Run(pass)
	if err != nil {
		t.Fatal(err)
	}
	defer res.(*ssaflow.Result).Release()
	var found []string
	rpass := &analysis.Pass{
		Analyzer: r.Analyzer, Fset: fset, Files: files, Pkg: pkg, TypesInfo: info,
		ResultOf: map[*analysis.Analyzer]any{rule.FocusAnalyzer: focus, ssaflow.Analyzer: res},
		Report:   func(d analysis.Diagnostic) { found = append(found, d.Message) },
	}
	out, err := r.Analyzer.Run(rpass)
	if err != nil {
		t.Fatal(err)
	}
	return probes, found, out.(*rule.Result).Levels
}

// TestPartialForm: for an edit, rules first see the focused file's
// functions alone; a rule that asks for the body of a function left out
// starts over on the whole form, and only what it found there counts;
// the focus that needed the whole form gets it at once next time.
func TestPartialForm(t *testing.T) {
	const a = "package p\n\nfunc F() { G() }\n"
	const b = "package p\n\nfunc G() { println() }\n\nfunc H() {}\n"

	// A rule that never asks: the partial form's findings stand.
	probes, found, levels := analyze(t, "p1", a, b, false)
	if len(probes) != 1 || !slices.Equal(probes[0].funcs, []string{"F"}) {
		t.Errorf("a rule that does not ask saw %v, want one run on F alone", probes)
	}
	if !slices.Equal(found, []string{"1 functions"}) || !slices.Equal(levels, []rule.Severity{rule.Information}) {
		t.Errorf("findings %v at %v, want the partial run's at Information", found, levels)
	}

	// A rule that asks for G's body: it starts over on the whole form,
	// and the partial run's finding is dropped.
	probes, found, levels = analyze(t, "p2", a, b, true)
	if len(probes) != 2 || !slices.Equal(probes[0].funcs, []string{"F"}) || !probes[0].body ||
		!slices.Equal(probes[1].funcs, []string{"F", "G", "H"}) || !probes[1].body {
		t.Errorf("a rule that asks saw %+v, want F alone (stopped at the question), then F, G, H and G's body", probes)
	}
	if !slices.Equal(found, []string{"3 functions"}) || !slices.Equal(levels, []rule.Severity{rule.Information}) {
		t.Errorf("findings %v at %v, want the whole run's alone, at Information", found, levels)
	}

	// The same focus again: the whole form at once.
	probes, found, _ = analyze(t, "p2", a, b, true)
	if len(probes) != 1 || len(probes[0].funcs) != 3 || !slices.Equal(found, []string{"3 functions"}) {
		t.Errorf("the focus that needed the whole form, again: %+v, findings %v; want one run on the whole form", probes, found)
	}

	// A function without a body anywhere (assembly) does not ask.
	const asm = "package p\n\nfunc F() { G() }\n\nfunc G()\n"
	probes, _, _ = analyze(t, "p3", asm, "package p\n", true)
	if len(probes) != 1 || probes[0].body {
		t.Errorf("a function declared without a body: %+v, want one partial run that finds no body", probes)
	}
}
