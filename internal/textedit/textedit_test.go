package textedit_test

import (
	"errors"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/textedit"
)

func ins(at int, text string) textedit.Edit {
	return textedit.Edit{Start: at, End: at, Text: []byte(text)}
}
func rep(start, end int, text string) textedit.Edit {
	return textedit.Edit{Start: start, End: end, Text: []byte(text)}
}

// TestApply checks the semantics of x/tools' diff.Apply.
func TestApply(t *testing.T) {
	const src = "abcdef"
	for _, tc := range []struct {
		name  string
		edits []textedit.Edit
		want  string
		err   error
	}{
		{"none", nil, "abcdef", nil},
		{"unsorted", []textedit.Edit{rep(4, 5, "E"), rep(0, 1, "A")}, "AbcdEf", nil},
		{"insertions at one offset, in the order given", []textedit.Edit{ins(3, "X"), ins(3, "Y")}, "abcXYdef", nil},
		{"an insertion before a replacement that starts there", []textedit.Edit{rep(3, 4, "D"), ins(3, "X")}, "abcXDef", nil},
		{"adjacent replacements", []textedit.Edit{rep(1, 3, "B"), rep(3, 5, "D")}, "aBDf", nil},
		{"at the end", []textedit.Edit{ins(6, "!")}, "abcdef!", nil},
		{"overlapping", []textedit.Edit{rep(1, 3, "B"), rep(2, 4, "C")}, "", textedit.ErrOverlap},
		{"two replacements at one offset", []textedit.Edit{rep(1, 2, "B"), rep(1, 2, "B")}, "", textedit.ErrOverlap},
		{"past the end", []textedit.Edit{rep(5, 7, "")}, "", textedit.ErrOutOfBounds},
		{"backwards", []textedit.Edit{rep(3, 2, "")}, "", textedit.ErrOutOfBounds},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := textedit.Apply([]byte(src), tc.edits)
			if !errors.Is(err, tc.err) || err == nil && string(got) != tc.want {
				t.Errorf("Apply = %q, %v; want %q, %v", got, err, tc.want, tc.err)
			}
		})
	}
}

// TestMerge checks the semantics of x/tools' diff.Merge, on the cases of
// its own test (written there as texts, here as the edits).
func TestMerge(t *testing.T) {
	const base = "abcdef"
	E := func(es ...textedit.Edit) []textedit.Edit { return es }
	for _, tc := range []struct {
		name string
		x, y []textedit.Edit
		want string // "!": a conflict
	}{
		{"independent insertions", E(ins(2, "X")), E(ins(5, "Y")), "abXcdeYf"},
		{"independent deletions", E(rep(1, 2, "")), E(rep(4, 5, "")), "acdf"},
		{"colocated insertions, x first", E(ins(3, "X")), E(ins(3, "Y")), "abcXYdef"},
		{"colocated identical insertions, once", E(ins(3, "X")), E(ins(3, "X")), "abcXdef"},
		{"identical and independent insertions", E(ins(1, "I"), ins(4, "X")), E(ins(1, "I"), ins(4, "Y")), "aIbcdXYef"},
		{"overlapping deletions", E(rep(1, 3, "")), E(rep(2, 4, "")), "!"},
		{"deletions that end together", E(rep(1, 4, "")), E(rep(2, 4, "")), "aef"},
		{"overlapping replacements", E(rep(2, 4, "X")), E(rep(3, 5, "Y")), "!"},
		{"an insertion where a replacement starts", E(rep(2, 4, "X")), E(ins(2, "Y")), "abYXef"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := "!"
			if z, ok := textedit.Merge(tc.x, tc.y); ok {
				out, err := textedit.Apply([]byte(base), z)
				if err != nil {
					t.Fatalf("Merge made invalid edits %v: %v", z, err)
				}
				got = string(out)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
