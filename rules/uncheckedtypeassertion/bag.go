package uncheckedtypeassertion

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// Keyed bags are values that map keys to values of any type: a
// context.Context (WithValue and Value), and the request contexts of web
// frameworks (blademaster's and gin's Context: Set and Get). What a bag
// holds under a key is pinned by the code that sets that key: where every
// writer the package has stores the asserted type, the assertion only
// informs; where the key is set nowhere the package can see, the type is
// whatever someone else put there, and it warns.

// bagWriteOf returns the bag write call n makes, if any.
func (x *index) bagWriteOf(n *ast.CallExpr, fn *types.Func) (bagWrite, bool) {
	if fn == nil {
		return bagWrite{}, false
	}
	if typesutil.IsFunc(fn, "context", "WithValue") && len(n.Args) == 3 {
		return bagWrite{key: n.Args[1], val: n.Args[2]}, true
	}
	// A context type's own WithValue(key, value any) method (caddy.Context's).
	if sig := fn.Signature(); fn.Name() == "WithValue" && sig.Recv() != nil && len(n.Args) == 2 &&
		sig.Results().Len() == 1 && isContext(sig.Results().At(0).Type()) {
		return bagWrite{key: n.Args[0], val: n.Args[1]}, true
	}
	if bag := setterBag(fn); bag != nil && len(n.Args) == 2 {
		var holder types.Object
		if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
			holder = x.holderOf(sel.X)
		}
		return bagWrite{bag: bag, holder: holder, key: n.Args[0], val: n.Args[1]}, true
	}
	return bagWrite{}, false
}

// setterBag returns the named type of which fn is a Set(key, value any)
// method, or nil.
func setterBag(fn *types.Func) types.Type {
	sig := fn.Signature()
	if fn.Name() != "Set" || sig.Recv() == nil || sig.Params().Len() != 2 || !isEmptyInterface(sig.Params().At(1).Type()) {
		return nil
	}
	return namedOrSelf(sig.Recv().Type())
}

// bagRead reports whether call reads a keyed bag: ctx.Value(key), or
// c.Get(key) / c.MustGet(key) / c.Value(key) on a type with a
// Set(key, value any) method. It returns the bag's type (nil for a
// context) and the key.
func (w *walker) bagRead(call *ast.CallExpr) (bag types.Type, key ast.Expr, ok bool) {
	fn := typesutil.Callee(w.x.info, call)
	if fn == nil || len(call.Args) != 1 {
		return nil, nil, false
	}
	sig := fn.Signature()
	if sig.Recv() == nil || sig.Results().Len() == 0 || !isEmptyInterface(sig.Results().At(0).Type()) {
		return nil, nil, false
	}
	recv := sig.Recv().Type()
	switch fn.Name() {
	case "Value":
		if isContext(recv) {
			return nil, call.Args[0], true
		}
		fallthrough
	case "Get", "MustGet":
		base := derefNamed(recv)
		ms := types.NewMethodSet(types.NewPointer(base))
		if types.IsInterface(base) {
			ms = types.NewMethodSet(base)
		}
		if set := ms.Lookup(fn.Pkg(), "Set"); set != nil {
			if f, ok := set.Obj().(*types.Func); ok && setterBag(f) != nil {
				return namedOrSelf(recv), call.Args[0], true
			}
		}
	}
	return nil, nil, false
}

// bag returns the flow of a value read from a keyed bag.
func (w *walker) bag(bag types.Type, key ast.Expr) flow {
	id := w.keyID(key)
	if id == "" {
		return flow{evidence: "a value read by a key the rule cannot follow"}
	}
	var f flow
	found := false
	for _, b := range w.x.bags {
		if !sameBag(b.bag, bag) || w.keyID(b.key) != id {
			continue // another bag or another key
		}
		found = true
		g := w.expr(b.val)
		g.keyed = append(g.keyed, g.types...)
		f.add(g)
	}
	owned, exported := w.keyOwner(key)
	switch {
	case !found && owned && !exported:
		return flow{evidence: "nothing in the package sets this key"}
	case !found && (owned || w.moduleKey(key)):
		return flow{opaque: true} // the key is the module's own: its writers follow its contract
	case !found:
		return flow{evidence: "the key is set outside the package"}
	}
	// Even where every writer stores the asserted type, the key may be
	// missing on the path that reads it: the program pins the type, not
	// the presence, so the finding informs.
	f.opaque = true
	return f
}

