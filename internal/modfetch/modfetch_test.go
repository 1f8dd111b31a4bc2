package modfetch_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/modfetch"
)

func TestDropSiblingReplaces(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{ // etcd server's: a block of sibling folders only
			"module m\n\nrequire (\n\ta v1\n)\n\nreplace (\n\tgo.etcd.io/etcd/api/v3 => ../api\n\tgo.etcd.io/etcd/pkg/v3 => ../pkg\n)\n\nrequire b v2\n",
			"module m\n\nrequire (\n\ta v1\n)\n\n\nrequire b v2\n",
		},
		{ // a block with other replacements too
			"replace (\n\ta => ../a\n\tb v1 => c v2\n)\n",
			"replace (\n\tb v1 => c v2\n)\n",
		},
		{ // single lines
			"replace a => ../a\nreplace b v1 => ../b\nreplace c => d v1\n",
			"replace c => d v1\n",
		},
	} {
		if got := string(modfetch.DropSiblingReplaces([]byte(tc.in))); got != tc.want {
			t.Errorf("DropSiblingReplaces(%q)\n= %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestDetach checks that a copied module loses its go.work (whose
// members the module zip does not hold) and its sibling replaces.
func TestDetach(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":  "module m\n\nreplace a => ../a\n",
		"go.work": "go 1.26\n\nuse (\n\t.\n\t./documentation/examples\n)\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := modfetch.Detach(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.work")); !os.IsNotExist(err) {
		t.Errorf("go.work is still there (%v)", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "go.work.orig")); string(got) != files["go.work"] {
		t.Errorf("go.work.orig = %q, want the old go.work", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "go.mod")); string(got) != "module m\n\n" {
		t.Errorf("go.mod = %q, want its sibling replace dropped", got)
	}
	if err := modfetch.Detach(dir); err != nil { // again: no go.work is fine
		t.Errorf("Detach without a go.work: %v", err)
	}
}
