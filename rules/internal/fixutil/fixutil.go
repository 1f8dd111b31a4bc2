// Package fixutil builds the text edits of suggested fixes. Fixes are
// applied verbatim by editors, so every edit made here is already in
// gofmt's layout: indentation with tabs, imports in sorted groups.
package fixutil

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/textedit"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
)

// Content returns the text of file as the pass sees it (including unsaved
// editor buffers, where the driver provides them), and false when it
// cannot be read or no longer matches the syntax tree.
func Content(pass *analysis.Pass, file *ast.File) ([]byte, bool) {
	tf := pass.Fset.File(file.FileStart)
	if tf == nil || pass.ReadFile == nil {
		return nil, false
	}
	data, err := pass.ReadFile(tf.Name())
	if err != nil || len(data) != tf.Size() {
		return nil, false
	}
	return data, true
}

// Text returns the source text between pos and end, or "" when
// the content is not available.
func Text(pass *analysis.Pass, file *ast.File, pos, end token.Pos) (string, bool) {
	data, ok := Content(pass, file)
	if !ok {
		return "", false
	}
	tf := pass.Fset.File(file.FileStart)
	if !inFile(tf, pos) || !inFile(tf, end) || end < pos {
		return "", false // a position of broken syntax (see End)
	}
	return string(data[tf.Offset(pos):tf.Offset(end)]), true
}

// Indent returns the indentation, in tabs, of a statement or declaration
// that starts a line at pos in gofmt'd code.
func Indent(fset *token.FileSet, pos token.Pos) string {
	col := fset.Position(pos).Column
	if col < 1 {
		return ""
	}
	return strings.Repeat("\t", col-1)
}

// Reindent prefixes every non-empty line of s but the first with indent,
// and replaces the indentation of s's lines from "from" to "to".
func Reindent(s, from, to string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if i == 0 || strings.TrimSpace(line) == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(line, from); ok {
			lines[i] = to + rest
		}
	}
	return strings.Join(lines, "\n")
}

// FileOf returns the file of files that contains pos, or nil.
func FileOf(files []*ast.File, pos token.Pos) *ast.File {
	for _, f := range files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// LineStart returns the position of the first byte of the line of pos
// (pos itself when it is in no file: NoPos).
func LineStart(fset *token.FileSet, pos token.Pos) token.Pos {
	tf := fset.File(pos)
	if tf == nil {
		return pos
	}
	return tf.LineStart(tf.Line(pos))
}

// NextLineStart returns the position of the first byte of the line
// after the line of pos (the end of the file, for the last line; pos
// itself when it is in no file: NoPos).
func NextLineStart(fset *token.FileSet, pos token.Pos) token.Pos {
	tf := fset.File(pos)
	if tf == nil {
		return pos
	}
	line := tf.Line(pos)
	if line >= tf.LineCount() {
		return token.Pos(tf.Base() + tf.Size())
	}
	return tf.LineStart(line + 1)
}

// ImportName returns the name by which file refers to the package at
// path, and whether it imports it (blank and dot imports do not count).
func ImportName(file *ast.File, pkg *types.Package, path string) (string, bool) {
	for _, spec := range file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p != path {
			continue // malformed, or another package
		}
		if spec.Name != nil {
			if spec.Name.Name == "_" || spec.Name.Name == "." {
				continue // gives no name to refer to
			}
			return spec.Name.Name, true
		}
		if pkg != nil {
			for _, imp := range pkg.Imports() {
				if imp.Path() == path {
					return imp.Name(), true
				}
			}
		}
		return lastElem(path), true
	}
	return "", false
}

// lastElem returns the last element of an import path that is not a
// major version suffix.
func lastElem(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	return name
}

// AddImport returns the name by which code inserted at pos in file can
// refer to the package at path whose package name is name, and the edits
// (none if file imports it already) that add the import. It reports false
// when name is taken at pos by something else.
func AddImport(fset *token.FileSet, pkg *types.Package, file *ast.File, pos token.Pos, path, name string) (string, []analysis.TextEdit, bool) {
	if local, ok := ImportName(file, pkg, path); ok {
		return local, nil, true
	}
	if pkg != nil {
		if scope := typesutil.Innermost(pkg, pos); scope != nil {
			if _, obj := scope.LookupParent(name, pos); obj != nil {
				return "", nil, false // the name is taken
			}
		}
	}
	for _, spec := range file.Imports { // file-scope names are in no scope above
		if spec.Name != nil && spec.Name.Name == name {
			return "", nil, false
		}
		if spec.Name == nil {
			if p, err := strconv.Unquote(spec.Path.Value); err == nil && lastElem(p) == name {
				return "", nil, false
			}
		}
	}
	spec := strconv.Quote(path)
	if lastElem(path) != name {
		spec = name + " " + spec
	}
	return name, importEdits(fset, file, path, spec), true
}