// fieldBag returns the flow of a value read by a key that is a local
// variable or parameter (removeTask(key any) { tw.timers.Get(key) }) from
// a bag held in an unexported field of this package's type. Which key the
// caller passes is out of sight, but only the package stores into that
// field's bag: the value is one of everything it stores there, under any
// key. It reports false where the key is fixed (a constant, a type, a
// package variable), or the field's bag is written nowhere in sight.
func (w *walker) fieldBag(read *ast.CallExpr, key ast.Expr) (flow, bool) {
	kv, ok := w.x.holderOf(key).(*types.Var)
	if !ok || kv.IsField() || kv.Parent() == nil || kv.Parent() == w.x.pkg.Scope() {
		return flow{}, false // a fixed key, judged by its writers (bag)
	}
	sel, ok := ast.Unparen(read.Fun).(*ast.SelectorExpr)
	if !ok {
		return flow{}, false
	}
	fv, ok := w.x.holderOf(sel.X).(*types.Var)
	if !ok || !fv.IsField() || fv.Exported() || fv.Pkg() != w.x.pkg {
		return flow{}, false
	}
	var f flow
	found := false
	for _, b := range w.x.bags {
		if b.holder != fv {
			continue
		}
		found = true
		g := w.expr(b.val)
		g.keyed = append(g.keyed, g.types...)
		f.add(g)
	}
	// As in bag: the type is pinned, not the key's presence.
	f.opaque = true
	return f, found
}

// keyID identifies a bag key: a constant by its value, a composite
// literal or conversion by its type, a variable by itself.
func (w *walker) keyID(key ast.Expr) string {
	key = ast.Unparen(key)
	info := w.x.info
	if tv, ok := info.Types[key]; ok && tv.Value != nil {
		return "c:" + tv.Type.String() + ":" + tv.Value.ExactString()
	}
	switch k := key.(type) {
	case *ast.CompositeLit:
		if t := info.TypeOf(k); t != nil {
			return "t:" + t.String()
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[k.Fun]; ok && tv.IsType() {
			return "t:" + tv.Type.String()
		}
	case *ast.Ident, *ast.SelectorExpr:
		if h := w.x.holderOf(k); h != nil {
			return fmt.Sprintf("v:%p", h)
		}
	}
	return ""
}

// keyOwner reports whether the key's type (or variable) is declared in
// this package, and whether it is exported.
func (w *walker) keyOwner(key ast.Expr) (owned, exported bool) {
	key = ast.Unparen(key)
	t := w.x.info.TypeOf(key)
	if n := typesutil.NamedOf(t); n != nil && n.Obj().Pkg() == w.x.pkg {
		return true, n.Obj().Exported() && !w.isMain()
	}
	if h := w.x.holderOf(key); h != nil && h.Pkg() == w.x.pkg && h.Parent() == w.x.pkg.Scope() {
		return true, h.Exported() && !w.isMain()
	}
	if id, ok := key.(*ast.Ident); ok {
		if c, ok := w.x.info.Uses[id].(*types.Const); ok && c.Pkg() == w.x.pkg && c.Parent() == w.x.pkg.Scope() {
			return true, c.Exported() && !w.isMain()
		}
	}
	return false, false
}

// moduleKey reports whether the key is a typed key (a constant, variable
// or value of a named type) declared in another package of the same
// module: a framework's own key (a server's request-scoped replacer),
// set by the module's own code. String literals and other modules' keys
// are not.
func (w *walker) moduleKey(key ast.Expr) bool {
	mod := w.x.pass.Module
	if mod == nil || mod.Path == "" {
		return false
	}
	var pkg *types.Package
	if n := typesutil.NamedOf(w.x.info.TypeOf(ast.Unparen(key))); n != nil {
		pkg = n.Obj().Pkg()
	}
	if pkg == nil {
		return false // a basic type: a string literal key anyone may use
	}
	p := pkg.Path()
	return p == mod.Path || strings.HasPrefix(p, mod.Path+"/")
}

func sameBag(a, b types.Type) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return types.Identical(a, b)
}

// isContext reports whether t has context.Context's methods.
func isContext(t types.Type) bool {
	ms := types.NewMethodSet(t)
	for _, name := range []string{"Deadline", "Done", "Err", "Value"} {
		if ms.Lookup(nil, name) == nil {
			return false
		}
	}
	return true
}

func isEmptyInterface(t types.Type) bool {
	it, ok := t.Underlying().(*types.Interface)
	return ok && it.NumMethods() == 0 && !isTypeParam(t)
}

func isTypeParam(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.TypeParam)
	return ok
}

// derefNamed returns t without a pointer.
func derefNamed(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// namedOrSelf returns the named type of t (through a pointer), or t.
func namedOrSelf(t types.Type) types.Type {
	if n := typesutil.NamedOf(t); n != nil {
		return n
	}
	return t
}
