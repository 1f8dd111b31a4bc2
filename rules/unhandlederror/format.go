package unhandlederror

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"golang.org/x/tools/go/analysis"
)

// gofmtEdits returns edits with the same effect as edits on file, in
// gofmt's layout. Inserting a check can change the layout of lines it does
// not touch: trailing comments aligned with the rewritten statement's are
// realigned by gofmt. When applying the edits leaves the file gofmt'd they
// are returned as they are; otherwise the file is formatted and the
// changed lines become the edits. It returns the edits unchanged when the
// file's text is not available.
func (c *checker) gofmtEdits(file *ast.File, edits []analysis.TextEdit) []analysis.TextEdit {
	src, ok := fixutil.Content(c.pass, file)
	if !ok {
		return edits
	}
	tf := c.pass.Fset.File(file.FileStart)
	fixed, ok := fixutil.Apply(src, tf.Base(), edits)
	if !ok {
		return edits
	}
	formatted, err := format.Source(fixed)
	if err != nil || bytes.Equal(formatted, fixed) {
		return edits
	}
	return lineEdits(tf, src, formatted)
}

// lineEdits returns edits that turn the file's text src into dst, one per
// run of changed lines. Lines far from the changes are the same in both,
// so a greedy resynchronisation on three equal lines is enough.
func lineEdits(tf *token.File, src, dst []byte) []analysis.TextEdit {
	a, b := splitLines(src), splitLines(dst)
	offsets := make([]int, len(a)+1) // offsets[i] is where line i of src starts
	for i, l := range a {
		offsets[i+1] = offsets[i] + len(l)
	}
	pos := func(line int) token.Pos { return token.Pos(tf.Base() + offsets[line]) }
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

// splitLines splits s after each newline, keeping the newlines.
func splitLines(s []byte) [][]byte {
	var lines [][]byte
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}
