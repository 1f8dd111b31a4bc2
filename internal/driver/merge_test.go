package driver_test

import (
	"go/token"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"golang.org/x/tools/go/analysis"
)

// TestMergeFixes: -fix and the editor's fix-all merge the fixes of
// findings as the go/analysis checkers do (textedit.Merge): insertions
// at one offset all kept, in the order of the findings; an edit two
// fixes share kept once; a fix that conflicts with an earlier one, or
// whose own edits overlap, skipped and counted.
func TestMergeFixes(t *testing.T) {
	const src = "package p\n\nfunc f() {\n\tg()\n}\n"
	fset := token.NewFileSet()
	tf := fset.AddFile("p.go", -1, len(src))
	tf.SetLinesForContent([]byte(src))
	pos := func(off int) token.Pos { return tf.Pos(off) }
	at := len("package p\n\nfunc f() {\n")
	call := at + len("\tg()")
	imp := len("package p\n")
	finding := func(edits ...analysis.TextEdit) *driver.Finding {
		return &driver.Finding{Fset: fset, Diag: analysis.Diagnostic{
			SuggestedFixes: []analysis.SuggestedFix{{Message: "fix", TextEdits: edits}},
		}}
	}
	edit := func(start, end int, text string) analysis.TextEdit {
		return analysis.TextEdit{Pos: pos(start), End: pos(end), NewText: []byte(text)}
	}
	findings := []*driver.Finding{
		finding(edit(at, at, "\ta()\n"), edit(imp, imp, "\nimport \"x\"\n")),
		finding(edit(at, at, "\tb()\n"), edit(imp, imp, "\nimport \"x\"\n")), // the same import
		finding(edit(at+1, call, "h()")),                                     // g() → h()
		finding(edit(at+1, call-1, "k(")),                                    // conflicts with g() → h()
		finding(edit(at+1, at+2, "G"), edit(at+1, at+3, "GG")),               // its own edits overlap
	}
	edits, applied, skipped := driver.MergeFixes(findings)
	if applied != 3 || skipped != 2 {
		t.Errorf("applied %d, skipped %d; want 3 and 2", applied, skipped)
	}
	files, _, _, err := driver.FixedFiles(findings, func(string) ([]byte, error) { return []byte(src), nil })
	if err != nil {
		t.Fatal(err)
	}
	const want = "package p\n\nimport \"x\"\n\nfunc f() {\n\ta()\n\tb()\n\th()\n}\n"
	if got := string(files["p.go"]); got != want {
		t.Errorf("got:\n%s\nwant:\n%s\n(edits %v)", got, want, edits["p.go"])
	}
}
