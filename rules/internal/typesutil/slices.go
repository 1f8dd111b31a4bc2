package typesutil

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A LocalSlice is what a function ever puts in one of its slice
// variables: the elements of the literals assigned to it and of the
// appends to it, wherever in the function they are.
type LocalSlice struct {
	Elems []ast.Expr          // every element stored, in source order
	Lits  []*ast.CompositeLit // the literals assigned to it
}

// SliceOf reads the local slice variable v, declared in body, when body
// puts elements in it only by the shapes a reader can list:
//
//	var opts []T                 // or = []T{a, b}
//	opts := []T{a, b}
//	opts = append(opts, c, d)
//
// and otherwise only reads its length or hands it over at use (the
// identifier the caller is asking about, such as the opts of f(opts...)).
// It returns false when anything else may store into it: another
// assignment, an index store, its address taken, the slice passed to a
// function (which may write its elements), a closure that does any of
// these, or a v that is a parameter or declared outside body.
func SliceOf(info *types.Info, body *ast.BlockStmt, v *types.Var, use *ast.Ident) (LocalSlice, bool) {
	var s LocalSlice
	if body == nil || v == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return s, false
	}
	allowed := map[*ast.Ident]bool{use: true}
	ok := true
	// store reads one value assigned to v: a literal or an append to v.
	store := func(lhs *ast.Ident, rhs ast.Expr) {
		allowed[lhs] = true
		switch r := ast.Unparen(rhs).(type) {
		case *ast.CompositeLit:
			s.Lits = append(s.Lits, r)
			s.Elems = append(s.Elems, r.Elts...)
			return
		case *ast.CallExpr:
			if b, isBuiltin := ObjectOf(info, r.Fun).(*types.Builtin); isBuiltin && b.Name() == "append" && !r.Ellipsis.IsValid() && len(r.Args) > 0 {
				if first, isIdent := ast.Unparen(r.Args[0]).(*ast.Ident); isIdent && info.Uses[first] == v {
					allowed[first] = true
					s.Elems = append(s.Elems, r.Args[1:]...)
					return
				}
			}
		}
		ok = false
	}
	isV := func(e ast.Expr) (*ast.Ident, bool) {
		id, isIdent := ast.Unparen(e).(*ast.Ident)
		return id, isIdent && (info.Defs[id] == v || info.Uses[id] == v)
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, is := isV(lhs)
				if !is {
					continue
				}
				if len(n.Lhs) != 1 || len(n.Rhs) != 1 || (n.Tok != token.ASSIGN && n.Tok != token.DEFINE) {
					ok = false
					return false
				}
				store(id, n.Rhs[i])
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				if info.Defs[name] != v {
					continue
				}
				switch {
				case len(n.Names) == 1 && len(n.Values) == 0:
					allowed[name] = true
				case len(n.Names) == 1 && len(n.Values) == 1:
					store(name, n.Values[0])
				default:
					ok = false
				}
			}
		case *ast.CallExpr:
			// len(opts) and cap(opts) read it.
			if b, isBuiltin := ObjectOf(info, n.Fun).(*types.Builtin); isBuiltin && (b.Name() == "len" || b.Name() == "cap") && len(n.Args) == 1 {
				if id, is := isV(n.Args[0]); is {
					allowed[id] = true
				}
			}
		}
		return ok
	})
	if !ok {
		return s, false
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if id, is := n.(*ast.Ident); is && (info.Defs[id] == v || info.Uses[id] == v) && !allowed[id] {
			ok = false
		}
		return ok
	})
	return s, ok
}
