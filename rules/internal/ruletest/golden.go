package ruletest

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/textedit"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/txtar"
)

// goldenFixes are the fixes of results, by file, as the two forms of an
// analysistest golden file group them.
type goldenFixes struct {
	findings []*driver.Finding // in the order reported
	multi    map[string]bool   // files where a diagnostic offers alternatives
	// byTitle holds, for the files in multi, the merged edits of every
	// fix with a given title, merged fix by fix (as analysistest and
	// -fix merge them); conflicts lists the titles whose fixes conflict.
	byTitle   map[string]map[string][]textedit.Edit
	conflicts map[string][]string
}

func collectFixes(results []*analysistest.Result) *goldenFixes {
	g := &goldenFixes{
		multi:     make(map[string]bool),
		byTitle:   make(map[string]map[string][]textedit.Edit),
		conflicts: make(map[string][]string),
	}
	for _, res := range results {
		if res.Action == nil {
			continue
		}
		fset := res.Action.Package.Fset
		for _, d := range res.Diagnostics {
			g.findings = append(g.findings, &driver.Finding{Fset: fset, Diag: d})
			for _, fix := range d.SuggestedFixes {
				if len(fix.TextEdits) > 0 && len(d.SuggestedFixes) > 1 {
					g.multi[fset.File(fix.TextEdits[0].Pos).Name()] = true
				}
			}
		}
	}
	for _, f := range g.findings {
		for _, fix := range f.Diag.SuggestedFixes {
			edits, name, ok := driver.FixEdits(f.Fset, fix)
			if !ok || !g.multi[name] {
				continue
			}
			if g.byTitle[name] == nil {
				g.byTitle[name] = make(map[string][]textedit.Edit)
			}
			merged, ok := textedit.Merge(g.byTitle[name][fix.Message], edits)
			if !ok {
				g.conflicts[name] = append(g.conflicts[name], fix.Message)
				continue
			}
			g.byTitle[name][fix.Message] = merged
		}
	}
	return g
}

// fixed returns the contents of the golden files of the fixes: for a
// file where no diagnostic offers alternatives, the file as -fix leaves
// it (driver.FixedFiles); for the others, a txtar archive with one
// section per fix title, all fixes of that title applied.
func (g *goldenFixes) fixed(t *testing.T) map[string][]byte {
	t.Helper()
	var single []*driver.Finding
	for _, f := range g.findings {
		if len(f.Diag.SuggestedFixes) == 1 {
			if _, name, ok := driver.FixEdits(f.Fset, f.Diag.SuggestedFixes[0]); ok && !g.multi[name] {
				single = append(single, f)
			}
		}
	}
	out, _, skipped, err := driver.FixedFiles(single, nil)
	if err != nil {
		t.Fatal(err)
	}
	if skipped > 0 {
		t.Errorf("%d fixes conflict with others: -fix skips them", skipped)
	}
	for name, byTitle := range g.byTitle {
		if c := g.conflicts[name]; len(c) > 0 {
			t.Errorf("%s: fixes titled %q conflict", name, c)
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		ar := new(txtar.Archive)
		for _, title := range slices.Sorted(maps.Keys(byTitle)) {
			fixed, err := driver.ApplyFixes(name, src, byTitle[title])
			if err != nil {
				t.Fatalf("fixes titled %q: %v", title, err)
			}
			ar.Files = append(ar.Files, txtar.File{Name: title, Data: fixed})
		}
		out[name] = txtar.Format(ar)
	}
	return out
}

// writeGoldens writes file.go.golden for every file with fixes (see
// goldenFixes.fixed).
func writeGoldens(t *testing.T, results []*analysistest.Result) {
	for name, data := range collectFixes(results).fixed(t) {
		if err := os.WriteFile(name+".golden", data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s.golden", name)
	}
}

// CheckGoldensAgreeWithFix checks that every golden file of a file where
// no diagnostic offers alternatives is byte for byte the file as -fix
// leaves it. (analysistest compares them after formatting both, and
// merges fixes in the order of their titles, not of the findings.)
func CheckGoldensAgreeWithFix(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	g := collectFixes(results)
	fixed := g.fixed(t)
	for name, data := range fixed {
		if g.multi[name] {
			continue
		}
		want, err := os.ReadFile(name + ".golden")
		if errors.Is(err, fs.ErrNotExist) {
			continue // analysistest reports it
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, want) {
			t.Errorf("%s.golden is not the file as -fix leaves it:\n--- -fix ---\n%s\n--- golden ---\n%s", name, data, want)
		}
	}
}
