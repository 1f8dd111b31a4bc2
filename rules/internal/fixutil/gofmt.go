package fixutil

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"slices"

	"github.com/gopitfalls/gopitfalls/internal/textedit"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// Gofmt returns edits equivalent to edits whose result is in gofmt's
// layout. Inserting or replacing lines can change the alignment of the
// trailing comments on the lines around them (a run of commented lines
// is aligned as one block, and an inserted line splits it); Gofmt then
// adds the edits that realign those lines, or adjusts the inserted text.
// It reports false when the result cannot be made gofmt'd that way
// (gofmt would change more than the spacing within lines).
//
// Only the declarations the edits touch are formatted, with their
// neighbours up to a blank line (see region), so that the cost of a fix
// does not grow with the size of the file. Where those declarations are
// not gofmt'd to begin with, the edits are returned unchanged: gofmt
// would change more than the fix, and a fix touches only the lines it is
// about. In a generated file Gofmt reports false at once: findings there
// are never shown (see rule.IsGenerated), so their fixes are not worth making.
func Gofmt(pass *analysis.Pass, file *ast.File, edits []analysis.TextEdit) ([]analysis.TextEdit, bool) {
	return gofmtRegions(pass, file, edits, keep)
}

// GofmtStrict is Gofmt for fixes that are offered only when their result
// is in gofmt's layout: it reports false where the declarations the edits
// touch are not gofmt'd after them.
func GofmtStrict(pass *analysis.Pass, file *ast.File, edits []analysis.TextEdit) ([]analysis.TextEdit, bool) {
	return gofmtRegions(pass, file, edits, strict)
}

// GofmtLines is Gofmt that, where gofmt changes more around the edits
// than the spacing it can fold into them, replaces the lines it changes
// instead (in declarations that were gofmt'd: only the edited lines and
// those aligned with them).
func GofmtLines(pass *analysis.Pass, file *ast.File, edits []analysis.TextEdit) ([]analysis.TextEdit, bool) {
	return gofmtRegions(pass, file, edits, lines)
}

// A mode says what Gofmt does where it cannot keep the edits' shape.
type mode int

const (
	keep   mode = iota // report false; edits as they are where the region was not gofmt'd
	strict             // report false, also where the region was not gofmt'd
	lines              // replace the lines gofmt changes
)

func gofmtRegions(pass *analysis.Pass, file *ast.File, edits []analysis.TextEdit, m mode) ([]analysis.TextEdit, bool) {
	if rule.IsGenerated(pass.Fset, file) {
		return nil, false
	}
	src, ok := Content(pass, file)
	if !ok {
		return nil, false
	}
	tf := pass.Fset.File(file.FileStart)
	base := tf.Base()
	for _, e := range edits {
		if int(e.Pos) < base || e.End < e.Pos || int(e.End) > base+len(src) {
			return nil, false // not an edit of this file
		}
	}
	var out []analysis.TextEdit
	rs := regions(tf, file, src, edits)
	n := 0
	for _, r := range rs {
		n += len(r.edits)
		unit, ubase := r.unit(src, base)
		re, ok := layout(unit, ubase, r.edits, m)
		if !ok {
			return nil, false
		}
		for _, e := range re {
			if int(e.Pos) < base+r.start || int(e.End) > base+r.end {
				return nil, false // a change outside the region (in the package clause made up for it)
			}
		}
		out = append(out, re...)
	}
	if n != len(edits) {
		return nil, false // an edit in no region, or in two: a bug of regions
	}
	return out, true
}

// layout is Gofmt for the edits of a file whose text is src and whose
// first byte is at base in the file set.
func layout(src []byte, base int, edits []analysis.TextEdit, m mode) ([]analysis.TextEdit, bool) {
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
		// Not gofmt'd to begin with (an old // +build line is enough, or
		// a comment gofmt would rewrap): nothing an edit adds can make it
		// so, and edits in gofmt's layout are the best there is.
		return edits, m != strict
	}
	if out, ok := realign(src, base, edits, fixed, formatted); ok {
		return out, true
	}
	if m == lines {
		return lineEdits(src, base, formatted), true
	}
	return nil, false
}

// realign returns edits of src (at base) that yield formatted, which is
// fixed (edits applied to src) in gofmt's layout, where gofmt changes
// only the spacing within lines: the changes within inserted text are
// made to the edits' text, the others are added as edits of their own.
// It reports false when a change spans copied and inserted text.
func realign(src []byte, base int, edits []analysis.TextEdit, fixed, formatted []byte) ([]analysis.TextEdit, bool) {
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
	slices.SortStableFunc(out, func(a, b analysis.TextEdit) int { return textedit.Compare(offsets(0, a), offsets(0, b)) })
	for i := range out {
		out[i].NewText = slices.Clone(out[i].NewText)
	}
	var segs []segment
	at, last := 0, 0
	for i, e := range out {
		o := offsets(base, e)
		start, end := o.Start, o.End
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
