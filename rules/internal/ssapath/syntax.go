package ssapath

import (
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"go/ast"
	"go/token"
	"go/types"
	"golang.org/x/tools/go/ast/astutil"

	"golang.org/x/tools/go/ast/inspector"
)

// Syntax finds the syntax of SSA instructions by the positions go/ssa
// gives them: a call by its '(', a send by its arrow, a receive by its
// arrow, an index expression by its '['.
type Syntax struct {
	calls, sends, recvs, indexes map[token.Pos]inspector.Cursor
}

// NewSyntax indexes the files of an inspector.
func NewSyntax(in *inspector.Inspector) *Syntax {
	s := &Syntax{
		calls:   make(map[token.Pos]inspector.Cursor),
		sends:   make(map[token.Pos]inspector.Cursor),
		recvs:   make(map[token.Pos]inspector.Cursor),
		indexes: make(map[token.Pos]inspector.Cursor),
	}
	kinds := []ast.Node{(*ast.CallExpr)(nil), (*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.IndexExpr)(nil)}
	for cur := range in.Root().Preorder(kinds...) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			s.calls[n.Lparen] = cur
		case *ast.SendStmt:
			s.sends[n.Arrow] = cur
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				s.recvs[n.OpPos] = cur
			}
		case *ast.IndexExpr:
			s.indexes[n.Lbrack] = cur
		}
	}
	return s
}

// Call returns the call expression whose '(' is at pos.
func (s *Syntax) Call(pos token.Pos) (inspector.Cursor, bool) { c, ok := s.calls[pos]; return c, ok }

// Send returns the send statement whose arrow is at pos.
func (s *Syntax) Send(pos token.Pos) (inspector.Cursor, bool) { c, ok := s.sends[pos]; return c, ok }

// Recv returns the receive expression whose arrow is at pos.
func (s *Syntax) Recv(pos token.Pos) (inspector.Cursor, bool) { c, ok := s.recvs[pos]; return c, ok }

// Index returns the index expression whose '[' is at pos.
func (s *Syntax) Index(pos token.Pos) (inspector.Cursor, bool) { c, ok := s.indexes[pos]; return c, ok }

// IsNilConversion reports whether e converts nil to a type: map[K]V(nil).
func IsNilConversion(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
		return false
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// DeclaredWithoutValue reports whether x is a local variable declared
// without a value (var m map[K]V, or m := map[K]V(nil)) and not
// assigned or addressed anywhere in the source before the position before.
func DeclaredWithoutValue(info *types.Info, files []*ast.File, x ast.Expr, before token.Pos) bool {
	obj := typesutil.LocalVar(info, x)
	if obj == nil {
		return false
	}
	file := fileOf(files, obj.Pos())
	if file == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, obj.Pos(), obj.Pos())
	if len(path) < 2 {
		return false
	}
	switch p := path[1].(type) {
	case *ast.ValueSpec:
		if len(p.Values) != 0 {
			return false
		}
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || !IsNilConversion(info, p.Rhs[0]) {
			return false
		}
	default:
		return false
	}
	var fn ast.Node
	for _, n := range path {
		if _, ok := n.(*ast.FuncDecl); ok {
			fn = n
			break
		}
		if _, ok := n.(*ast.FuncLit); ok {
			fn = n
			break
		}
	}
	if fn == nil {
		return false
	}
	assigned := false
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && info.Uses[id] == obj && id.Pos() < before {
					assigned = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(info, n.X) == obj && n.Pos() < before {
				assigned = true
			}
		}
		return !assigned
	})
	return !assigned
}

func fileOf(files []*ast.File, pos token.Pos) *ast.File {
	for _, f := range files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
