package fixutil_test

import (
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"golang.org/x/tools/go/analysis"
)

// parse returns a pass over src (as file p.go) and its syntax; reads
// counts the calls of the pass's ReadFile.
func parse(t *testing.T, src string) (*analysis.Pass, *ast.File, *int) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	reads := new(int)
	pass := &analysis.Pass{Fset: fset, Files: []*ast.File{f}, ReadFile: func(string) ([]byte, error) {
		*reads++
		return []byte(src), nil
	}}
	return pass, f, reads
}

// apply applies edits to src, whose file starts at base.
func apply(t *testing.T, src string, base int, edits []analysis.TextEdit) string {
	t.Helper()
	out, ok := fixutil.Apply([]byte(src), base, edits)
	if !ok {
		t.Fatal("edits overlap")
	}
	return string(out)
}

// TestGofmtRegionsAgreeWithFile inserts a commented statement before
// every statement of every function in the rule fixtures that are
// gofmt'd, with an import edit at the top, and checks that Gofmt, which
// formats only the declarations the edits touch, gives the file gofmt
// gives.
func TestGofmtRegionsAgreeWithFile(t *testing.T) {
	var files []string
	for _, root := range []string{"../../../testdata/rules", "../../../testdata/modules"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(path, ".go") {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatalf("fixtures: %v", err)
		}
	}
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	checked := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		if formatted, err := format.Source(data); err != nil || string(formatted) != src {
			continue // not gofmt'd: Gofmt keeps the edits as they are
		}
		pass, f, _ := parse(t, src)
		tf := pass.Fset.File(f.FileStart)
		var imp []analysis.TextEdit
		if len(f.Imports) > 0 {
			at := f.Imports[0].Pos()
			imp = []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\"aaa\"\n\t")}}
			if !strings.Contains(src, "import (") {
				imp = nil
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			b, ok := n.(*ast.BlockStmt)
			if !ok {
				return true
			}
			for i, s := range b.List {
				if i%3 != 0 {
					continue // a sample is enough
				}
				switch s.(type) {
				case *ast.LabeledStmt, *ast.CaseClause, *ast.CommClause:
					continue // outdented, or no statement
				}
				if !fixutil.StartsLine(pass, f, s.Pos()) {
					continue // after another on its line
				}
				at := s.Pos()
				indent := fixutil.Indent(pass.Fset, at)
				edits := append([]analysis.TextEdit{{Pos: at, End: at, NewText: []byte("_ = 0 // inserted\n" + indent)}}, imp...)
				fixed := apply(t, src, tf.Base(), edits)
				want, err := format.Source([]byte(fixed))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				got, ok := fixutil.Gofmt(pass, f, edits)
				if !ok {
					continue // it says it cannot; then nothing is offered
				}
				checked++
				if res := apply(t, src, tf.Base(), got); res != string(want) {
					t.Errorf("%s: insertion at line %d: Gofmt's result differs from gofmt's:\n%s", name, tf.Line(at), res)
					return false
				}
			}
			return true
		})
	}
	t.Logf("%d insertions checked", checked)
	if checked < 100 {
		t.Errorf("only %d insertions checked", checked)
	}
}

