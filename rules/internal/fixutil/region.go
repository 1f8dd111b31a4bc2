package fixutil

import (
	"bytes"
	"cmp"
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// A region is a run of a file's top-level declarations (with the
// comments before, between and after them on their lines) that gofmt lays
// out independently of the rest of the file, and the edits within it.
// Blank lines separate it from the declarations around it: gofmt aligns
// columns and trailing comments only across adjacent lines, and a
// declaration's layout depends on nothing else. Formatting a region on
// its own therefore gives what formatting the whole file gives there, in
// time that depends on the region's size, not the file's.
type region struct {
	start, end          int // byte offsets in the file: a line start, and a line end after its newline (or the end of the file)
	firstDecl, lastDecl int // the declarations it spans
	edits               []analysis.TextEdit
}

// unit returns the text of r as a file of its own, and the position its
// first byte stands for in the file set: the region's text, after a
// package clause when it does not start the file.
func (r region) unit(src []byte, base int) ([]byte, int) {
	if r.start == 0 {
		return src[:r.end], base
	}
	const clause = "package p\n\n"
	u := make([]byte, 0, len(clause)+r.end-r.start)
	u = append(append(u, clause...), src[r.start:r.end]...)
	return u, base + r.start - len(clause)
}

// regions groups edits (valid, within file) into the regions of file that
// they touch. The part before the first declaration (package clause,
// imports without a declaration) belongs to the first region. An edit at
// the edge of a declaration, or between two, joins the declarations on
// both sides. The regions are sorted by offset. Only the declarations
// near the edits are looked at.
func regions(tf *token.File, file *ast.File, src []byte, edits []analysis.TextEdit) []region {
	base := tf.Base()
	n := len(file.Decls)
	if n == 0 {
		return []region{{start: 0, end: len(src), edits: edits}}
	}
	// start(i), end(i): the lines of declaration i, with its doc comment.
	start := func(i int) int {
		if i == 0 {
			return 0 // the header joins the first declaration
		}
		d := file.Decls[i]
		pos := d.Pos()
		if doc := docOf(d); doc != nil {
			pos = doc.Pos()
		}
		return lineStartAt(src, tf.Offset(pos))
	}
	end := func(i int) int {
		if i == n-1 {
			return len(src)
		}
		return lineEndAt(src, tf.Offset(file.Decls[i].End()))
	}
	// separate(i): declarations i-1 and i are apart, blank lines between.
	separate := func(i int) bool {
		e, s := end(i-1), start(i)
		return e < s && blankLine(src, e) && blankLine(src, lineStartAt(src, s-1))
	}
	// The declarations each edit touches, as runs [first, last].
	type run struct{ first, last int }
	var runs []run
	for _, e := range edits {
		p, q := int(e.Pos)-base, int(e.End)-base
		// The first declaration that does not end before p.
		first, _ := slices.BinarySearchFunc(file.Decls, p, func(d ast.Decl, p int) int {
			return cmp.Compare(tf.Offset(d.End()), p)
		})
		first = min(first, n-1)
		last := first
		for last+1 < n && start(last+1) <= q {
			last++
		}
		if p <= start(first) && first > 0 { // at or before its start: the gap before it
			first--
		}
		if q >= end(last) && last < n-1 { // at or after its end: the gap after it
			last++
		}
		runs = append(runs, run{first, last})
	}
	// Grow each run over the declarations not set apart from it, merging
	// runs that overlap.
	slices.SortFunc(runs, func(a, b run) int { return cmp.Compare(a.first, b.first) })
	var merged []region
	for _, r := range runs {
		if k := len(merged) - 1; k >= 0 && r.first <= merged[k].lastDecl {
			// Within the last region, or overlapping it.
			for merged[k].lastDecl < r.last {
				merged[k].lastDecl++
			}
			for merged[k].lastDecl+1 < n && !separate(merged[k].lastDecl+1) {
				merged[k].lastDecl++
			}
			continue
		}
		for r.first > 0 && !separate(r.first) {
			r.first--
		}
		for r.last+1 < n && !separate(r.last+1) {
			r.last++
		}
		// Set apart from the last region, which grew as far as it could.
		merged = append(merged, region{firstDecl: r.first, lastDecl: r.last})
	}
	for i := range merged {
		r := &merged[i]
		r.start, r.end = start(r.firstDecl), end(r.lastDecl)
		for _, e := range edits {
			if p := int(e.Pos) - base; p >= r.start && p <= r.end {
				r.edits = append(r.edits, e)
			}
		}
	}
	return merged
}

func docOf(d ast.Decl) *ast.CommentGroup {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Doc
	case *ast.GenDecl:
		return d.Doc
	}
	return nil
}

// lineStartAt returns the offset of the start of the line of src that
// holds offset off.
func lineStartAt(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// lineEndAt returns the offset after the newline that ends the line of
// src holding offset off (the end of src on its last line). An offset
// just after a newline is on the line that newline ends.
func lineEndAt(src []byte, off int) int {
	if off > 0 && src[off-1] == '\n' {
		return off
	}
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// blankLine reports whether the line of src starting at off holds only
// blanks (the end of src counts as blank).
func blankLine(src []byte, off int) bool {
	if off >= len(src) {
		return true
	}
	end := len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		end = off + i
	}
	return len(bytes.TrimSpace(src[off:end])) == 0
}
