package server_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// example returns the absolute path of a file of testdata/example.
func example(t *testing.T, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(append([]string{"..", "testdata", "example"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// codes returns the rule IDs of diagnostics.
func codes(diags []protocol.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Code)
	}
	return out
}

// TestSecondOpenFile opens a file of a package, waits for its
// diagnostics, then opens a second file of the same package with its text
// unchanged from disk, as every editor user does: the second file's
// diagnostics (a planted index-range) arrive without an edit.
func TestSecondOpenFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	c, _ := startBinary(t)
	ctx := ctxFor(t)
	root := example(t)
	if _, err := c.Initialize(ctx, root, "en", nil); err != nil {
		t.Fatal(err)
	}
	profile := example(t, "internal", "service", "profile.go")
	uri, err := c.Open(ctx, profile, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Diagnostics(ctx, uri, version(1), 0); err != nil {
		t.Fatal(err)
	}
	token := example(t, "internal", "service", "token.go")
	if _, err := os.Stat(token); err != nil {
		t.Fatal(err)
	}
	uri, err = c.Open(ctx, token, "")
	if err != nil {
		t.Fatal(err)
	}
	pub, _, err := c.Diagnostics(ctx, uri, version(1), 0)
	if err != nil {
		t.Fatalf("the second file opened got no diagnostics: %v", err)
	}
	if !slices.Contains(codes(pub.Diagnostics), "index-range") {
		t.Errorf("diagnostics of token.go %v, want its index-range", codes(pub.Diagnostics))
	}
}
