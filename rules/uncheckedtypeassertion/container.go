package uncheckedtypeassertion

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// Containers. A map, slice or channel holds what the package puts in it
// (m[k] = v, append, ch <- v, literals). A generic container of another
// package (container/list, sync.Map, an LRU cache, an interval tree, a
// wait registry: a type with a method taking `any`) holds what the
// package passes to its methods and constructor. Where the container sits
// in a variable or an unexported field, the package is every writer.

// elements returns the flow of the elements of the map, slice, array or
// channel x.
func (w *walker) elements(x ast.Expr) flow {
	x = ast.Unparen(x)
	if !w.spend() {
		return opaqueFlow
	}
	if h := w.x.holderOf(x); h != nil {
		return w.holderElements(h)
	}
	switch x := x.(type) {
	case *ast.CompositeLit:
		var f flow
		for _, elt := range x.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			f.add(w.expr(elt))
		}
		return f
	case *ast.CallExpr:
		return w.callElements(x)
	case *ast.TypeAssertExpr:
		return inside(w.expr(x.X))
	case *ast.IndexExpr:
		return inside(w.elements(x.X))
	case *ast.UnaryExpr:
		if x.Op == token.ARROW {
			return inside(w.elements(x.X))
		}
	}
	return opaqueFlow
}

// inside returns the flow of what a value holds, given the value's own
// flow: out of sight, but decoded data holds decoded data.
func inside(f flow) flow {
	return flow{opaque: true, evidence: f.evidence}
}

// callElements returns the flow of the elements of the container a call returns.
func (w *walker) callElements(c *ast.CallExpr) flow {
	if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
		if b, ok := w.x.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "append":
				if len(c.Args) == 0 {
					return opaqueFlow
				}
				f := w.elements(c.Args[0])
				for _, a := range c.Args[1:] {
					if c.Ellipsis.IsValid() {
						f.add(w.elements(a))
					} else {
						f.add(w.expr(a))
					}
				}
				return f
			case "make", "new":
				return flow{}
			}
			return opaqueFlow
		}
	}
	fn := typesutil.Callee(w.x.info, c)
	if fn != nil && fn.Pkg() == w.x.pkg {
		if fd := w.x.decls[fn]; fd != nil && fd.Body != nil {
			var f flow
			for _, r := range returnStmts(fd.Body) {
				if len(r.Results) > 0 {
					f.add(w.elements(r.Results[0]))
				} else {
					f.opaque = true
				}
			}
			return f
		}
	}
	if h := w.containerOf(c); h != nil {
		return w.contents(h, false)
	}
	return opaqueFlow
}

// holderElements returns the flow of the elements of the container a
// variable or field holds.
func (w *walker) holderElements(h types.Object) flow {
	return w.memoized(memoKey{memoElems, h, 0}, func() flow {
		var f flow
		for _, st := range w.x.elems[h] {
			f.add(w.store(st)) // m[k] = v, ch <- v
		}
		for _, st := range w.x.stores[h] {
			switch st.kind {
			case storeValue:
				f.add(w.elements(st.rhs))
			case storeResult:
				f.add(inside(w.store(st)))
			case storeElem:
				f.add(inside(w.elements(st.rhs)))
			default:
				f.opaque = true
			}
		}
		if w.x.isDecoded(h) {
			f.evidence = "decoded data"
		}
		f.add(w.openHolder(h))
		return f
	})
}

// openHolder returns what a holder lets in from outside the package: a
// parameter holds what its callers pass; an exported field or variable,
// or another package's, what anyone stores there.
func (w *walker) openHolder(h types.Object) flow {
	v, ok := h.(*types.Var)
	if !ok {
		return opaqueFlow
	}
	if p, ok := w.x.params[v]; ok {
		if !isPlainContainer(v.Type()) {
			return opaqueFlow // another package's object: its own contract says what it holds
		}
		return w.paramElements(p)
	}
	switch {
	case v.Pkg() != w.x.pkg:
		return opaqueFlow
	case v.IsField():
		if w.openField(v) {
			return opaqueFlow
		}
	case v.Parent() == w.x.pkg.Scope() && v.Exported() && !w.isMain():
		return opaqueFlow
	}
	return flow{}
}

