package ruletest

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/lostcancel"
	"golang.org/x/tools/go/packages"
)

// A fix must not create a finding of any rule (its own or another's)
// that was not there before: a return inserted under a lock is a
// deadlock finding, an err declared again an unhandled-error finding.
// checkNoNewFindings runs every rule of the registry, the one under test
// with its options, and go vet's lostcancel, on the package before the
// fix (original, checked again as the fixed one was) and after it
// (after), and fails for each finding in the fixed file that was not
// there before.
//
// A finding is the same as before when a finding of the same rule, at the
// same or a higher severity, started where it starts (mapped back through
// the fix's edits; one in inserted text is new): its message may change
// (a fan-out joined another way, an error now handled). The runs leave out the dependencies'
// facts (the rules that have facts reach the same or fewer conclusions
// without them, see CompareExportData): running every rule on every
// dependency for every fix would take minutes.
func checkNoNewFindings(t *testing.T, a *analysis.Analyzer, c fixCase, original, after *packages.Package) {
	t.Helper()
	analyzers := registryWith(a)
	edits, _, ok := driver.FixEdits(c.pkg.Fset, analysis.SuggestedFix{TextEdits: c.edits})
	if !ok {
		t.Fatal("the fix's edits are not in one file")
	}
	src, err := os.ReadFile(c.file)
	if err != nil {
		t.Fatal(err)
	}
	before := make(map[findingKey][]rule.Severity)
	for _, f := range findingsIn(t, analyzers, original, c.file) {
		before[f.key] = append(before[f.key], f.severity)
	}
	var added []string
	for _, f := range findingsIn(t, analyzers, after, c.file) {
		if off, ok := driver.Origin(src, edits, f.key.offset); ok {
			f.key.offset = off
			sevs := before[f.key]
			if i := slices.IndexFunc(sevs, func(s rule.Severity) bool { return s >= f.severity }); i >= 0 {
				before[f.key] = slices.Delete(sevs, i, i+1)
				continue // there before, as loud or louder
			}
		}
		added = append(added, fmt.Sprintf("%s: line %d: %s", f.key.rule, f.line, f.message))
	}
	sort.Strings(added)
	for _, f := range added {
		t.Errorf("the fix creates a finding: %s", f)
	}
}

type findingKey struct {
	rule   string
	offset int
}

type found struct {
	key      findingKey
	severity rule.Severity // at the rule's default severity
	line     int
	message  string
}

var (
	registryMu sync.Mutex
	registry   = make(map[*analysis.Analyzer][]*analysis.Analyzer)
)

// registryWith returns the analyzers of every rule, a in place of its
// rule's, each serving go.mod (ServeGoMod); the same slice for the same
// a, so that runs share nothing but are built once.
func registryWith(a *analysis.Analyzer) []*analysis.Analyzer {
	registryMu.Lock()
	defer registryMu.Unlock()
	if as, ok := registry[a]; ok {
		return as
	}
	var as []*analysis.Analyzer
	for _, r := range all.Rules {
		if r.Analyzer.Name == a.Name {
			as = append(as, a)
			continue
		}
		as = append(as, ServeGoMod(r.Analyzer))
	}
	// go vet's check of the same kind: a return inserted before a
	// context's cancel is called leaks it.
	as = append(as, lostcancel.Analyzer)
	registry[a] = as
	return as
}

// findingsIn returns the findings of analyzers on pkg in file.
func findingsIn(t *testing.T, analyzers []*analysis.Analyzer, pkg *packages.Package, file string) []found {
	t.Helper()
	shallow := *pkg
	shallow.Imports = nil // no facts from dependencies: see checkNoNewFindings
	graph, err := checker.Analyze(analyzers, []*packages.Package{&shallow}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []found
	for _, act := range graph.Roots {
		if act.Err != nil {
			if strings.Contains(act.Err.Error(), "analysis skipped due to errors") {
				continue
			}
			t.Fatalf("%s on the %s package: %v", act.Analyzer.Name, pkg.PkgPath, act.Err)
		}
		levels, _ := act.Result.(*rule.Result)
		for i, d := range act.Diagnostics {
			tf := pkg.Fset.File(d.Pos)
			if tf == nil || tf.Name() != file {
				continue
			}
			sev := rule.Warning // go vet's
			if r := all.Rules.Lookup(act.Analyzer.Name); r != nil {
				sev = levels.At(i, r.Severity)
			}
			out = append(out, found{
				key:      findingKey{rule: rule.ID(act.Analyzer.Name), offset: tf.Offset(d.Pos)},
				severity: sev,
				line:     tf.Line(d.Pos),
				message:  d.Message,
			})
		}
	}
	return out
}
