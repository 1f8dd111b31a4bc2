package driver_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/all"
)

// TestRootsNotCompiled analyses a module whose packages the compiler
// rejects (functions without bodies and no assembly: "missing function
// body") but go/types accepts: the go command is asked for the export
// data of dependencies only, and packages that import analysed ones get
// their types from source. So nothing fails, and the findings are there:
// in a package nothing imports, in one another imports, in the test
// variant an external test imports, and in a package recompiled for a
// test (e [d.test]) that resolves d to d's test variant.
func TestRootsNotCompiled(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module m\n\ngo 1.22\n",
		// Nothing imports a; it imports b.
		"a/a.go": "package a\n\nimport \"m/b\"\n\nfunc external()\n\nfunc F(v any) string {\n\treturn v.(string) + b.G(v)\n}\n",
		"b/b.go": "package b\n\nfunc external()\n\nfunc G(v any) string {\n\treturn v.(string)\n}\n",
		// c's external test uses what its internal test declares.
		"c/c.go":      "package c\n\nfunc external()\n",
		"c/c_test.go": "package c\n\nfunc Helper(v any) string {\n\treturn v.(string)\n}\n",
		"c/x_test.go": "package c_test\n\nimport \"m/c\"\n\nvar _ = c.Helper\n",
		"d/d.go":      "package d\n\ntype T struct{}\n\nfunc K(v any) int {\n\treturn v.(int)\n}\n",
		"d/d_test.go": "package d\n\nfunc (T) TestOnly() {}\n",
		"d/x_test.go": "package d_test\n\nimport (\n\t\"m/d\"\n\t\"m/e\"\n)\n\nvar _ = e.Make().TestOnly\n\nvar _ d.T = e.Make()\n",
		"e/e.go":      "package e\n\nimport \"m/d\"\n\nfunc Make() d.T { return d.T{} }\n\nfunc H(v any) int {\n\treturn v.(int)\n}\n",
	}
	writeFiles(t, dir, files)
	res := analyze(t, dir, &driver.Selection{Rules: all.Rules, Only: []string{"unchecked-type-assertion"}}, "./...")
	for _, e := range res.PackageErrors {
		t.Errorf("package error: %v", e)
	}
	found := make(map[string]int)
	for _, f := range res.Findings {
		start, _ := f.Posn()
		found[filepath.Base(filepath.Dir(start.Filename))+"/"+filepath.Base(start.Filename)]++
	}
	for _, file := range []string{"a/a.go", "b/b.go", "c/c_test.go", "d/d.go", "e/e.go"} {
		if found[file] == 0 {
			t.Errorf("no finding in %s (findings %v)", file, found)
		}
	}
}

// writeFiles writes files, by their slash-separated names, below dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