// paramElements returns the flow of the elements of a container parameter.
func (w *walker) paramElements(p param) flow {
	fd, ok := p.fn.(*ast.FuncDecl)
	if !ok {
		return opaqueFlow
	}
	obj, _ := w.x.info.Defs[fd.Name].(*types.Func)
	switch {
	case obj == nil:
		return opaqueFlow
	case w.isAPI(obj) && !w.implementsImported(obj):
		return flow{evidence: "a parameter of " + obj.Name() + ", which other packages call"}
	case obj.Signature().Recv() != nil && (obj.Exported() || len(w.x.calls[obj]) == 0), w.x.escapes[obj]:
		return opaqueFlow
	case len(w.x.calls[obj]) == 0:
		return flow{evidence: "nothing in the package calls " + obj.Name()}
	}
	var f flow
	for _, c := range w.x.calls[obj] {
		switch {
		case !p.variadic:
			if p.i < len(c.Args) {
				f.add(w.elements(c.Args[p.i]))
			}
		case c.Ellipsis.IsValid():
			if p.i < len(c.Args) {
				f.add(w.elements(c.Args[p.i]))
			}
		default:
			for _, a := range c.Args[min(p.i, len(c.Args)):] {
				f.add(w.expr(a))
			}
		}
	}
	return f
}

// containerOf returns the variable or field holding the generic
// container of another package that e was taken from: l.Front(),
// l.Front().Value, e.Next(), tree.Find(k).Val, <-wait.Register(id).
func (w *walker) containerOf(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		s := w.x.info.Selections[sel]
		if s == nil || s.Kind() != types.MethodVal {
			return nil // not a method
		}
		if s.Obj().Pkg() == w.x.pkg {
			// The package's own container type: per holder, when only
			// the package can reach the holder; else its body is followed.
			if h := w.x.holderOf(sel.X); h != nil && w.closed(h) && isContainerType(w.x.info.TypeOf(sel.X)) {
				return h
			}
			return nil
		}
		if h := w.containerOf(sel.X); h != nil {
			return h
		}
		if h := w.x.holderOf(sel.X); h != nil && isContainerType(w.x.info.TypeOf(sel.X)) {
			return h
		}
	case *ast.SelectorExpr:
		if s := w.x.info.Selections[e]; s != nil && s.Kind() == types.FieldVal && s.Obj().Pkg() != w.x.pkg {
			return w.containerOf(e.X)
		}
	case *ast.IndexExpr:
		if h := w.containerOf(e.X); h != nil {
			return h
		}
		if h := w.x.holderOf(e.X); h != nil {
			for _, st := range w.x.elems[h] {
				if c := w.containerOf(st.rhs); c != nil {
					return c // a map of a container's elements (an LRU's index)
				}
			}
		}
	case *ast.UnaryExpr:
		if e.Op == token.ARROW {
			return w.containerOf(e.X)
		}
	case *ast.StarExpr:
		return w.containerOf(e.X)
	case *ast.Ident:
		v, ok := w.x.info.Uses[e].(*types.Var)
		if !ok || v.Pkg() != w.x.pkg || w.seen[v] {
			return nil
		}
		if _, isParam := w.x.params[v]; isParam {
			return nil
		}
		w.seen[v] = true
		defer delete(w.seen, v)
		for _, st := range w.x.stores[v] {
			if st.kind == storeKey {
				continue
			}
			if c := w.containerOf(st.rhs); c != nil {
				return c
			}
		}
	}
	return nil
}

// callContainer returns the holder of the generic container c is a
// method call on, or whose constructor c is.
func (w *walker) callContainer(c *ast.CallExpr) types.Object {
	if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
		if s := w.x.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			if h := w.x.holderOf(sel.X); h != nil && isContainerType(w.x.info.TypeOf(sel.X)) {
				return h
			}
		}
	}
	if h := w.x.storedIn[c]; h != nil && isContainerType(h.Type()) {
		return h
	}
	return nil
}

