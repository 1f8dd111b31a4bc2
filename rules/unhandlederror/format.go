package unhandlederror

import (
	"go/ast"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"golang.org/x/tools/go/analysis"
)

// gofmtEdits returns edits with the same effect as edits on file, in
// gofmt's layout. Inserting a check can change the layout of lines it does
// not touch: trailing comments aligned with the rewritten statement's are
// realigned by gofmt (fixutil.GofmtLines). Where the declaration was not
// gofmt'd to begin with, or the file's text is not available, the edits
// are returned as they are: a fix touches only the lines it is about.
func (c *checker) gofmtEdits(file *ast.File, edits []analysis.TextEdit) []analysis.TextEdit {
	if out, ok := fixutil.GofmtLines(c.pass, file, edits); ok {
		return out
	}
	return edits
}
