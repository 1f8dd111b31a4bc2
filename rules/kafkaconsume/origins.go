package kafkaconsume

import (
	"go/ast"
	"go/token"
	"go/types"
)

// origins records, for the variables and struct fields of a package,
// every expression the package assigns to them, so that a reader or a
// broker held in a field can be traced to the constructor calls that made
// it. A variable whose value can change out of sight (its address taken,
// a range variable, one result of a multi-value call) is opaque: nothing
// is known of it.
type origins struct {
	info    *types.Info
	values  map[types.Object][]ast.Expr
	opaque  map[types.Object]bool
	written map[types.Object]bool            // variables one of whose fields is assigned
	calls   map[types.Object][]*ast.CallExpr // method calls on each variable or field, by the holder
	closed  map[types.Object][]*ast.CallExpr // close(x) calls, by the holder of x
}

func collectOrigins(info *types.Info, files []*ast.File) *origins {
	o := &origins{
		info:    info,
		values:  make(map[types.Object][]ast.Expr),
		opaque:  make(map[types.Object]bool),
		written: make(map[types.Object]bool),
		calls:   make(map[types.Object][]*ast.CallExpr),
		closed:  make(map[types.Object][]*ast.CallExpr),
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				o.assign(n.Lhs, n.Rhs, n.Tok)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				o.assign(lhs, n.Values, token.DEFINE)
			case *ast.CompositeLit:
				o.composite(n)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if obj := o.holder(n.X); obj != nil {
						o.opaque[obj] = true // assigned through the pointer out of sight
					}
				}
			case *ast.RangeStmt:
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if obj := o.holder(e); obj != nil {
						o.opaque[obj] = true
					}
				}
			case *ast.CallExpr:
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 {
					if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "close" {
						if obj := o.holder(n.Args[0]); obj != nil {
							o.closed[obj] = append(o.closed[obj], n)
						}
					}
				}
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					if obj := o.holder(sel.X); obj != nil {
						o.calls[obj] = append(o.calls[obj], n)
					}
				}
			}
			return true
		})
	}
	return o
}

// assign records lhs = rhs.
func (o *origins) assign(lhs, rhs []ast.Expr, tok token.Token) {
	for i, l := range lhs {
		if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
			if base := o.baseVar(sel); base != nil {
				o.written[base] = true
			}
		}
		obj := o.holder(l)
		if obj == nil {
			continue
		}
		switch {
		case len(lhs) != len(rhs) || tok != token.ASSIGN && tok != token.DEFINE:
			o.opaque[obj] = true // one result of a call, or x op= y
		default:
			o.values[obj] = append(o.values[obj], rhs[i])
		}
	}
}

// composite records the fields a composite literal of a struct sets.
func (o *origins) composite(lit *ast.CompositeLit) {
	st, ok := o.info.TypeOf(lit).Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		var field types.Object
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				field = o.info.ObjectOf(id)
			}
			value = kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		if field != nil {
			o.values[field] = append(o.values[field], value)
		}
	}
}

// holder returns the variable or field e denotes: an identifier, or a
// selector of a field.
func (o *origins) holder(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := o.info.ObjectOf(e).(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if sel, ok := o.info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			return sel.Obj()
		}
	}
	return nil
}

// baseVar returns the variable at the root of a selector path x.f.g.
func (o *origins) baseVar(sel *ast.SelectorExpr) types.Object {
	x := ast.Unparen(sel.X)
	for {
		s, ok := x.(*ast.SelectorExpr)
		if !ok {
			break
		}
		x = ast.Unparen(s.X)
	}
	if id, ok := x.(*ast.Ident); ok {
		if v, ok := o.info.ObjectOf(id).(*types.Var); ok {
			return v
		}
	}
	return nil
}

// sources returns every expression assigned to the holder of e, and
// false when they are not all known: e is a parameter, a result, or
// opaque.
func (o *origins) sources(e ast.Expr) ([]ast.Expr, bool) {
	obj := o.holder(e)
	if obj == nil || o.opaque[obj] {
		return nil, false
	}
	vals := o.values[obj]
	return vals, len(vals) > 0
}

// methodCalls returns the calls of the method name on the holder of e
// anywhere in the package.
func (o *origins) methodCalls(e ast.Expr, name string) []*ast.CallExpr {
	obj := o.holder(e)
	if obj == nil {
		return nil
	}
	var out []*ast.CallExpr
	for _, call := range o.calls[obj] {
		if ast.Unparen(call.Fun).(*ast.SelectorExpr).Sel.Name == name {
			out = append(out, call)
		}
	}
	return out
}

// closeCalls returns the close(x) calls of the holder of e anywhere in
// the package.
func (o *origins) closeCalls(e ast.Expr) []*ast.CallExpr {
	if obj := o.holder(e); obj != nil {
		return o.closed[obj]
	}
	return nil
}