// contents returns the flow of the values (or, with keys, the keys) the
// package puts into the generic container held by h (and every variable
// or field it is assigned to).
func (w *walker) contents(h types.Object, keys bool) flow {
	i := 0
	if keys {
		i = 1
	}
	return w.memoized(memoKey{memoContents, h, i}, func() flow {
		var f flow
		for _, m := range w.class(h) {
			for _, c := range w.x.onHolder[m] {
				f.add(w.payload(c, keys))
			}
			for _, st := range w.x.stores[m] {
				f.add(w.built(st, keys))
			}
			f.add(w.openHolder(m))
		}
		return f
	})
}

// built returns the flow of what a store of a container value puts in
// it: a constructor's payload; nothing for a literal, make or new, or
// what the package's own function or another holder holds (those are in
// the holder's class); out of sight for another package's method result.
func (w *walker) built(st store, keys bool) flow {
	switch rhs := ast.Unparen(st.rhs).(type) {
	case *ast.CallExpr:
		if tv, ok := w.x.info.Types[rhs.Fun]; ok && tv.IsType() {
			return flow{}
		}
		if id, ok := ast.Unparen(rhs.Fun).(*ast.Ident); ok {
			if _, ok := w.x.info.Uses[id].(*types.Builtin); ok {
				return flow{} // make, new
			}
		}
		fn := typesutil.Callee(w.x.info, rhs)
		switch {
		case fn == nil:
			return opaqueFlow
		case fn.Pkg() == w.x.pkg:
			return flow{}
		case fn.Signature().Recv() == nil:
			return w.payload(rhs, keys) // a constructor: list.New(), group.NewGroup(newFn)
		}
		return opaqueFlow // a container someone else owns
	case *ast.CompositeLit, *ast.Ident, *ast.SelectorExpr:
		return flow{}
	case *ast.UnaryExpr:
		if _, ok := rhs.X.(*ast.CompositeLit); ok && rhs.Op == token.AND {
			return flow{}
		}
	}
	return opaqueFlow
}

// class returns h and the variables and fields the same container value
// is assigned to, from and through the package's functions.
func (w *walker) class(h types.Object) []types.Object {
	seen := map[types.Object]bool{h: true}
	q := []types.Object{h}
	for i := 0; i < len(q) && i < 64; i++ {
		m := q[i]
		next := append([]types.Object(nil), w.x.aliases[m]...)
		for _, st := range w.x.stores[m] {
			c, ok := ast.Unparen(st.rhs).(*ast.CallExpr)
			if !ok || (st.kind != storeValue && st.kind != storeResult) {
				continue
			}
			fn := typesutil.Callee(w.x.info, c)
			if fn == nil || fn.Pkg() != w.x.pkg || w.x.decls[fn] == nil || w.x.decls[fn].Body == nil {
				continue
			}
			for _, r := range returnStmts(w.x.decls[fn].Body) {
				if st.idx < len(r.Results) {
					if rh := w.x.holderOf(r.Results[st.idx]); rh != nil {
						next = append(next, rh)
					}
				}
			}
		}
		for _, n := range next {
			if !seen[n] {
				seen[n] = true
				q = append(q, n)
			}
		}
	}
	return q
}