// TestGofmtTouchesOnlyItsLines checks that a fix in a declaration that is
// gofmt'd leaves others alone, even where they are not, and that one in a
// declaration that is not gofmt'd is kept as it is.
func TestGofmtTouchesOnlyItsLines(t *testing.T) {
	const src = "package p\n\n//newContext makes one\nfunc newContext() {}\n\n" +
		"func f() {\n\tx := 1  // one\n\ty := 22 // two\n\t_, _ = x, y\n}\n\n" +
		"//g does it\nfunc g() {\n\tx := 1 // one\n\t_ = x\n}\n"
	pass, f, _ := parse(t, src)
	base := pass.Fset.File(f.FileStart).Base()
	insert := func(before string) []analysis.TextEdit {
		at := token.Pos(base + strings.Index(src, before) + 1) // after the tab
		return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("z := 333 // three\n\t")}}
	}
	for _, gofmt := range []func(*analysis.Pass, *ast.File, []analysis.TextEdit) ([]analysis.TextEdit, bool){fixutil.Gofmt, fixutil.GofmtLines} {
		// In f (gofmt'd): the comments of f are realigned, nothing else changes.
		edits, ok := gofmt(pass, f, insert("\ty := 22"))
		if !ok {
			t.Fatal("no edits for f")
		}
		want := strings.Replace(src, "\tx := 1  // one\n\ty := 22 // two\n",
			"\tx := 1   // one\n\tz := 333 // three\n\ty := 22  // two\n", 1)
		if got := apply(t, src, base, edits); got != want {
			t.Errorf("fix in f:\n%s\nwant:\n%s", got, want)
		}
		// In g (its doc comment is not gofmt'd): the edit as it is.
		edits, ok = gofmt(pass, f, insert("\t_ = x\n}\n"))
		if !ok {
			t.Fatal("no edits for g")
		}
		want = strings.Replace(src, "\t_ = x\n}\n", "\tz := 333 // three\n\t_ = x\n}\n", 1)
		if got := apply(t, src, base, edits); got != want {
			t.Errorf("fix in g:\n%s\nwant:\n%s", got, want)
		}
	}
	// GofmtStrict offers nothing in g: its result is not gofmt'd.
	if _, ok := fixutil.GofmtStrict(pass, f, insert("\t_ = x\n}\n")); ok {
		t.Error("GofmtStrict accepted a fix whose declaration is not gofmt'd")
	}
	if _, ok := fixutil.GofmtStrict(pass, f, insert("\ty := 22")); !ok {
		t.Error("GofmtStrict refused a fix in a gofmt'd declaration")
	}
}

// TestGofmtAdjacentDeclarations checks that declarations with no blank
// line between them are formatted together: gofmt aligns their comments.
func TestGofmtAdjacentDeclarations(t *testing.T) {
	const src = "package p\n\nvar a = 1  // one\nvar bb = 2 // two\n\nvar c = 1 // three\n"
	pass, f, _ := parse(t, src)
	base := pass.Fset.File(f.FileStart).Base()
	at := token.Pos(base + strings.Index(src, "bb"))
	edits, ok := fixutil.Gofmt(pass, f, []analysis.TextEdit{{Pos: at, End: at + 2, NewText: []byte("bbbb")}})
	if !ok {
		t.Fatal("Gofmt reported false")
	}
	want := "package p\n\nvar a = 1    // one\nvar bbbb = 2 // two\n\nvar c = 1 // three\n"
	if got := apply(t, src, base, edits); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestGofmtLines checks that where gofmt changes the number of lines,
// Gofmt gives up and GofmtLines replaces the lines.
func TestGofmtLines(t *testing.T) {
	const src = "package p\n\nfunc f() {\n\tx := 1 // one\n\t_ = x\n}\n"
	pass, f, _ := parse(t, src)
	base := pass.Fset.File(f.FileStart).Base()
	at := token.Pos(base + strings.Index(src, "\t_ = x"))
	edits := []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("y := 22 // two\n\n\n\t")}}
	if _, ok := fixutil.Gofmt(pass, f, edits); ok {
		t.Error("Gofmt accepted edits whose blank lines gofmt removes")
	}
	got, ok := fixutil.GofmtLines(pass, f, edits)
	if !ok {
		t.Fatal("GofmtLines reported false")
	}
	want := "package p\n\nfunc f() {\n\tx := 1  // one\n\ty := 22 // two\n\n\t_ = x\n}\n"
	if res := apply(t, src, base, got); res != want {
		t.Errorf("got:\n%s\nwant:\n%s", res, want)
	}
}

// TestGofmtGenerated checks that no fix work is done in a generated file.
func TestGofmtGenerated(t *testing.T) {
	const src = "// Code generated by x. DO NOT EDIT.\n\npackage p\n\nfunc f() {\n\t_ = 1\n}\n"
	pass, f, reads := parse(t, src)
	at := token.Pos(pass.Fset.File(f.FileStart).Base() + strings.Index(src, "\t_ = 1"))
	if _, ok := fixutil.Gofmt(pass, f, []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("_ = 2\n\t")}}); ok {
		t.Error("Gofmt made a fix in a generated file")
	}
	if *reads != 0 {
		t.Errorf("Gofmt read a generated file %d times", *reads)
	}
}
