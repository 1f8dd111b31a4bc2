package driver_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/textedit"
	"github.com/gopitfalls/gopitfalls/rules/all"
)

func TestKeepLineEndings(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		edit      driver.Edit
		want      string
	}{
		{
			name: "LF file: unchanged",
			src:  "a\nb\n",
			edit: driver.Edit{Start: 1, End: 1, Text: []byte("\nx")},
			want: "a\nx\nb\n",
		},
		{
			name: "insertion at a line end, between CR and LF",
			src:  "a\r\nb\r\n",
			edit: driver.Edit{Start: 2, End: 2, Text: []byte("\nx")},
			want: "a\r\nx\r\nb\r\n",
		},
		{
			name: "lines inserted at a line start",
			src:  "a\r\nb\r\n",
			edit: driver.Edit{Start: 3, End: 3, Text: []byte("x\ny\n")},
			want: "a\r\nx\r\ny\r\nb\r\n",
		},
		{
			name: "replacement up to a line end; CRLF in the text kept",
			src:  "a\r\nb\r\n",
			edit: driver.Edit{Start: 0, End: 2, Text: []byte("c\r\nd")},
			want: "c\r\nd\r\nb\r\n",
		},
		{
			name: "last line without an end",
			src:  "a\r\nb",
			edit: driver.Edit{Start: 4, End: 4, Text: []byte("\nc")},
			want: "a\r\nb\r\nc",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := textedit.Apply([]byte(tc.src), driver.KeepLineEndings([]byte(tc.src), []driver.Edit{tc.edit}))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tc.want {
				t.Errorf("got %q, want %q", out, tc.want)
			}
		})
	}
}

// TestFixKeepsCRLF applies the fixes of a file written with CRLF line
// ends: the lines the fixes add end in CRLF too.
func TestFixKeepsCRLF(t *testing.T) {
	dir := t.TempDir()
	src := strings.ReplaceAll("package p\n\nimport \"errors\"\n\nvar errX = errors.New(\"x\")\n\n"+
		"func f(v any) (string, error) {\n\ts := v.(string)\n\treturn s, errX\n}\n", "\n", "\r\n")
	name := filepath.Join(dir, "p.go")
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module p\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res := analyze(t, dir, &driver.Selection{Rules: all.Rules}, "./...")
	files, applied, _, err := driver.FixedFiles(res.Findings, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, ok := files[name]
	if applied[name] == 0 || !ok {
		t.Fatalf("no fix applied to p.go (%d findings)", len(res.Findings))
	}
	if !bytes.Contains(out, []byte("if !ok {")) {
		t.Errorf("the fix is not the checked assertion:\n%s", out)
	}
	if lf := regexp.MustCompile(`[^\r]\n`).FindIndex(out); lf != nil {
		t.Errorf("a line ends in LF alone at offset %d:\n%q", lf[0], out)
	}
}
