package driver_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/textedit"
)

func TestOrigin(t *testing.T) {
	src := "abcdefghij"
	edits := []driver.Edit{
		{Start: 2, End: 2, Text: []byte("XY")}, // insert before c
		{Start: 5, End: 7, Text: []byte("Z")},  // fg → Z
	}
	out, err := textedit.Apply([]byte(src), edits)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "abXYcdeZhij" {
		t.Fatalf("Apply = %q", out)
	}
	for off := range out {
		got, ok := driver.Origin([]byte(src), edits, off)
		switch c := out[off]; {
		case c == 'Z':
			if !ok || got != 5 {
				t.Errorf("Origin(%d) (Z, replacing fg) = %d, %v; want 5, true", off, got, ok)
			}
		case c == 'X' || c == 'Y':
			if ok {
				t.Errorf("Origin(%d) (%c, inserted) = %d, true; want false", off, c, got)
			}
		default:
			if !ok || src[got] != c {
				t.Errorf("Origin(%d) (%c) = %d, %v; want the offset of %c in the source", off, c, got, ok, c)
			}
		}
	}
}

// TestOriginKeptLine checks an edit that rewrites a neighbouring line
// (to realign its comment): the line's text maps back to the source.
func TestOriginKeptLine(t *testing.T) {
	src := "\ta()  // x\n\tbb() // y\n"
	edits := []driver.Edit{{Start: 0, End: len(src), Text: []byte("\tif err := a(); err != nil {\n\t} // x\n\tbb() // y\n")}}
	out, err := textedit.Apply([]byte(src), edits)
	if err != nil {
		t.Fatal(err)
	}
	at := func(s []byte, sub string) int {
		for i := range s {
			if string(s[i:min(len(s), i+len(sub))]) == sub {
				return i
			}
		}
		t.Fatalf("%q not in %q", sub, s)
		return 0
	}
	if got, ok := driver.Origin([]byte(src), edits, at(out, "bb()")); !ok || got != at([]byte(src), "bb()") {
		t.Errorf("Origin(bb) = %d, %v; want %d, true", got, ok, at([]byte(src), "bb()"))
	}
	if _, ok := driver.Origin([]byte(src), edits, at(out, "if err")); ok {
		t.Error("Origin(if err) = true; the line is new")
	}
}
