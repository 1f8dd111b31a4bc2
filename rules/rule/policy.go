package rule

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
)

// The severity policy (SPEC, "Severity policy"): a warning claims that the
// bad case can happen. A rule reports a diagnostic at its own severity
// with pass.Report, or below it with [ReportAt] where the program itself
// makes the bad case unlikely. On top of what the rule says, the policy
// caps two kinds of code:
//
//   - _test.go files, at the rule's Spec.InTests: a test that panics
//     fails, loudly but harmlessly; and test helpers in other files,
//     functions that take a *testing.T, *testing.B, *testing.F or
//     testing.TB and so run only under a test;
//   - non-production code (see [NonProduction]): benchmarks, examples,
//     demos and mock servers, and test-support packages (testSupport),
//     at information. They are downgraded, never silenced: a reader may
//     still want to know.
//
// The severity of each diagnostic is in the rule Analyzer's result, a
// *[Result]; drivers that know it (check, the server) show each finding
// at its level, and others see only the diagnostics at or above
// Options.MinSeverity.

// A Result is what every rule's Analyzer returns: the severity of each
// diagnostic its pass reported, in the order reported, and the places
// where it gave up (see GiveUp).
type Result struct {
	Levels []Severity
	Said   []Said // what the rule said, by diagnostic, in the order reported
	Skips  []Skip
}

var resultType = reflect.TypeOf((*Result)(nil))

// At returns the severity of the i'th diagnostic reported, or own when
// unknown.
func (r *Result) At(i int, own Severity) Severity {
	if r == nil || i < 0 || i >= len(r.Levels) {
		return own
	}
	return r.Levels[i]
}

// SaidAt returns what the rule said in the i'th diagnostic reported, or
// nil when unknown.
func (r *Result) SaidAt(i int) *Said {
	if r == nil || i < 0 || i >= len(r.Said) {
		return nil
	}
	return &r.Said[i]
}

// GaveUp returns the places where the rule gave up.
func (r *Result) GaveUp() []Skip {
	if r == nil {
		return nil
	}
	return r.Skips
}

// running holds the state of each pass a rule is running on, by the pass
// the rule was given: where ReportAt leaves the severity of the
// diagnostic it reports next, and the Result being built.
var running sync.Map // *analysis.Pass → *passState

type passState struct {
	mu   sync.Mutex
	next Severity
	said map[string]Text // by English: what Say recorded
	res  Result

	// While a rule runs Tentatively, what it reports and the places it
	// gives up on wait here, and report replays them if they count.
	holding bool
	held    []heldReport
	skips   []Skip
	report  func(analysis.Diagnostic)
}

// A heldReport is a finding reported Tentatively, and the severity
// asked for it.
type heldReport struct {
	d   analysis.Diagnostic
	sev Severity
}

// Tentatively runs try, holding back the findings it reports and the
// places it gives up on: they count if try returns true, and are dropped
// if it returns false (a rule that then starts over on more of the
// package reports them again). It returns false without running try when
// it cannot hold them back: pass is not a rule's pass. Runs do not nest.
func Tentatively(pass *analysis.Pass, try func() bool) bool {
	v, ok := running.Load(pass)
	if !ok {
		return false
	}
	st := v.(*passState)
	st.mu.Lock()
	st.holding = true
	st.mu.Unlock()
	keep := false
	defer func() {
		st.mu.Lock()
		held, skips := st.held, st.skips
		st.holding, st.held, st.skips = false, nil, nil
		if keep {
			st.res.Skips = append(st.res.Skips, skips...)
		}
		st.mu.Unlock()
		if keep {
			for _, h := range held {
				st.mu.Lock()
				st.next = h.sev
				st.mu.Unlock()
				st.report(h.d)
			}
		}
	}()
	keep = try()
	return true
}

// ReportAt reports d at severity s, below the rule's own: the program
// pins the outcome, so the finding informs rather than warns. A severity
// at or above the rule's is the rule's.
func ReportAt(pass *analysis.Pass, s Severity, d analysis.Diagnostic) {
	if v, ok := running.Load(pass); ok {
		st := v.(*passState)
		st.mu.Lock()
		st.next = s
		st.mu.Unlock()
	}
	pass.Report(d)
}

