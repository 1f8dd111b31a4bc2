package fixutil

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// Gofmt returns edits equivalent to edits whose result is in gofmt's
// layout. Inserting or replacing lines can change the alignment of the
// trailing comments on the lines around them (a run of commented lines
// is aligned as one block, and an inserted line splits it); Gofmt then
// adds the edits that realign those lines, or adjusts the inserted text.
// It reports false when the result cannot be made gofmt'd that way
// (gofmt would change more than the spacing within lines). A file that
// is not gofmt'd to begin with gets the edits unchanged.
func Gofmt(pass *analysis.Pass, file *ast.File, edits []analysis.TextEdit) ([]analysis.TextEdit, bool) {
	src, ok := Content(pass, file)
	if !ok {
		return nil, false
	}
	tf := pass.Fset.File(file.FileStart)
	base := tf.Base()
	fixed, ok := Apply(src, base, edits)
	if !ok {
		return nil, false
	}
	formatted, err := format.Source(fixed)
	if err != nil {
		return nil, false
	}
	if bytes.Equal(formatted, fixed) {
		return edits, true
	}
	if orig, err := format.Source(src); err != nil || !bytes.Equal(orig, src) {
		// The file is not gofmt'd to begin with (an old // +build line is
		// enough): nothing an edit adds can make it so, and edits in
		// gofmt's layout are the best there is.
		return edits, true
	}
	fl, gl := bytes.SplitAfter(fixed, []byte("\n")), bytes.SplitAfter(formatted, []byte("\n"))
	if len(fl) != len(gl) {
		return nil, false
	}

	// Segments of the fixed text: copied from src (orig ≥ 0) or inserted
	// by edit number ins.
	type segment struct {
		start, end int // in fixed
		orig       int // offset in src, or -1
		ins        int // index into out of the edit that inserted it
	}
	out := slices.Clone(edits)
	slices.SortStableFunc(out, func(a, b analysis.TextEdit) int { return int(a.Pos) - int(b.Pos) })
	for i := range out {
		out[i].NewText = slices.Clone(out[i].NewText)
	}
	var segs []segment
	at, last := 0, 0
	for i, e := range out {
		start, end := int(e.Pos)-base, int(e.End)-base
		segs = append(segs, segment{start: at, end: at + start - last, orig: last, ins: -1})
		at += start - last
		segs = append(segs, segment{start: at, end: at + len(e.NewText), orig: -1, ins: i})
		at += len(e.NewText)
		last = end
	}
	segs = append(segs, segment{start: at, end: at + len(src) - last, orig: last, ins: -1})

	// Replacements within inserted text, applied after the loop (from
	// the end, so that offsets stay valid).
	type change struct {
		ins        int
		start, end int
		text       []byte
	}
	var changes []change
	off := 0
	for i := range fl {
		ls := off
		off += len(fl[i])
		a, b := fl[i], gl[i]
		if bytes.Equal(a, b) {
			continue
		}
		// Only the part of the line that changes (the spacing before a
		// comment), so that the edit does not touch its neighbours.
		p := 0
		for p < len(a) && p < len(b) && a[p] == b[p] {
			p++
		}
		q := 0
		for q < len(a)-p && q < len(b)-p && a[len(a)-1-q] == b[len(b)-1-q] {
			q++
		}
		cs, ce, text := ls+p, ls+len(a)-q, b[p:len(b)-q]
		done := false
		for _, s := range segs {
			if cs < s.start || ce > s.end || (s.orig >= 0 && cs == s.end) || (s.orig < 0 && cs == s.start && s.start == s.end) {
				continue // the change is not within this segment
			}
			if s.orig >= 0 {
				o := s.orig + cs - s.start
				out = append(out, analysis.TextEdit{
					Pos: token.Pos(base + o), End: token.Pos(base + o + ce - cs), NewText: slices.Clone(text),
				})
			} else {
				changes = append(changes, change{ins: s.ins, start: cs - s.start, end: ce - s.start, text: text})
			}
			done = true
			break
		}
		if !done {
			return nil, false // a change across copied and inserted text
		}
	}
	for i := len(changes) - 1; i >= 0; i-- {
		c := changes[i]
		t := out[c.ins].NewText
		out[c.ins].NewText = append(append(slices.Clone(t[:c.start]), c.text...), t[c.end:]...)
	}
	// Check the result.
	again, ok := Apply(src, base, out)
	if !ok || !bytes.Equal(again, formatted) {
		return nil, false
	}
	return out, true
}

// GofmtEdits is Gofmt for edits given one by one; it reports false when
// there are none.
func GofmtEdits(pass *analysis.Pass, file *ast.File, edits ...analysis.TextEdit) ([]analysis.TextEdit, bool) {
	if len(edits) == 0 {
		return nil, false
	}
	return Gofmt(pass, file, edits)
}