// importEdits inserts the import spec (path, possibly named) in the
// right group of file's imports, in gofmt/goimports order: standard
// library first, then everything else.
func importEdits(fset *token.FileSet, file *ast.File, path, spec string) []analysis.TextEdit {
	var decl *ast.GenDecl
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			decl = g
			break
		}
	}
	if decl == nil {
		// No imports: add a declaration after the package clause.
		return []analysis.TextEdit{{
			Pos: file.Name.End(), End: file.Name.End(),
			NewText: []byte("\n\nimport " + spec),
		}}
	}
	if !decl.Lparen.IsValid() {
		// import "x" → import ( "x"; "new" ) in the right order. A comment
		// after "x" (//nolint:…) stays on its line.
		old := decl.Specs[0].(*ast.ImportSpec)
		oldText := importSpecText(old)
		end := decl.End()
		if old.Comment != nil && fset.Position(old.Comment.Pos()).Line == fset.Position(old.End()).Line {
			oldText += " " + commentText(old.Comment)
			end = old.Comment.End()
		}
		oldPath, _ := strconv.Unquote(old.Path.Value)
		lines := []string{oldText, spec}
		switch {
		case isStd(oldPath) != isStd(path):
			if isStd(path) {
				lines = []string{spec, "", oldText}
			} else {
				lines = []string{oldText, "", spec}
			}
		case path < oldPath:
			lines = []string{spec, oldText}
		}
		var b strings.Builder
		b.WriteString("import (\n")
		for _, l := range lines {
			if l != "" {
				b.WriteString("\t" + l)
			}
			b.WriteString("\n")
		}
		b.WriteString(")")
		return []analysis.TextEdit{{Pos: decl.Pos(), End: end, NewText: []byte(b.String())}}
	}

	// Split the specs into groups of consecutive lines, as gofmt sorts them.
	var groups [][]*ast.ImportSpec
	lastLine := -1
	for _, s := range decl.Specs {
		is := s.(*ast.ImportSpec)
		line := fset.Position(is.Pos()).Line
		if len(groups) == 0 || line > lastLine+1 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], is)
		lastLine = fset.Position(is.End()).Line
	}
	std := isStd(path)
	for _, g := range groups {
		if groupIsStd(g) != std {
			continue // the new import belongs to another group
		}
		// Insert before the first spec with a greater path.
		for _, is := range g {
			p, _ := strconv.Unquote(is.Path.Value)
			if path < p {
				at := is.Pos()
				if is.Doc != nil {
					at = is.Doc.Pos()
				}
				return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(spec + "\n\t")}}
			}
		}
		last := g[len(g)-1]
		at := last.End()
		if last.Comment != nil {
			at = last.Comment.End()
		}
		return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n\t" + spec)}}
	}
	if len(decl.Specs) == 0 {
		return []analysis.TextEdit{{Pos: decl.Lparen + 1, End: decl.Lparen + 1, NewText: []byte("\n\t" + spec + "\n")}}
	}
	// A group of its own: standard library first, others last.
	if std {
		first := groups[0][0]
		at := first.Pos()
		if first.Doc != nil {
			at = first.Doc.Pos()
		}
		return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(spec + "\n\n\t")}}
	}
	last := decl.Specs[len(decl.Specs)-1].(*ast.ImportSpec)
	at := last.End()
	if last.Comment != nil {
		at = last.Comment.End()
	}
	return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n\n\t" + spec)}}
}

// commentText returns the comments of a trailing comment group as
// written, on one line.
func commentText(cg *ast.CommentGroup) string {
	var parts []string
	for _, c := range cg.List {
		parts = append(parts, c.Text)
	}
	return strings.Join(parts, " ")
}

func importSpecText(s *ast.ImportSpec) string {
	if s.Name != nil {
		return s.Name.Name + " " + s.Path.Value
	}
	return s.Path.Value
}

// groupIsStd reports whether most imports of a group are from the
// standard library.
func groupIsStd(g []*ast.ImportSpec) bool {
	n := 0
	for _, is := range g {
		if p, _ := strconv.Unquote(is.Path.Value); isStd(p) {
			n++
		}
	}
	return 2*n > len(g)
}

// isStd reports whether path is a standard library import path (not
// merely dotless, as go-common/library/… is).
func isStd(path string) bool { return typesutil.IsStd(path) }

// Apply applies edits to src (which starts at base in the file set), as
// -fix and the editor apply them (textedit.Apply: several insertions at
// one position in the order given). It reports false if edits overlap or
// fall outside src.
func Apply(src []byte, base int, edits []analysis.TextEdit) ([]byte, bool) {
	out, err := textedit.Apply(src, Offsets(base, edits))
	return out, err == nil
}

// Offsets returns edits as byte offsets in the file whose first byte is
// at base in the file set; an edit without an End is an insertion.
func Offsets(base int, edits []analysis.TextEdit) []textedit.Edit {
	out := make([]textedit.Edit, len(edits))
	for i, e := range edits {
		out[i] = offsets(base, e)
	}
	return out
}

func offsets(base int, e analysis.TextEdit) textedit.Edit {
	end := e.End
	if !end.IsValid() {
		end = e.Pos
	}
	return textedit.Edit{Start: int(e.Pos) - base, End: int(end) - base, Text: e.NewText}
}
