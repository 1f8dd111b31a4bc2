package token

import (
	"strings"
	"testing"
)

func TestParseToken(t *testing.T) {
	_, sign, err := ParseToken("42:abc")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(sign, ",")
	if len(parts) != 1 {
		t.Fatalf("got %d parts", len(parts))
	}
	_ = parts[0] // checked, and Split's first element is always there

	out := strings.Split("a b", " ")
	if out[1] != "b" { // the input is a constant
		t.Error("split")
	}
}

func TestFields(t *testing.T) {
	got := strings.Fields(strings.Repeat(" ", 3))
	if got[0] != "" { /* hint */ // want `got\[0\] panics when strings.Repeat\(" ", 3\) is blank`
		t.Error("fields")
	}
}

func pair() []string { return []string{"a", "b"} }

// From kratos' redis conn_test: the message of a failed check indexes
// past the length the check just established.
func TestPair(t *testing.T) {
	vs := pair()
	if len(vs) != 2 {
		t.Fatalf("len(vs) == %d, want 2", len(vs))
	}
	if vs[1] != "b" {
		t.Fatalf("second result is %q", vs[2]) // want `vs\[2\] is out of range: vs has length 2`
	}
}
