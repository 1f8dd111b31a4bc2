package driver

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"

	"github.com/gopitfalls/gopitfalls/internal/textedit"
	"golang.org/x/tools/go/analysis"
)

// An Edit is a text edit as byte offsets in one file (see textedit for
// how edits apply and merge: as x/tools' diff package does).
type Edit = textedit.Edit

// MergeFixes merges the first suggested fix of each finding (the
// preferred one) into edits per file, sorted by offset, as a three-way
// merge would and as the go/analysis checkers' -fix does (textedit.Merge:
// identical edits kept once, insertions at one offset in the order of the
// findings). A fix that conflicts with an earlier fix, whose own edits
// overlap, or that edits more than one file, is skipped and counted:
// apply the others and analyse again.
func MergeFixes(findings []*Finding) (edits map[string][]Edit, applied, skipped int) {
	edits, perFile, skipped := MergeFixesPerFile(findings)
	for _, n := range perFile {
		applied += n
	}
	return edits, applied, skipped
}

// MergeFixesPerFile is MergeFixes with the number of fixes applied to
// each file.
func MergeFixesPerFile(findings []*Finding) (edits map[string][]Edit, applied map[string]int, skipped int) {
	edits, applied = make(map[string][]Edit), make(map[string]int)
	for _, f := range findings {
		if len(f.Diag.SuggestedFixes) == 0 {
			continue
		}
		fixEdits, name, ok := FixEdits(f.Fset, f.Diag.SuggestedFixes[0])
		if !ok {
			skipped++
			continue
		}
		merged, ok := textedit.Merge(edits[name], fixEdits)
		if !ok {
			skipped++
			continue
		}
		edits[name] = merged
		applied[name]++
	}
	return edits, applied, skipped
}

// FixedFiles applies the first suggested fix of each finding (the
// preferred one) and returns the new contents of each changed file, and
// how many fixes it applied to each. A fix that conflicts with an
// earlier fix is skipped and counted: run again to apply it. read
// returns a file's current contents (nil: os.ReadFile).
func FixedFiles(findings []*Finding, read func(string) ([]byte, error)) (files map[string][]byte, applied map[string]int, skipped int, err error) {
	if read == nil {
		read = os.ReadFile
	}
	byFile, applied, skipped := MergeFixesPerFile(findings)
	files = make(map[string][]byte)
	for name, edits := range byFile {
		src, err := read(name)
		if err != nil {
			return nil, nil, 0, err
		}
		out, err := ApplyFixes(name, src, edits)
		if err != nil {
			return nil, nil, 0, err
		}
		files[name] = out
	}
	return files, applied, skipped, nil
}

// ApplyFixes applies the merged edits of fixes to src, the contents of
// the file name, ending the lines they add as src ends its own (see
// KeepLineEndings). A result that does not parse is an error: a
// gopitfalls bug.
func ApplyFixes(name string, src []byte, edits []Edit) ([]byte, error) {
	out, err := textedit.Apply(src, KeepLineEndings(src, edits))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), name, out, parser.SkipObjectResolution); err != nil {
		return nil, fmt.Errorf("%s: fixes leave a file that does not parse (a gopitfalls bug): %v", name, err)
	}
	return out, nil
}

// FixEdits converts a fix's edits to byte offsets in its single file,
// sorted, and returns the file's name; it reports false for a fix that
// edits no file or several, or whose edits overlap.
func FixEdits(fset *token.FileSet, fix analysis.SuggestedFix) ([]Edit, string, bool) {
	var name string
	var out []Edit
	for _, e := range fix.TextEdits {
		tf := fset.File(e.Pos)
		if tf == nil {
			return nil, "", false
		}
		if name == "" {
			name = tf.Name()
		} else if tf.Name() != name {
			return nil, "", false // fixes edit one file
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if int(e.Pos) < tf.Base() || int(end) > tf.Base()+tf.Size() || end < e.Pos {
			return nil, "", false // out of the file
		}
		out = append(out, Edit{Start: tf.Offset(e.Pos), End: tf.Offset(end), Text: e.NewText})
	}
	if name == "" {
		return nil, "", false
	}
	out, err := textedit.Validate(fset.File(fix.TextEdits[0].Pos).Size(), out)
	return out, name, err == nil
}

// Origin maps an offset in the result of applying sorted,
// non-overlapping edits to src back to the offset in src it came from.
// An offset within text an edit inserted maps to the start of what the
// edit replaced when it is the start of the new text (x.(T).f() became
// v.f()), or to the same text in what the edit replaced when its line is
// there unchanged but for its indentation and spacing (an edit that
// rewrites neighbouring lines to realign their comments keeps them);
// otherwise Origin reports false: the text is new.
func Origin(src []byte, edits []Edit, off int) (int, bool) {
	delta := 0 // result offset minus source offset, so far
	for _, e := range edits {
		start := e.Start + delta
		if off < start {
			break
		}
		if off < start+len(e.Text) {
			if off == start && e.End > e.Start {
				return e.Start, true // the start of what replaced something: where that started
			}
			return keptLine(src[e.Start:e.End], e.Text, off-start, e.Start)
		}
		delta += len(e.Text) - (e.End - e.Start)
	}
	return off - delta, true
}

// keptLine maps offset off in text, which replaced old (at base in the
// source), to the source when off is in the code of its line (what
// precedes a trailing comment, without blanks at either end) and exactly
// one line of old has the same code.
func keptLine(old, text []byte, off, base int) (int, bool) {
	ls := bytes.LastIndexByte(text[:off], '\n') + 1
	code, at := lineCode(text, ls)
	col := off - at
	if len(code) == 0 || col < 0 || col >= len(code) {
		return 0, false
	}
	found := -1
	for start := 0; start < len(old); {
		c, cat := lineCode(old, start)
		if bytes.Equal(c, code) {
			if found >= 0 {
				return 0, false // several: which one is unknown
			}
			found = cat
		}
		next := bytes.IndexByte(old[start:], '\n')
		if next < 0 {
			break
		}
		start += next + 1
	}
	if found < 0 {
		return 0, false
	}
	return base + found + col, true
}

// lineCode returns the code of the line of s that starts at ls: its
// text before a // comment, without blanks at either end, and where it
// starts in s.
func lineCode(s []byte, ls int) ([]byte, int) {
	le := len(s)
	if i := bytes.IndexByte(s[ls:], '\n'); i >= 0 {
		le = ls + i
	}
	line := s[ls:le]
	if i := bytes.Index(line, []byte("//")); i >= 0 {
		line = line[:i]
	}
	trimmed := bytes.TrimLeft(line, " \t")
	at := ls + len(line) - len(trimmed)
	return bytes.TrimRight(trimmed, " \t\r"), at
}
