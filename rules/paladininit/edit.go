package paladininit

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"golang.org/x/tools/go/analysis"
)

// gofmtEdit returns the edits, in gofmt's layout in their context
// (fixutil.Gofmt): `"a"+b` among a call's arguments, comments realigned
// around inserted lines. Import edits stay apart: they are far from the
// code, and other fixes may add the same import.
func gofmtEdit(pass *analysis.Pass, file *ast.File, edits ...analysis.TextEdit) ([]analysis.TextEdit, bool) {
	if len(edits) == 0 {
		return nil, false
	}
	return fixutil.Gofmt(pass, file, edits)
}

// addImport is fixutil.AddImport, except that an import path whose first
// element has no dot but that is not in the standard library
// ("go-common/library/log") joins the other non-standard imports, where
// gofmt and goimports users expect it, rather than the standard group.
func addImport(fset *token.FileSet, pkg *types.Package, file *ast.File, pos token.Pos, path, name string) (string, []analysis.TextEdit, bool) {
	local, edits, ok := fixutil.AddImport(fset, pkg, file, pos, path, name)
	first, _, _ := strings.Cut(path, "/")
	if !ok || len(edits) != 1 || edits[0].Pos != edits[0].End || isStd(path) || strings.Contains(first, ".") {
		return local, edits, ok // nothing to add, or fixutil grouped it right
	}
	var decl *ast.GenDecl
	for _, d := range file.Decls {
		if g, isGen := d.(*ast.GenDecl); isGen && g.Tok == token.IMPORT && g.Lparen.IsValid() && len(g.Specs) > 0 {
			decl = g
			break
		}
	}
	if decl == nil {
		return local, edits, ok
	}
	spec := strconv.Quote(path)
	if local != lastElem(path) {
		spec = local + " " + spec
	}
	// The groups of consecutive import lines; the last one that is not
	// the standard library's takes the import, in sorted position.
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
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		std := 0
		for _, is := range g {
			if p, err := strconv.Unquote(is.Path.Value); err == nil && isStd(p) {
				std++
			}
		}
		if 2*std > len(g) {
			continue // the standard library's group
		}
		for _, is := range g {
			if p, err := strconv.Unquote(is.Path.Value); err == nil && path < p {
				at := is.Pos()
				if is.Doc != nil {
					at = is.Doc.Pos()
				}
				return local, []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(spec + "\n\t")}}, true
			}
		}
		at := g[len(g)-1].End()
		if c := g[len(g)-1].Comment; c != nil {
			at = c.End()
		}
		return local, []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n\t" + spec)}}, true
	}
	// Only standard imports: a group of its own after them.
	last := decl.Specs[len(decl.Specs)-1].(*ast.ImportSpec)
	at := last.End()
	if last.Comment != nil {
		at = last.Comment.End()
	}
	return local, []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n\n\t" + spec)}}, true
}

// lastElem returns the last element of an import path that is not a
// major version suffix: the name an unnamed import binds, mostly.
func lastElem(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	return name
}
