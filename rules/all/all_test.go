package all_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// TestRegistry checks every rule's registration: sorted unique IDs,
// analyzer names derived from them, valid analyzers, notes in every
// language, a package directory named after the ID, and a fixture.
func TestRegistry(t *testing.T) {
	if len(all.Rules) == 0 {
		t.Fatal("no rules registered")
	}
	ids := make([]string, len(all.Rules))
	for i, r := range all.Rules {
		ids[i] = r.ID
	}
	if !slices.IsSorted(ids) {
		t.Errorf("rules are not sorted by ID: %v", ids)
	}
	if len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Errorf("duplicate rule IDs: %v", ids)
	}
	var analyzers []*analysis.Analyzer
	for _, r := range all.Rules {
		t.Run(r.ID, func(t *testing.T) {
			a := r.Analyzer
			analyzers = append(analyzers, a)
			if a.Name != rule.Name(r.ID) {
				t.Errorf("Analyzer.Name = %q, want %q", a.Name, rule.Name(r.ID))
			}
			if all.Rules.Lookup(r.ID) != r || all.Rules.Lookup(a.Name) != r {
				t.Errorf("Lookup does not find the rule by ID and by analyzer name")
			}
			if !strings.HasPrefix(a.Doc, r.Note("en").Title) {
				t.Errorf("Analyzer.Doc does not start with the note's title")
			}
			for _, lang := range rule.Languages {
				n, ok := r.Notes[lang]
				if !ok {
					t.Errorf("no %s note", lang)
					continue
				}
				if !strings.Contains(n.Ignore, "gopitfalls:ignore "+r.ID) {
					t.Errorf("%s note does not say how to silence the rule (//gopitfalls:ignore %s …)", lang, r.ID)
				}
			}
			if zh := r.Note("zh"); !containsHan(zh.Title) || !containsHan(zh.Why) {
				t.Errorf("the zh note's title and why are not written in Chinese")
			}
			if r.Severity == rule.Error {
				t.Errorf("default severity is error; rules default to warning or lower")
			}
			if _, err := os.Stat(filepath.Join("..", r.Package())); err != nil {
				t.Errorf("rule package directory: %v", err)
			}
			if _, err := os.Stat(filepath.Join("..", "..", "testdata", "rules", r.ID, "go.mod")); err != nil {
				t.Errorf("fixture module: %v", err)
			}
			if r.With(rule.DefaultOptions()) != r.Analyzer {
				t.Errorf("With(DefaultOptions()) is not the default Analyzer")
			}
		})
	}
	if err := analysis.Validate(analyzers); err != nil {
		t.Error(err)
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
