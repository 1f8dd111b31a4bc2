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
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A probe is what one run of a test rule's check saw.
type probe struct {
	funcs []string // the form's SrcFuncs
	body  bool     // HasBody of the callee of F's first call
}

// naming finds the functions that name one of vars (the rules' finder,
// ssapath's, finds more).
func naming(pass *analysis.Pass, vars []*types.Var) map[*types.Func]bool {
	out := make(map[*types.Func]bool)
	for fn, fd := range typesutil.FuncDecls(pass.TypesInfo, pass.Files) {
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok && slices.Contains(vars, v) {
					out[fn] = true
				}
			}
			return true
		})
	}
	return out
}

// What the test rule asks of the form.
type ask int

const (
	nothing ask = iota
	body        // HasBody of F's first static callee
	fields      // NeedVars of the field f of the struct T
	global      // NeedVars of the package-level variable g
	whole       // NeedWhole
)

// analyze type-checks the package of the files a.go (the focus) and b.go
// at path, builds its SSA form for the focus as an edit does (facts
// unread), and runs a rule whose check reports what it sees, at
// Information, then asks what ask says. It returns the checks' probes,
// in order, and the findings kept.
func analyze(t *testing.T, path, a, b string, ask ask) ([]probe, []string, []rule.Severity) {
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
				switch ask {
				case whole:
					probes = append(probes, p)
					form.NeedWhole()
					return nil
				case fields:
					probes = append(probes, p)
					st := pkg.Scope().Lookup("T").Type().Underlying().(*types.Struct)
					form.NeedVars([]*types.Var{st.Field(0)}, naming)
					return nil
				case global:
					probes = append(probes, p)
					form.NeedVars([]*types.Var{pkg.Scope().Lookup("g").(*types.Var)}, naming)
					return nil
				}
				if ask == body {
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
// functions alone. A rule that asks for the body of a function left out
// starts over on a form with it and the functions it calls; one that
// asks what the package does with a field or a package-level variable,
// on a form with the functions that may set it; one that asks for the
// whole package, on the whole form.
// Only what it found there counts, and the focus builds what it needed
// at once next time.
func TestPartialForm(t *testing.T) {
	const a = "package p\n\nfunc F() { G() }\n"
	const b = "package p\n\ntype T struct{ f int }\n\nvar g int\n\nfunc G() { I() }\n\nfunc H() {}\n\nfunc I() {}\n\nfunc Set(t *T) { t.f = 1 }\n\nfunc Use() { g++ }\n"
	names := func(p probe) []string { return slices.Sorted(slices.Values(p.funcs)) }
	for _, tc := range []struct {
		name  string
		ask   ask
		then  []string // the second run's functions
		found string   // the finding kept
	}{
		{"body", body, []string{"F", "G", "I"}, "3 functions"},
		{"fields", fields, []string{"F", "Set"}, "2 functions"},
		{"global", global, []string{"F", "Use"}, "2 functions"},
		{"whole", whole, []string{"F", "G", "H", "I", "Set", "Use"}, "6 functions"},
	} {
		path := "p_" + tc.name
		probes, found, levels := analyze(t, path, a, b, tc.ask)
		if len(probes) != 2 || !slices.Equal(names(probes[0]), []string{"F"}) || !slices.Equal(names(probes[1]), tc.then) {
			t.Errorf("%s: the rule saw %+v, want F alone (stopped at the question), then %v", tc.name, probes, tc.then)
		}
		if !slices.Equal(found, []string{tc.found}) || !slices.Equal(levels, []rule.Severity{rule.Information}) {
			t.Errorf("%s: findings %v at %v, want the second run's alone (%s), at Information", tc.name, found, levels, tc.found)
		}
		// The same focus again: what it asked for, at once.
		probes, found, _ = analyze(t, path, a, b, tc.ask)
		if len(probes) != 1 || !slices.Equal(names(probes[0]), tc.then) || !slices.Equal(found, []string{tc.found}) {
			t.Errorf("%s: the focus that asked, again: %+v, findings %v; want one run on %v", tc.name, probes, found, tc.then)
		}
	}
	if probes, _, _ := analyze(t, "p_body", a, b, body); len(probes) != 1 || !probes[0].body {
		t.Errorf("G's body, asked for again: %+v, want one run that finds it", probes)
	}

	// A rule that never asks: the partial form's findings stand.
	probes, found, levels := analyze(t, "p1", a, b, nothing)
	if len(probes) != 1 || !slices.Equal(names(probes[0]), []string{"F"}) {
		t.Errorf("a rule that does not ask saw %v, want one run on F alone", probes)
	}
	if !slices.Equal(found, []string{"1 functions"}) || !slices.Equal(levels, []rule.Severity{rule.Information}) {
		t.Errorf("findings %v at %v, want the partial run's at Information", found, levels)
	}

	// A function without a body anywhere (assembly) does not ask.
	const asm = "package p\n\nfunc F() { G() }\n\nfunc G()\n"
	probes, _, _ = analyze(t, "p4", asm, "package p\n", body)
	if len(probes) != 1 || probes[0].body {
		t.Errorf("a function declared without a body: %+v, want one partial run that finds no body", probes)
	}
}
