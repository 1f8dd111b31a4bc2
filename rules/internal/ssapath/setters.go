package ssapath

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// setters returns the functions of the pass's package that may set one
// of vars, as Globals finds in SSA form (ssaflow.Setters): the functions
// whose code a Globals needs to answer about vars. For a package-level
// variable: those that name it (the package initializer, which holds
// its initializer, is always built). For a struct field, on a struct
// they did not just build: those that select a field on the way to one
// of them, or to a struct holding one by value (x.f = v, &x.g passed on,
// x.g.f through an embedded g), and those that assign a value of such a
// struct (*p = T{}, a[i] = t, a captured t = T{}). It looks at the
// syntax, and so finds more functions than the SSA form would, never
// fewer.
func setters(pass *analysis.Pass, vars []*types.Var) map[*types.Func]bool {
	out := make(map[*types.Func]bool)
	if len(vars) == 0 {
		return out
	}
	var fields, globals []*types.Var
	named := make(map[string]bool) // the package-level variables' names
	for _, v := range vars {
		if v.IsField() {
			fields = append(fields, v)
		} else {
			globals = append(globals, v)
			named[v.Name()] = true
		}
	}
	info := pass.TypesInfo
	holds := holder(fields)
	covers := func(g *types.Var) bool { return slices.Contains(fields, g.Origin()) || holds(g.Type()) }
	// The nodes that may set: identifiers only for package-level
	// variables, selectors only for fields. The inspector skips the
	// subtrees without any.
	visited := []ast.Node{(*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.RangeStmt)(nil)}
	if len(globals) > 0 {
		visited = append(visited, (*ast.Ident)(nil))
	}
	if len(fields) > 0 {
		visited = append(visited, (*ast.SelectorExpr)(nil))
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		fn, ok := info.Defs[fd.Name].(*types.Func)
		if !ok || fd.Body == nil {
			continue // ill-typed, or without a body
		}
		cur.ChildAt(edge.FuncDecl_Body, -1).Inspect(visited, func(cur inspector.Cursor) bool {
			if out[fn] {
				return false
			}
			var lhs []ast.Expr
			switch n := cur.Node().(type) {
			case *ast.Ident:
				if !named[n.Name] {
					break // (most identifiers: no lookup)
				}
				if v, ok := info.Uses[n].(*types.Var); ok && slices.Contains(globals, v) {
					out[fn] = true
				}
			case *ast.SelectorExpr:
				if sel, ok := info.Selections[n]; ok && selects(sel, covers) {
					out[fn] = true
				}
			case *ast.AssignStmt:
				lhs = n.Lhs
			case *ast.IncDecStmt:
				lhs = []ast.Expr{n.X}
			case *ast.RangeStmt:
				lhs = []ast.Expr{n.Key, n.Value}
			}
			for _, e := range lhs {
				if e != nil && holds(info.TypeOf(e)) {
					out[fn] = true
				}
			}
			return true
		})
	}
	return out
}

// selects reports whether sel goes through a field that covers says yes
// to: its path's fields, the last one too for a field selection.
func selects(sel *types.Selection, covers func(*types.Var) bool) bool {
	path := sel.Index()
	if sel.Kind() != types.FieldVal {
		path = path[:len(path)-1] // the last index picks the method
	}
	t := sel.Recv()
	for _, i := range path {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return true // not a struct after all: say yes, to be safe
		}
		g := st.Field(i)
		if covers(g) {
			return true
		}
		t = g.Type()
	}
	return false
}

// holder returns whether a type is a struct that holds one of fields,
// itself or in a struct it holds by value (what ssapath's Globals marks
// set on a store of the whole struct).
func holder(fields []*types.Var) func(types.Type) bool {
	memo := make(map[types.Type]bool)
	var holds func(t types.Type) bool
	holds = func(t types.Type) bool {
		if t == nil {
			return false
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return false
		}
		if v, ok := memo[t]; ok {
			return v
		}
		memo[t] = false // a guard against cycles
		for i := 0; i < st.NumFields(); i++ {
			if fv := st.Field(i); slices.Contains(fields, fv.Origin()) || holds(fv.Type()) {
				memo[t] = true
				return true
			}
		}
		return false
	}
	return holds
}
