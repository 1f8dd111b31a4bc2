package fixutil

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"sort"

	"golang.org/x/tools/go/analysis"
)

// Gofmt returns edits that leave file gofmt'd after applying edits: edits
// themselves when they do, or edits plus the whitespace changes gofmt
// makes to untouched lines around them (inserting a line between two
// lines with aligned trailing comments realigns them). It reports false
// when the result does not parse, or gofmt would change a line the edits
// write or would add or remove lines.
func Gofmt(pass *analysis.Pass, file *ast.File, edits []analysis.TextEdit) ([]analysis.TextEdit, bool) {
	src, ok := Content(pass, file)
	if !ok {
		return nil, false
	}
	base := pass.Fset.File(file.FileStart).Base()
	applied, ok := Apply(src, base, edits)
	if !ok {
		return nil, false
	}
	formatted, err := format.Source(applied)
	if err != nil {
		return nil, false
	}
	if bytes.Equal(formatted, applied) {
		return edits, true
	}
	aLines := bytes.SplitAfter(applied, []byte("\n"))
	fLines := bytes.SplitAfter(formatted, []byte("\n"))
	if len(aLines) != len(fLines) {
		return nil, false
	}
	// Segments of applied that are original text, by applied offset.
	type seg struct{ aStart, aEnd, oStart int }
	var segs []seg
	sorted := append([]analysis.TextEdit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Pos < sorted[j].Pos })
	a, o := 0, 0
	for _, e := range sorted {
		start, end := int(e.Pos)-base, int(e.End)-base
		segs = append(segs, seg{a, a + start - o, o})
		a += start - o + len(e.NewText)
		o = end
	}
	segs = append(segs, seg{a, a + len(src) - o, o})
	out := append([]analysis.TextEdit(nil), edits...)
	off := 0
	for i, line := range aLines {
		start, end := off, off+len(bytes.TrimSuffix(line, []byte("\n")))
		off += len(line)
		if bytes.Equal(line, fLines[i]) {
			continue
		}
		found := false
		for _, s := range segs {
			if s.aStart <= start && end <= s.aEnd && s.aStart < s.aEnd {
				os, oe := s.oStart+start-s.aStart, s.oStart+end-s.aStart
				out = append(out, analysis.TextEdit{
					Pos: token.Pos(base + os), End: token.Pos(base + oe),
					NewText: bytes.TrimSuffix(fLines[i], []byte("\n")),
				})
				found = true
				break
			}
		}
		if !found {
			return nil, false // gofmt changes a line the edits write
		}
	}
	return out, true
}