// level returns the severity of a diagnostic of rule r reported at pos
// when the rule asked for s (Off: its own), after the policy's caps.
func (r *Rule) level(pass *analysis.Pass, pos token.Pos, s Severity) Severity {
	if s == Off || s > r.Severity {
		s = r.Severity
	}
	tf := pass.Fset.File(pos)
	if r.spec.InTests != Off && s > r.spec.InTests && InTestCode(pass, pos) {
		s = r.spec.InTests
	}
	modPath := ""
	if pass.Module != nil {
		modPath = pass.Module.Path
	}
	if s > Information && (NonProduction(pass.Pkg.Path(), modPath, tf) || testSupport(pass.Pkg)) {
		s = Information
	}
	return s
}

// nonProductionDir matches the path elements of packages that hold
// benchmarks, examples, demos, mocks, fakes and test helpers (a package
// named test, tests or testing): code that never runs in production.
// Commands (cmd/) and tools (tool/) run for real and are not matched.
var nonProductionDir = regexp.MustCompile(`^_?(examples?|demos?|benchmarks?|bench|mocks?|mock_?server|fakes?|tests?|testing|testutils?|testhelpers?)$`)

// NonProduction reports whether a package path, or the name of the file
// a diagnostic is in, says the code is not production code: a path
// element such as examples, benchmark, mock, mockserver or testing, or a
// file named *_mock.go or mock_*.go. When the package's module path is
// known, only the module's own name (its last element) and the folders
// below it count: the host and owner before it say nothing about the code
// (github.com/example/account is a module like any other, and so is the
// example workspace's).
func NonProduction(pkgPath, modulePath string, tf *token.File) bool {
	if modulePath != "" && (pkgPath == modulePath || strings.HasPrefix(pkgPath, modulePath+"/")) {
		pkgPath = pkgPath[strings.LastIndex(modulePath, "/")+1:]
	}
	for _, elem := range strings.Split(pkgPath, "/") {
		if nonProductionDir.MatchString(strings.ToLower(elem)) {
			return true
		}
	}
	if tf != nil {
		base := strings.ToLower(tf.Name())
		if i := strings.LastIndexAny(base, `/\`); i >= 0 {
			base = base[i+1:]
		}
		if strings.HasSuffix(base, "_mock.go") || strings.HasPrefix(base, "mock_") {
			return true
		}
	}
	return false
}

// InTestCode reports whether pos is in test code: a _test.go file, or a
// test helper in another file (see inTestHelper). The severity policy
// caps such code at Spec.InTests; rules that judge it themselves ask
// here.
func InTestCode(pass *analysis.Pass, pos token.Pos) bool {
	tf := pass.Fset.File(pos)
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go") || inTestHelper(pass, pos)
}

// inTestHelper reports whether pos is in a function declared with a
// *testing.T, *testing.B, *testing.F or testing.TB parameter: a test
// helper, which runs only under a test wherever its file is.
func inTestHelper(pass *analysis.Pass, pos token.Pos) bool {
	if pass.TypesInfo == nil {
		return false
	}
	for _, f := range pass.Files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		i, found := slices.BinarySearchFunc(f.Decls, pos, func(d ast.Decl, p token.Pos) int {
			switch {
			case d.End() <= p:
				return -1
			case d.Pos() > p:
				return 1
			}
			return 0
		})
		if !found {
			return false
		}
		fd, ok := f.Decls[i].(*ast.FuncDecl)
		if !ok || fd.Type.Params == nil {
			return false
		}
		for _, field := range fd.Type.Params.List {
			if typesutil.IsTestingType(pass.TypesInfo.TypeOf(field.Type)) {
				return true
			}
		}
		return false
	}
	return false
}

// testSupport reports whether pkg is a test-support package by Go's
// naming convention (net/http/httptest, testing/fstest, caddytest): its
// name ends in "test" and it imports testing, which production code does
// not (a package named manifest or latest does not).
func testSupport(pkg *types.Package) bool {
	name := pkg.Name()
	if len(name) <= len("test") || !strings.HasSuffix(name, "test") {
		return false
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == "testing" {
			return true
		}
	}
	return false
}
