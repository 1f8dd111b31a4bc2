package docgen_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/docgen"
)

var update = flag.Bool("update", false, "rewrite the generated parts of README.md")

// TestREADME fails when README.md's rule table is not what the notes say.
func TestREADME(t *testing.T) {
	name := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	want, err := docgen.Replace(string(data), docgen.RuleTable())
	if err != nil {
		t.Fatal(err)
	}
	if want == string(data) {
		return
	}
	if *update {
		if err := os.WriteFile(name, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's rule table is stale; run go test ./internal/docgen -update")
}
