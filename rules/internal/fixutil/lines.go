package fixutil

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// End returns the end of node n within its file: n.End(), but where a
// parse error left n with no end (NoPos), n.Pos(), and where it left n
// running past its file (a construct cut short by the end of the file,
// such as `f(x,`, ends one past it, which is the start of the next file
// of the file set, or no file), the end of the file. Give the helpers
// that take the end of a node this, not n.End(): the code they see is
// often half typed.
func End(fset *token.FileSet, n ast.Node) token.Pos {
	pos, end := n.Pos(), n.End()
	if !end.IsValid() || end < pos {
		return pos
	}
	if tf := fset.File(pos); tf != nil && !inFile(tf, end) {
		return token.Pos(tf.Base() + tf.Size())
	}
	return end
}

// inFile reports whether pos is a position of tf: an offset in it, or its
// end.
func inFile(tf *token.File, pos token.Pos) bool {
	return tf != nil && int(pos) >= tf.Base() && int(pos) <= tf.Base()+tf.Size()
}

// LineEnd returns the position of the newline that ends the line of pos
// (after any trailing comment), or the end of the file (pos itself when
// it is in no file: NoPos).
func LineEnd(fset *token.FileSet, pos token.Pos) token.Pos {
	tf := fset.File(pos)
	if tf == nil {
		return pos
	}
	next := NextLineStart(fset, pos)
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
	end := End(pass.Fset, n)
	text, ok := Text(pass, file, end, LineEnd(pass.Fset, end))
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
