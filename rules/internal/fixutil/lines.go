package fixutil

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// LineEnd returns the position of the newline that ends the line of pos
// (after any trailing comment), or the end of the file.
func LineEnd(fset *token.FileSet, pos token.Pos) token.Pos {
	next := NextLineStart(fset, pos)
	tf := fset.File(pos)
	if int(next) == tf.Base()+tf.Size() && tf.Line(next) == tf.Line(pos) {
		return next
	}
	return next - 1
}

// StartsLine reports whether only blanks precede pos on its line.
func StartsLine(pass *analysis.Pass, file *ast.File, pos token.Pos) bool {
	text, ok := Text(pass, file, LineStart(pass.Fset, pos), pos)
	return ok && strings.TrimSpace(text) == ""
}

// OwnsLines reports whether node n starts its first line and ends its
// last one, but for a trailing comment: text can be inserted on lines of
// its own before and after it.
func OwnsLines(pass *analysis.Pass, file *ast.File, n ast.Node) bool {
	if !StartsLine(pass, file, n.Pos()) {
		return false
	}
	text, ok := Text(pass, file, n.End(), LineEnd(pass.Fset, n.End()))
	if !ok {
		return false
	}
	text = strings.TrimSpace(text)
	return text == "" || strings.HasPrefix(text, "//")
}

// IsListElem reports whether the node at c is an element of a statement
// list: a block or a case body, where statements can be inserted before
// and after it.
func IsListElem(c inspector.Cursor) bool {
	switch c.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return true
	}
	return false
}
