package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// This file recognises constant input: a call whose arguments are
// constants fails on every run or never, so the first run shows it.

// constArgs reports whether every argument of the call is a constant.
func constArgs(c *checker, call *ast.CallExpr, _ ast.Expr) bool {
	if len(call.Args) == 0 {
		return false
	}
	for _, a := range call.Args {
		if tv, ok := c.info.Types[a]; ok && tv.Value != nil {
			continue
		}
		if !c.isConstVar(a) && !c.isConstRangeVar(a) {
			return false
		}
	}
	return true
}

// isConstRangeVar reports whether e is the value variable of a range
// over a literal list of constants (`for _, p := range []string{"a",
// "b"}`), never assigned or addressed: each iteration's value is a
// constant.
func (c *checker) isConstRangeVar(e ast.Expr) bool {
	id := identOf(e)
	if id == nil {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !isLocal(v) {
		return false
	}
	file := fixutil.FileOf(c.pass.Files, v.Pos())
	if file == nil {
		return false
	}
	constant, changed := false, false
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.RangeStmt:
			if vid, ok := n.Value.(*ast.Ident); ok && c.info.Defs[vid] == v {
				constant = c.isConstList(file, n.X)
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if typesutil.ObjectOf(c.info, l) == v {
					changed = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(c.info, n.X) == v {
				changed = true
			}
		}
		return true
	})
	return constant && !changed
}

// isConstList reports whether e is a composite literal of constants, or a
// local variable initialized with one and never assigned, indexed into
// or addressed in file.
func (c *checker) isConstList(file *ast.File, e ast.Expr) bool {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		id := identOf(e)
		if id == nil {
			return false
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || !isLocal(v) {
			return false
		}
		lit = c.constInit(file, v)
	}
	if lit == nil || len(lit.Elts) == 0 {
		return false
	}
	for _, elt := range lit.Elts {
		if tv, ok := c.info.Types[elt]; !ok || tv.Value == nil {
			return false
		}
	}
	return true
}

// constInit returns the composite literal that the local v is declared
// with, when nothing in file assigns v, an element of it, or takes its
// address.
func (c *checker) constInit(file *ast.File, v *types.Var) *ast.CompositeLit {
	var lit *ast.CompositeLit
	changed := false
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && c.info.Defs[id] == v && n.Tok == token.DEFINE && len(n.Rhs) == len(n.Lhs) {
					lit, _ = ast.Unparen(n.Rhs[i]).(*ast.CompositeLit)
					continue
				}
				if ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok && typesutil.ObjectOf(c.info, ix.X) == v {
					changed = true
				}
				if typesutil.ObjectOf(c.info, l) == v {
					changed = true
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if c.info.Defs[id] == v && len(n.Values) == len(n.Names) {
					lit, _ = ast.Unparen(n.Values[i]).(*ast.CompositeLit)
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(c.info, n.X) == v {
				changed = true
			}
		}
		return true
	})
	if changed {
		return nil
	}
	return lit
}

// isConstVar reports whether e is a variable of this package initialized
// with a constant and never assigned or addressed: a constant in all but
// name (var versionTemplate = `…`).
func (c *checker) isConstVar(e ast.Expr) bool {
	id := identOf(e)
	if id == nil {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || v.Pkg() != c.pass.Pkg || v.Parent() != v.Pkg().Scope() {
		return false
	}
	if c.constVars == nil {
		c.constVars = c.findConstVars()
	}
	return c.constVars[v]
}

// findConstVars returns the package variables of this package that are
// initialized with constants and never assigned or addressed.
func (c *checker) findConstVars() map[*types.Var]bool {
	vars := make(map[*types.Var]bool)
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue // not a var declaration
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue // no initializers, or a tuple from a call
				}
				for i, name := range vs.Names {
					if tv, ok := c.info.Types[vs.Values[i]]; ok && tv.Value != nil {
						if v, ok := c.info.Defs[name].(*types.Var); ok {
							vars[v] = true
						}
					}
				}
			}
		}
	}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if v, ok := typesutil.ObjectOf(c.info, l).(*types.Var); ok {
						delete(vars, v)
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if v, ok := typesutil.ObjectOf(c.info, n.X).(*types.Var); ok {
						delete(vars, v)
					}
				}
			case *ast.IncDecStmt:
				if v, ok := typesutil.ObjectOf(c.info, n.X).(*types.Var); ok {
					delete(vars, v)
				}
			}
			return true
		})
	}
	return vars
}

// constTemplate reports whether the call executes a template parsed from
// constants in this function (tmpl, _ := template.New(n).Parse(text))
// into a quiet sink, on data of a plain type: its result is the same on
// every run.
func constTemplate(c *checker, call *ast.CallExpr, recv ast.Expr) bool {
	if len(call.Args) < 2 || !c.isQuietSink(call.Args[0]) || !plainData(c.info.TypeOf(call.Args[len(call.Args)-1]), nil) {
		return false
	}
	v := typesutil.LocalVar(c.info, recv)
	file := fixutil.FileOf(c.pass.Files, call.Pos())
	if v == nil || file == nil {
		return false
	}
	n, ok := 0, true
	ast.Inspect(file, func(x ast.Node) bool {
		as, isAssign := x.(*ast.AssignStmt)
		if !isAssign || len(as.Rhs) != 1 {
			return true
		}
		for _, l := range as.Lhs {
			if typesutil.ObjectOf(c.info, l) != v {
				continue
			}
			n++
			if !c.isConstParse(as.Rhs[0]) {
				ok = false
			}
		}
		return true
	})
	return ok && n > 0
}

// isConstParse reports whether e is a template's Parse of constants,
// possibly inside template.Must.
func (c *checker) isConstParse(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	if fn := typesutil.Callee(c.info, call); fn != nil && fn.Name() == "Must" && len(call.Args) == 1 {
		return c.isConstParse(call.Args[0])
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Parse" && constArgs(c, call, nil)
}

// plainData reports whether values of type t hold only booleans, numbers,
// strings, and structs, arrays, slices and maps of them, with no methods
// a template could call: a template walks them the same way on every run.
func plainData(t types.Type, seen []types.Type) bool {
	if t == nil {
		return false
	}
	for _, s := range seen {
		if types.Identical(s, t) {
			return false
		}
	}
	seen = append(seen, t)
	if n, ok := types.Unalias(t).(*types.Named); ok && n.NumMethods() > 0 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsBoolean|types.IsNumeric|types.IsString) != 0
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if !plainData(u.Field(i).Type(), seen) {
				return false
			}
		}
		return true
	case *types.Slice:
		return plainData(u.Elem(), seen)
	case *types.Array:
		return plainData(u.Elem(), seen)
	case *types.Map:
		return plainData(u.Key(), seen) && plainData(u.Elem(), seen)
	}
	return false
}
