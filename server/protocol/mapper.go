package protocol

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// A Mapper converts between byte offsets in one version of a file's
// contents and LSP positions, whose columns count UTF-16 code units. It is
// the only place where that conversion happens: diagnostics, related
// information, fix edits, hovers and incoming edits all go through it.
//
// Lines end at "\n"; a "\r" before it belongs to the line ending, so a
// column past the line's text (or a "\r\n") is clamped to the line's end.
type Mapper struct {
	content []byte
	lines   []int // byte offset of the start of each line
}

// NewMapper returns a mapper for content, which it does not copy.
func NewMapper(content []byte) *Mapper {
	lines := make([]int, 1, len(content)/32+1)
	for i, b := range content {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &Mapper{content: content, lines: lines}
}

// Content returns the contents the mapper maps.
func (m *Mapper) Content() []byte { return m.content }

// lineEnd returns the offset of the end of line i's text, before its
// "\n" or "\r\n".
func (m *Mapper) lineEnd(i int) int {
	end := len(m.content)
	if i+1 < len(m.lines) {
		end = m.lines[i+1] - 1
		if end > m.lines[i] && m.content[end-1] == '\r' {
			end--
		}
	}
	return end
}

// Position returns the position of byte offset off.
func (m *Mapper) Position(off int) (Position, error) {
	if off < 0 || off > len(m.content) {
		return Position{}, fmt.Errorf("offset %d out of range [0, %d]", off, len(m.content))
	}
	line := sort.Search(len(m.lines), func(i int) bool { return m.lines[i] > off }) - 1
	start := m.lines[line]
	if end := m.lineEnd(line); off > end {
		off = end // inside a "\r\n"
	}
	return Position{Line: uint32(line), Character: uint32(utf16Len(m.content[start:off]))}, nil
}

// Range returns the range of the byte offsets [start, end).
func (m *Mapper) Range(start, end int) (Range, error) {
	s, err := m.Position(start)
	if err != nil {
		return Range{}, err
	}
	e, err := m.Position(end)
	if err != nil {
		return Range{}, err
	}
	return Range{Start: s, End: e}, nil
}

// Offset returns the byte offset of p. A column past the end of its line
// means the end of the line, as LSP says; a column inside a character
// that takes two UTF-16 units means the start of that character. A line
// past the last one is an error.
func (m *Mapper) Offset(p Position) (int, error) {
	line := int(p.Line)
	if line >= len(m.lines) {
		return 0, fmt.Errorf("line %d out of range (the file has %d lines)", line+1, len(m.lines))
	}
	off, end := m.lines[line], m.lineEnd(line)
	for col := 0; off < end; {
		r, size := utf8.DecodeRune(m.content[off:end])
		w := 1
		if r >= 0x10000 && size == 4 {
			w = 2
		}
		if col+w > int(p.Character) {
			break
		}
		col += w
		off += size
	}
	return off, nil
}

// Offsets returns the byte offsets of r's start and end.
func (m *Mapper) Offsets(r Range) (start, end int, err error) {
	if start, err = m.Offset(r.Start); err != nil {
		return 0, 0, err
	}
	if end, err = m.Offset(r.End); err != nil {
		return 0, 0, err
	}
	if end < start {
		return 0, 0, fmt.Errorf("range end %v before start %v", r.End, r.Start)
	}
	return start, end, nil
}

// utf16Len returns the number of UTF-16 code units of b, counting each
// invalid byte as one.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			n++
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 && size == 4 {
			n += 2
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}

// ApplyChanges applies incremental (or full) content changes, in order,
// to content and returns the new contents.
func ApplyChanges(content []byte, changes []TextDocumentContentChangeEvent) ([]byte, error) {
	for i, c := range changes {
		if c.Range == nil {
			content = []byte(c.Text)
			continue
		}
		m := NewMapper(content)
		start, end, err := m.Offsets(*c.Range)
		if err != nil {
			return nil, fmt.Errorf("change %d: %w", i, err)
		}
		out := make([]byte, 0, len(content)-(end-start)+len(c.Text))
		out = append(out, content[:start]...)
		out = append(out, c.Text...)
		out = append(out, content[end:]...)
		content = out
	}
	return content, nil
}
