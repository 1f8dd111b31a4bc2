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

// An edit is a text edit as byte offsets in one file.
type edit struct {
	start, end int
	text       []byte
}

// FixedFiles applies the first suggested fix of each finding (the
// preferred one) and returns the new contents of each changed file. A
// fix whose edits overlap an earlier fix's is skipped and counted: run
// again to apply it. read returns a file's current contents.
func FixedFiles(findings []*Finding, read func(string) ([]byte, error)) (files map[string][]byte, applied, skipped int, err error) {
	if read == nil {
		read = os.ReadFile
	}
	type fileEdits struct {
		edits []edit
	}
	byFile := make(map[string]*fileEdits)
	for _, f := range findings {
		if len(f.Diag.SuggestedFixes) == 0 {
			continue
		}
		fix := f.Diag.SuggestedFixes[0]
		edits, name, ok := offsets(f.Fset, fix)
		if !ok {
			skipped++
			continue
		}
		fe := byFile[name]
		if fe == nil {
			fe = &fileEdits{}
			byFile[name] = fe
		}
		merged, ok := merge(fe.edits, edits)
		if !ok {
			skipped++
			continue
		}
		fe.edits = merged
		applied++
	}
	files = make(map[string][]byte)
	for name, fe := range byFile {
		src, err := read(name)
		if err != nil {
			return nil, 0, 0, err
		}
		out, err := apply(src, fe.edits)
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

// offsets converts a fix's edits to byte offsets in its single file.
func offsets(fset *token.FileSet, fix analysis.SuggestedFix) ([]edit, string, bool) {
	var name string
	var out []edit
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
		out = append(out, edit{start: tf.Offset(e.Pos), end: tf.Offset(end), text: e.NewText})
	}
	sortEdits(out)
	return out, name, name != ""
}

func sortEdits(edits []edit) {
	slices.SortStableFunc(edits, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
	})
}

// merge adds the edits of one fix to those accepted so far. Identical
// edits (the same import added by two fixes) are kept once; any other
// overlap, or two insertions at one offset, rejects the whole fix.
func merge(accepted, fix []edit) ([]edit, bool) {
	var add []edit
next:
	for _, e := range fix {
		for _, a := range accepted {
			if a.start == e.start && a.end == e.end && bytes.Equal(a.text, e.text) {
				continue next // identical
			}
			if e.start < a.end && a.start < e.end || e.start == a.start {
				return accepted, false
			}
		}
		add = append(add, e)
	}
	out := append(slices.Clone(accepted), add...)
	sortEdits(out)
	return out, true
}

// apply applies sorted, non-overlapping edits to src.
func apply(src []byte, edits []edit) ([]byte, error) {
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last || e.end > len(src) || e.start > e.end {
			return nil, fmt.Errorf("edit %d-%d out of range or overlapping", e.start, e.end)
		}
		out.Write(src[last:e.start])
		out.Write(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}
