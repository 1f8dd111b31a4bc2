package fixutil

import (
	"bytes"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// lineEdits returns edits that turn src (whose first byte is at base in
// the file set) into dst, one per run of changed lines. Lines far from
// the changes are the same in both, so a greedy resynchronisation on
// three equal lines is enough.
func lineEdits(src []byte, base int, dst []byte) []analysis.TextEdit {
	a, b := bytes.SplitAfter(src, []byte("\n")), bytes.SplitAfter(dst, []byte("\n"))
	// SplitAfter ends with an empty line after a final newline.
	if len(a) > 0 && len(a[len(a)-1]) == 0 {
		a = a[:len(a)-1]
	}
	if len(b) > 0 && len(b[len(b)-1]) == 0 {
		b = b[:len(b)-1]
	}
	offsets := make([]int, len(a)+1) // offsets[i] is where line i of src starts
	for i, l := range a {
		offsets[i+1] = offsets[i] + len(l)
	}
	pos := func(line int) token.Pos { return token.Pos(base + offsets[line]) }
	same := func(i, j int) bool { // lines i of a and j of b start three equal lines (or the end)
		for k := 0; k < 3; k++ {
			if i+k >= len(a) || j+k >= len(b) {
				return i+k >= len(a) && j+k >= len(b)
			}
			if !bytes.Equal(a[i+k], b[j+k]) {
				return false
			}
		}
		return true
	}
	var edits []analysis.TextEdit
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if i < len(a) && j < len(b) && bytes.Equal(a[i], b[j]) {
			i, j = i+1, j+1
			continue
		}
		// Find the nearest resynchronisation point.
		di, dj, found := 0, 0, false
		for d := 1; d <= len(a)-i+len(b)-j && !found; d++ {
			for x := 0; x <= d; x++ {
				if i+x <= len(a) && j+d-x <= len(b) && same(i+x, j+d-x) {
					di, dj, found = x, d-x, true
					break
				}
			}
		}
		if !found {
			di, dj = len(a)-i, len(b)-j
		}
		edits = append(edits, analysis.TextEdit{
			Pos: pos(i), End: pos(i + di), NewText: bytes.Join(b[j:j+dj], nil),
		})
		i, j = i+di, j+dj
	}
	return edits
}
