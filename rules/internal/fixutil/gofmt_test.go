package fixutil_test

import (
	"go/format"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"golang.org/x/tools/go/analysis"
)

func TestGofmt(t *testing.T) {
	for _, tc := range []struct {
		name, src, before, insert, want string
	}{
		{
			name:   "no neighbours to realign",
			src:    "package p\n\nfunc f(a []int) int {\n\tx := 1\n\treturn a[x]\n}\n",
			before: "\treturn", insert: "\tif len(a) < 2 {\n\t\treturn 0\n\t}\n",
			want: "package p\n\nfunc f(a []int) int {\n\tx := 1\n\tif len(a) < 2 {\n\t\treturn 0\n\t}\n\treturn a[x]\n}\n",
		},
		{
			name: "an inserted block splits a run of aligned comments",
			src: "package p\n\nimport \"os\"\n\nfunc f() {\n\tname := os.Args[1]       // one\n" +
				"\ttarget := os.Environ()[0] // two\n\t_, _ = name, target\n}\n",
			before: "\ttarget", insert: "\tif len(os.Environ()) < 1 {\n\t\tos.Exit(2)\n\t}\n",
			want: "package p\n\nimport \"os\"\n\nfunc f() {\n\tname := os.Args[1] // one\n" +
				"\tif len(os.Environ()) < 1 {\n\t\tos.Exit(2)\n\t}\n\ttarget := os.Environ()[0] // two\n\t_, _ = name, target\n}\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := format.Source([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			tc.src = string(src)
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", tc.src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			pass := &analysis.Pass{Fset: fset, ReadFile: func(string) ([]byte, error) { return []byte(tc.src), nil }}
			tf := fset.File(f.FileStart)
			at := token.Pos(tf.Base() + strings.Index(tc.src, tc.before))
			edits, ok := fixutil.Gofmt(pass, f, []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(tc.insert)}})
			if !ok {
				t.Fatal("Gofmt reported it cannot make the result gofmt'd")
			}
			got, ok := fixutil.Apply([]byte(tc.src), tf.Base(), edits)
			if !ok {
				t.Fatal("edits overlap")
			}
			if formatted, err := format.Source(got); err != nil || string(formatted) != string(got) {
				t.Errorf("result is not gofmt'd:\n%s", got)
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestGofmtInsertionBeforeReplacement: where a fix inserts text at the
// offset where another of its edits replaces some, Gofmt lays out the
// inserted text as it is applied (textedit's order: the insertion first,
// whatever the order the edits are given in).
func TestGofmtInsertionBeforeReplacement(t *testing.T) {
	const src = "package p\n\nimport \"os\"\n\nfunc f() {\n\tname := os.Args[1]        // one\n" +
		"\ttarget := os.Environ()[0] // two\n\t_, _ = name, target\n}\n"
	const want = "package p\n\nimport \"os\"\n\nfunc f() {\n\tname := os.Args[1] // one\n" +
		"\tx := 1\n\t_ = x\n\ttgt := os.Environ()[0] // two\n\t_, _ = name, target\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{Fset: fset, ReadFile: func(string) ([]byte, error) { return []byte(src), nil }}
	tf := fset.File(f.FileStart)
	at := token.Pos(tf.Base() + strings.Index(src, "\ttarget"))
	edits, ok := fixutil.Gofmt(pass, f, []analysis.TextEdit{
		{Pos: at, End: at + token.Pos(len("\ttarget")), NewText: []byte("\ttgt")},
		{Pos: at, End: at, NewText: []byte("\tx  :=  1\n\t_ = x\n")},
	})
	if !ok {
		t.Fatal("Gofmt reported it cannot make the result gofmt'd")
	}
	got, ok := fixutil.Apply([]byte(src), tf.Base(), edits)
	if !ok {
		t.Fatal("edits overlap")
	}
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
