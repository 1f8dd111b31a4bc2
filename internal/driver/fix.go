package driver

import (
	"bytes"
	"cmp"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// An Edit is a text edit as byte offsets in one file.
type Edit struct {
	Start, End int
	Text       []byte
}

// MergeFixes merges the first suggested fix of each finding (the
// preferred one) into non-overlapping edits, sorted by offset, per file.
// A fix whose edits overlap an earlier fix's (or that edits more than one
// file) is skipped and counted: apply the others and analyse again.
func MergeFixes(findings []*Finding) (edits map[string][]Edit, applied, skipped int) {
	edits = make(map[string][]Edit)
	for _, f := range findings {
		if len(f.Diag.SuggestedFixes) == 0 {
			continue
		}
		fixEdits, name, ok := FixEdits(f.Fset, f.Diag.SuggestedFixes[0])
		if !ok {
			skipped++
			continue
		}
		merged, ok := merge(edits[name], fixEdits)
		if !ok {
			skipped++
			continue
		}
		edits[name] = merged
		applied++
	}
	return edits, applied, skipped
}

// FixedFiles applies the first suggested fix of each finding (the
// preferred one) and returns the new contents of each changed file. A
// fix whose edits overlap an earlier fix's is skipped and counted: run
// again to apply it. read returns a file's current contents.
func FixedFiles(findings []*Finding, read func(string) ([]byte, error)) (files map[string][]byte, applied, skipped int, err error) {
	if read == nil {
		read = os.ReadFile
	}
	byFile, applied, skipped := MergeFixes(findings)
	files = make(map[string][]byte)
	for name, edits := range byFile {
		src, err := read(name)
		if err != nil {
			return nil, 0, 0, err
		}
		out, err := Apply(src, KeepLineEndings(src, edits))
		if err != nil {
			return nil, 0, 0, fmt.Errorf("%s: %v", name, err)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), name, out, parser.SkipObjectResolution); err != nil {
			return nil, 0, 0, fmt.Errorf("%s: fixes leave a file that does not parse (a gopitfalls bug): %v", name, err)
		}
		files[name] = out
	}
	return files, applied, skipped, nil
}

// FixEdits converts a fix's edits to byte offsets in its single file,
// sorted, and returns the file's name; it reports false for a fix that
// edits no file or several.
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
	sortEdits(out)
	return out, name, name != ""
}

func sortEdits(edits []Edit) {
	slices.SortStableFunc(edits, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
}

// merge adds the edits of one fix to those accepted so far. Identical
// edits (the same import added by two fixes) are kept once; any other
// overlap, or two insertions at one offset, rejects the whole fix.
func merge(accepted, fix []Edit) ([]Edit, bool) {
	var add []Edit
next:
	for _, e := range fix {
		for _, a := range accepted {
			if a.Start == e.Start && a.End == e.End && bytes.Equal(a.Text, e.Text) {
				continue next // identical
			}
			if e.Start < a.End && a.Start < e.End || e.Start == a.Start {
				return accepted, false
			}
		}
		add = append(add, e)
	}
	out := append(slices.Clone(accepted), add...)
	sortEdits(out)
	return out, true
}

// Apply applies sorted, non-overlapping edits to src.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.Start < last || e.End > len(src) || e.Start > e.End {
			return nil, fmt.Errorf("edit %d-%d out of range or overlapping", e.Start, e.End)
		}
		out.Write(src[last:e.Start])
		out.Write(e.Text)
		last = e.End
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}
