package uncheckedtypeassertion

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// isCommaOK reports whether the assertion at cur is the single value of
// a two-value assignment or declaration.
func isCommaOK(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		return len(p.Lhs) == 2 && len(p.Rhs) == 1
	case *ast.ValueSpec:
		return len(p.Names) == 2 && len(p.Values) == 1
	}
	return false
}

// cannotFail reports whether x's static type already implements the
// interface T, so that only a nil x makes the assertion panic.
func cannotFail(info *types.Info, assert *ast.TypeAssertExpr) bool {
	xt, tt := info.TypeOf(assert.X), info.TypeOf(assert.Type)
	if xt == nil || tt == nil || !types.IsInterface(tt) {
		return false
	}
	iface, ok := tt.Underlying().(*types.Interface)
	return ok && types.Implements(xt, iface)
}

// isGuarded reports whether an enclosing statement has checked that the
// asserted expression holds T: the body of `if _, ok := x.(T); ok`, or a
// `case T:` clause of a type switch on x.
func isGuarded(info *types.Info, cur inspector.Cursor, assert *ast.TypeAssertExpr) bool {
	tt := info.TypeOf(assert.Type)
	if tt == nil {
		return false
	}
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false // guards do not reach into other functions
		case *ast.CaseClause:
			sw, ok := c.Parent().Parent().Node().(*ast.TypeSwitchStmt)
			if !ok {
				continue // a case of an expression switch
			}
			x := typeSwitchX(sw)
			if x == nil || !sameExpr(info, x, assert.X) {
				continue // a switch on something else
			}
			for _, e := range n.List {
				if t := info.TypeOf(e); t != nil && types.Identical(t, tt) {
					return true
				}
			}
		case *ast.IfStmt:
			if c.ParentEdgeKind() == edge.IfStmt_Else {
				continue // an else-if: its guard is checked below, at its own level
			}
			_ = n
		case *ast.BlockStmt:
			ifc := c.Parent()
			ifs, ok := ifc.Node().(*ast.IfStmt)
			if !ok || c.ParentEdgeKind() != edge.IfStmt_Body {
				continue // not the then-branch of an if
			}
			if ifGuards(info, ifs, assert.X, tt) {
				return true
			}
		}
	}
	return false
}

// typeSwitchX returns the expression a type switch switches on.
func typeSwitchX(sw *ast.TypeSwitchStmt) ast.Expr {
	var e ast.Expr
	switch a := sw.Assign.(type) {
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			e = a.Rhs[0]
		}
	case *ast.ExprStmt:
		e = a.X
	}
	if ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr); ok {
		return ta.X
	}
	return nil
}

// ifGuards reports whether the condition of ifs proves x holds t:
// `if _, ok := x.(t); ok` (possibly `&& …`).
func ifGuards(info *types.Info, ifs *ast.IfStmt, x ast.Expr, t types.Type) bool {
	as, ok := ifs.Init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return false
	}
	ta, ok := ast.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil || !sameExpr(info, ta.X, x) {
		return false
	}
	if at := info.TypeOf(ta.Type); at == nil || !types.Identical(at, t) {
		return false
	}
	okObj := typesutil.ObjectOf(info, as.Lhs[1])
	if okObj == nil {
		return false
	}
	// The condition must be ok, or ok && ….
	var conj func(e ast.Expr) bool
	conj = func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.LAND {
			return conj(b.X) || conj(b.Y)
		}
		return typesutil.ObjectOf(info, e) == okObj
	}
	return conj(ifs.Cond)
}

// sameExpr reports whether a and b denote the same variable, the same
// field path of one (x, x.f, x.f.g), or the same element of one indexed
// by the same variable or constant (m[k], m["k"]).
func sameExpr(info *types.Info, a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		if !ok {
			return false
		}
		oa, ob := info.ObjectOf(a), info.ObjectOf(b)
		if oa == nil || ob == nil {
			return a.Name == b.Name // no types: compare spelling
		}
		return oa == ob
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		return ok && a.Sel.Name == b.Sel.Name && sameExpr(info, a.X, b.X)
	case *ast.IndexExpr:
		b, ok := b.(*ast.IndexExpr)
		return ok && sameExpr(info, a.X, b.X) && sameIndex(info, a.Index, b.Index)
	}
	return false
}

// sameIndex reports whether two index expressions are the same variable
// or the same constant.
func sameIndex(info *types.Info, a, b ast.Expr) bool {
	if ta, tb := info.Types[a], info.Types[b]; ta.Value != nil && tb.Value != nil {
		return ta.Value.ExactString() == tb.Value.ExactString()
	}
	_, aIsIdent := ast.Unparen(a).(*ast.Ident)
	return aIsIdent && sameExpr(info, a, b)
}

// isMustName reports whether a function's name says it panics on failure.
func isMustName(name string) bool {
	return strings.HasPrefix(name, "Must") || strings.HasPrefix(name, "must")
}

// inReflectCheck reports whether the assertion is inside an if or case
// whose condition asks reflect about a type (Implements, AssignableTo,
// ConvertibleTo, Kind, CanInterface, CanConvert).
func inReflectCheck(info *types.Info, cur inspector.Cursor) bool {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		var cond ast.Node
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.IfStmt:
			cond = n.Cond
		case *ast.SwitchStmt:
			cond = n.Tag
		}
		if cond == nil {
			continue // not a condition
		}
		found := false
		ast.Inspect(cond, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return !found
			}
			fn := typesutil.Callee(info, call)
			if fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "reflect" {
				switch fn.Name() {
				case "Implements", "AssignableTo", "ConvertibleTo", "Kind", "CanInterface", "CanConvert", "TypeOf":
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
