package makeinit

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
)

// A target is what a fix makes: the variable base itself (path nil) or
// its field path base.f.g.
type target struct {
	base *types.Var
	path []string
}

// is reports whether e denotes t.
func (t target) is(info *types.Info, e ast.Expr) bool {
	for i := len(t.path) - 1; i >= 0; i-- {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != t.path[i] {
			return false
		}
		if s, ok := info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
			return false
		}
		e = sel.X
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == t.base
}

// laterMakes looks, in the function body fn, for the assignments
// `t = make(…)` after the declaration that ends at declEnd. Making t at
// its declaration makes such an assignment redundant when nothing can
// see t between the two — no reference to t's variable lies between
// them, the assignment is in no loop or function literal that the
// declaration is not in, and fn has no goto — so it is to be deleted
// (redundant). Other assignments reset t and stay.
//
// args is the argument list after the type that the declaration's make
// takes over from the redundant ones: their common arguments when these
// are constants or unchanging variables declared before the declaration;
// a map's size hint that cannot move is dropped (it only sizes the map),
// a channel's buffer size that cannot move makes ok false, as does a
// redundant assignment that cannot be deleted.
func laterMakes(pass *analysis.Pass, fn ast.Node, t target, declPos, declEnd token.Pos, isMap bool) (redundant []ast.Stmt, args string, ok bool) {
	info := pass.TypesInfo
	if hasGoto(fn) {
		return nil, "", true // paths do not follow the text: keep every make (the fix stays correct)
	}
	var makes []*ast.AssignStmt
	var stack []ast.Node
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Pos() < declEnd {
			return true
		}
		if !t.is(info, as.Lhs[0]) || !isMakeCall(info, as.Rhs[0]) {
			return true
		}
		for _, outer := range stack {
			switch outer.(type) {
			case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
				if !(outer.Pos() <= declPos && declEnd <= outer.End()) {
					return true // runs again (or later) without the declaration: a reset
				}
			}
		}
		makes = append(makes, as)
		return true
	})
	first := true
	for _, as := range makes {
		if referencedBetween(info, fn, t.base, declEnd, as.Pos(), as) {
			continue // t may be seen (and used) before: a reset
		}
		call := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		a, movable := movableArgs(pass, fn, call, declPos)
		switch {
		case first:
			args, first = a, false
			if !movable {
				if !isMap {
					return nil, "", false // a buffer size computed later
				}
				args = "" // (only a size hint)
			}
		case a != args || !movable:
			if !isMap {
				return nil, "", false // buffers of different sizes
			}
			args = ""
		}
		redundant = append(redundant, as)
	}
	return redundant, args, true
}

// isMakeCall reports whether e calls the builtin make.
func isMakeCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "make"
}

// hasGoto reports whether fn holds a goto statement.
func hasGoto(fn ast.Node) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if br, ok := n.(*ast.BranchStmt); ok && br.Tok == token.GOTO {
			found = true
		}
		return !found
	})
	return found
}

// referencedBetween reports whether fn refers to v between from and to,
// outside the statement skip.
func referencedBetween(info *types.Info, fn ast.Node, v *types.Var, from, to token.Pos, skip ast.Node) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if found || n == skip {
			return false
		}
		if n != nil && (n.End() <= from || n.Pos() >= to) {
			return false // outside the stretch
		}
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// movableArgs returns the source text of the arguments of the make call
// after its type, and whether they have the same value at declPos: each
// is a constant, or len or cap of (or just) a variable declared before
// declPos that fn never assigns or takes the address of.
func movableArgs(pass *analysis.Pass, fn ast.Node, call *ast.CallExpr, declPos token.Pos) (string, bool) {
	if len(call.Args) < 2 {
		return "", true
	}
	file := fileOf(pass, call.Pos())
	text := ""
	movable := true
	for i, a := range call.Args[1:] {
		if i > 0 {
			text += ", "
		}
		if file != nil {
			text += exprText(pass, file, a)
		} else {
			text += types.ExprString(a)
		}
		if !unchanging(pass.TypesInfo, pass.Pkg, fn, a, declPos) {
			movable = false
		}
	}
	return text, movable
}

// unchanging reports whether e has the same value anywhere after declPos
// in fn (see movableArgs).
func unchanging(info *types.Info, pkg *types.Package, fn ast.Node, e ast.Expr, declPos token.Pos) bool {
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return true // a constant
	}
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
				e = ast.Unparen(call.Args[0])
			}
		}
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || !fnContains(fn, v.Pos()) || v.Pos() >= declPos {
		return false // not a local variable of fn declared before
	}
	if pkg == nil {
		return false
	}
	if _, obj := typesutil.Innermost(pkg, declPos).LookupParent(v.Name(), declPos); obj != v {
		return false // not the variable of that name at the declaration
	}
	return !assignedIn(info, fn, v)
}

// fnContains reports whether pos lies within fn.
func fnContains(fn ast.Node, pos token.Pos) bool { return fn.Pos() <= pos && pos < fn.End() }

// assignedIn reports whether fn assigns v, changes it with ++ or --, or
// takes its address.
func assignedIn(info *types.Info, fn ast.Node, v *types.Var) bool {
	found := false
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if is(l) {
					found = true
				}
			}
		case *ast.IncDecStmt:
			found = found || is(n.X)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && is(n.X)
		case *ast.RangeStmt:
			found = found || n.Key != nil && is(n.Key) || n.Value != nil && is(n.Value)
		}
		return !found
	})
	return found
}

// fileOf returns the file of pass that holds pos.
func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