// payload returns the flow of the values (or keys) a call hands to a
// generic container: its arguments of type any, and the results of type
// any of the function literals it passes (a pool's New). Keys are the
// parameters named key (sync.Map's, an LRU's).
func (w *walker) payload(c *ast.CallExpr, keys bool) flow {
	sig, ok := w.x.info.TypeOf(c.Fun).Underlying().(*types.Signature)
	if !ok {
		return opaqueFlow
	}
	var f flow
	n := sig.Params().Len()
	for j, a := range c.Args {
		var p *types.Var
		switch {
		case sig.Variadic() && j >= n-1:
			p = sig.Params().At(n - 1)
		case j < n:
			p = sig.Params().At(j)
		default:
			continue
		}
		pt := p.Type()
		if sig.Variadic() && j >= n-1 && !c.Ellipsis.IsValid() {
			pt = pt.(*types.Slice).Elem()
		}
		if isEmptyInterface(pt) {
			if isKeyParam(p) != keys {
				continue // a key among values, or a value among keys
			}
			f.add(w.expr(a))
			continue
		}
		if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok && !keys {
			f.add(w.litResults(lit))
		}
	}
	return f
}

// litResults returns the flow of the results of type any of a function literal.
func (w *walker) litResults(lit *ast.FuncLit) flow {
	sig, ok := w.x.info.TypeOf(lit).(*types.Signature)
	if !ok {
		return flow{}
	}
	var f flow
	for i := 0; i < sig.Results().Len(); i++ {
		if !isEmptyInterface(sig.Results().At(i).Type()) {
			continue
		}
		for _, r := range returnStmts(lit.Body) {
			if len(r.Results) == sig.Results().Len() {
				f.add(w.expr(r.Results[i]))
			} else {
				f.opaque = true
			}
		}
	}
	return f
}

// isContainerType reports whether t is a generic container: a type with
// a method that takes a value of type any to hold (a parameter named as
// containers name what they hold: v, val, value, x, item, elem…), or a
// function making one (a group's New).
func isContainerType(t types.Type) bool {
	if t == nil {
		return false
	}
	base := derefNamed(t)
	ms := types.NewMethodSet(types.NewPointer(base))
	if types.IsInterface(base) {
		ms = types.NewMethodSet(base)
	}
	for sel := range ms.Methods() {
		sig, ok := sel.Type().(*types.Signature)
		if !ok {
			continue
		}
		for i := range sig.Params().Len() {
			p := sig.Params().At(i)
			pt := p.Type()
			if s, ok := pt.(*types.Slice); ok && sig.Variadic() && i == sig.Params().Len()-1 {
				pt = s.Elem()
			}
			if isEmptyInterface(pt) && heldNames[strings.ToLower(p.Name())] {
				return true
			}
			if fs, ok := pt.Underlying().(*types.Signature); ok {
				for r := range fs.Results().Variables() {
					if isEmptyInterface(r.Type()) {
						return true
					}
				}
			}
		}
	}
	return false
}

// heldNames are the names generic containers give the values they hold.
var heldNames = map[string]bool{
	"v": true, "val": true, "value": true, "x": true, "item": true, "elem": true,
	"e": true, "data": true, "obj": true, "object": true, "entry": true,
}

// isKeyParam reports whether a container method's parameter is a key.
func isKeyParam(p *types.Var) bool {
	switch strings.ToLower(p.Name()) {
	case "key", "k", "keys":
		return true
	}
	n, ok := types.Unalias(p.Type()).(*types.Named)
	return ok && n.Obj().Name() == "Key"
}

// isPlainContainer reports whether t is a map, slice, array or channel,
// or a container of the standard library (container/list, sync.Map).
func isPlainContainer(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Map, *types.Slice, *types.Array, *types.Chan:
		return true
	}
	n := typesutil.NamedOf(t)
	return n != nil && n.Obj().Pkg() != nil && typesutil.IsStd(n.Obj().Pkg().Path())
}

// closed reports whether only the package's own code can reach what the
// variable or field h holds: a local, an unexported package variable, a
// field of a type other packages cannot set it in.
func (w *walker) closed(h types.Object) bool {
	v, ok := h.(*types.Var)
	if !ok || v.Pkg() != w.x.pkg {
		return false
	}
	if _, isParam := w.x.params[v]; isParam {
		return false
	}
	switch {
	case v.IsField():
		return !w.openField(v)
	case v.Parent() == w.x.pkg.Scope():
		return !v.Exported() || w.isMain()
	}
	return true
}
