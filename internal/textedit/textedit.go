// Package textedit applies and merges byte-offset edits of a text: the
// one applier behind check's -fix and -diff, the editor's fix-all, the
// rules' own rewrites and the fixtures' golden files.
//
// Its semantics are those of golang.org/x/tools/internal/diff (Apply,
// SortEdits and Merge, as of x/tools v0.52.0), which analysistest and the
// go/analysis checkers' -fix use; that package is internal, so this one
// mirrors it:
//
//   - edits are applied in order of (start, end) offset, sorted stably:
//     several insertions at one offset stay in the order given, and an
//     insertion comes before a replacement that starts where it is;
//   - an edit out of the text's bounds, or two edits that overlap, are an
//     error;
//   - fixes are merged as a three-way merge would (Merge): identical
//     edits are kept once, and insertions at one offset are all kept,
//     those merged first first.
package textedit

import (
	"cmp"
	"errors"
	"slices"
)

// An Edit replaces the bytes [Start, End) of a text with Text.
type Edit struct {
	Start, End int
	Text       []byte
}

// Sort sorts edits by (start, end) offset, stably (see Compare).
func Sort(edits []Edit) {
	slices.SortStableFunc(edits, Compare)
}

// Compare orders edits as Apply applies them: by start offset, and an
// insertion before a replacement that starts where it is. Edits it
// finds equal (insertions at one offset) keep the order given, in a
// stable sort.
func Compare(a, b Edit) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
}

// ErrOutOfBounds and ErrOverlap are the errors of Apply.
var (
	ErrOutOfBounds = errors.New("edit out of the text's bounds")
	ErrOverlap     = errors.New("overlapping edits")
)

// Validate sorts edits (a copy, if they are not sorted) and checks them
// against a text of size bytes: each within bounds, none overlapping
// another. It returns the sorted edits.
func Validate(size int, edits []Edit) ([]Edit, error) {
	if !slices.IsSortedFunc(edits, Compare) {
		edits = slices.Clone(edits)
		Sort(edits)
	}
	last := 0
	for _, e := range edits {
		if e.Start < 0 || e.Start > e.End || e.End > size {
			return nil, ErrOutOfBounds
		}
		if e.Start < last {
			return nil, ErrOverlap
		}
		last = e.End
	}
	return edits, nil
}

// Apply applies edits to src and returns the result, a new slice.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	edits, err := Validate(len(src), edits)
	if err != nil {
		return nil, err
	}
	size := len(src)
	for _, e := range edits {
		size += len(e.Text) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range edits {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.Text...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

// Merge merges two valid, sorted lists of edits of one text, and
// reports false when they conflict. Identical edits are kept once;
// where x and y insert different text at one offset, x's comes first. An
// edit partly before an edit of the other list is split there, so that
// deletions that end together merge.
func Merge(x, y []Edit) ([]Edit, bool) {
	x, y = slices.Clone(x), slices.Clone(y)
	var merged []Edit
	xi, yi := 0, 0
	for xi < len(x) && yi < len(y) {
		px, py := &x[xi], &y[yi]
		switch {
		case equal(*px, *py):
			merged = append(merged, *px)
			xi++
			yi++
		case px.End <= py.Start: // x before y, or an insertion where y starts
			merged = append(merged, *px)
			xi++
		case py.End <= px.Start:
			merged = append(merged, *py)
			yi++
		case px.Start < py.Start: // x partly before y: delete up to y
			merged = append(merged, Edit{Start: px.Start, End: py.Start})
			px.Start = py.Start
		case py.Start < px.Start:
			merged = append(merged, Edit{Start: py.Start, End: px.Start})
			py.Start = px.Start
		default: // different replacements at one offset
			return nil, false
		}
	}
	merged = append(merged, x[xi:]...)
	return append(merged, y[yi:]...), true
}

func equal(a, b Edit) bool {
	return a.Start == b.Start && a.End == b.End && string(a.Text) == string(b.Text)
}
