package uncheckedtypeassertion

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// The walker traces the value an assertion tests back to where it comes
// from, through the package's variables, fields, parameters, function
// results, containers and keyed bags (see index.go), and says what it
// found as a flow: the dynamic types of the values made in sight, whether
// some value comes from out of sight (another package's result, a
// callback's argument), and evidence that a value of another type can
// come in (an exported function's parameter, decoded data, a recovered
// panic, a context value set elsewhere). The severity follows: evidence
// warns; values from out of sight, or of several types the package itself
// chose between, inform; values all of the asserted type are proof.

// A flow is what the walker found about the values an expression can hold.
type flow struct {
	types    []types.Type    // dynamic types of the values made in sight
	opaque   bool            // some value comes from code out of sight
	evidence string          // why a value of another type can come in; "" if nothing says so
	errCalls []*ast.CallExpr // calls of other packages whose error results reach it
	keyed    []types.Type    // types the package stores under the bag key it is read by
}

var opaqueFlow = flow{opaque: true}

func (f *flow) add(g flow) {
	for _, t := range g.types {
		if !containsType(f.types, t) {
			f.types = append(f.types, t)
		}
	}
	f.opaque = f.opaque || g.opaque
	if f.evidence == "" {
		f.evidence = g.evidence
	}
	f.errCalls = append(f.errCalls, g.errCalls...)
	f.keyed = append(f.keyed, g.keyed...)
}

// mismatch returns a type the package stores under the bag key the value
// is read by that fails the assertion to target, or nil.
func (f flow) mismatch(target types.Type) types.Type {
	for _, t := range f.keyed {
		if target != nil && !satisfies(t, target) {
			return t
		}
	}
	return nil
}

func containsType(ts []types.Type, t types.Type) bool {
	for _, u := range ts {
		if types.Identical(u, t) {
			return true
		}
	}
	return false
}

// satisfies reports whether a value of dynamic type t passes the
// assertion to target.
func satisfies(t, target types.Type) bool {
	if it, ok := target.Underlying().(*types.Interface); ok && !isTypeParam(target) {
		return types.Implements(t, it)
	}
	return types.Identical(t, target)
}

// proves reports whether f shows that every value passes the assertion
// to target (but for nil).
func (f flow) proves(target types.Type) bool {
	if f.opaque || f.evidence != "" || len(f.types) == 0 || target == nil {
		return false
	}
	for _, t := range f.types {
		if !satisfies(t, target) {
			return false
		}
	}
	return true
}

type memoKind uint8

const (
	memoVar memoKind = iota
	memoField
	memoReturns
	memoElems
	memoContents
)

type memoKey struct {
	kind memoKind
	obj  any
	i    int
}

// walkBudget bounds the work for one assertion; beyond it, what is not
// yet known is out of sight.
const walkBudget = 5000

type walker struct {
	x      *index
	target types.Type // the asserted type
	memo   map[memoKey]flow
	busy   map[memoKey]bool
	seen   map[types.Object]bool // containerOf's variables in progress
	budget int
}

func (x *index) walker(target types.Type) *walker {
	return &walker{
		x:      x,
		target: target,
		memo:   make(map[memoKey]flow),
		busy:   make(map[memoKey]bool),
		seen:   make(map[types.Object]bool),
		budget: walkBudget,
	}
}

func (w *walker) spend() bool {
	w.budget--
	return w.budget >= 0
}

// memoized computes the flow for k once; a cycle adds nothing new.
func (w *walker) memoized(k memoKey, compute func() flow) flow {
	if f, ok := w.memo[k]; ok {
		return f
	}
	if w.busy[k] {
		return flow{}
	}
	w.busy[k] = true
	f := compute()
	delete(w.busy, k)
	w.memo[k] = f
	return f
}

func (w *walker) isMain() bool { return w.x.pkg.Name() == "main" }

// expr returns the flow of the value of e.
func (w *walker) expr(e ast.Expr) flow {
	e = ast.Unparen(e)
	if e == nil || !w.spend() {
		return opaqueFlow
	}
	info := w.x.info
	if tv, ok := info.Types[e]; ok && tv.IsNil() {
		return flow{} // nil: the assertion's nil case is another mistake
	}
	t := info.TypeOf(e)
	if t == nil || isTypeParam(t) || t == types.Typ[types.Invalid] {
		return opaqueFlow
	}
	if !types.IsInterface(t) {
		return flow{types: []types.Type{t}}
	}
	switch e := e.(type) {
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			return w.variable(v)
		}
	case *ast.SelectorExpr:
		if s := info.Selections[e]; s != nil && s.Kind() == types.FieldVal {
			return w.field(e, s.Obj().(*types.Var))
		}
	case *ast.CallExpr:
		return w.call(e, 0)
	case *ast.IndexExpr:
		return w.elements(e.X)
	case *ast.UnaryExpr:
		if e.Op == token.ARROW {
			return w.elements(e.X)
		}
	case *ast.TypeAssertExpr:
		return w.expr(e.X) // an assertion to an interface keeps the dynamic type
	}
	return opaqueFlow
}

func (w *walker) store(st store) flow {
	switch st.kind {
	case storeValue:
		return w.expr(st.rhs)
	case storeResult:
		if c, ok := ast.Unparen(st.rhs).(*ast.CallExpr); ok {
			return w.call(c, st.idx)
		}
	case storeElem:
		return w.elements(st.rhs)
	}
	return opaqueFlow
}

// variable returns the flow of a variable: what the package stores in it.
func (w *walker) variable(v *types.Var) flow {
	return w.memoized(memoKey{memoVar, v, 0}, func() flow {
		if v.Pkg() != w.x.pkg {
			return opaqueFlow // another package's variable
		}
		if p, ok := w.x.params[v]; ok {
			return w.param(p)
		}
		var f flow
		if w.x.isDecoded(v) {
			f.evidence = "decoded data"
		}
		if w.x.escapes[v] || w.x.results[v] {
			f.opaque = true // written through a pointer, or by a return
		}
		if v.Parent() == w.x.pkg.Scope() && v.Exported() && !w.isMain() {
			f.opaque = true // other packages may assign it
		}
		for _, st := range w.x.stores[v] {
			f.add(w.store(st))
		}
		return f
	})
}

// field returns the flow of the field fv read by sel.
func (w *walker) field(sel *ast.SelectorExpr, fv *types.Var) flow {
	var f flow
	if root := w.x.rootVar(sel.X); root != nil && w.x.isDecoded(root) {
		f.evidence = "decoded data"
	}
	if fv.Pkg() != w.x.pkg {
		// Another package's field: what a container the package holds
		// hands back (list.Element.Value), else out of sight.
		if h := w.containerOf(sel.X); h != nil {
			f.add(w.contents(h, false))
		} else {
			f.opaque = true
		}
		for _, st := range w.x.stores[fv] {
			f.add(w.store(st))
		}
		return f
	}
	f.add(w.memoized(memoKey{memoField, fv, 0}, func() flow {
		var g flow
		for _, st := range w.x.stores[fv] {
			g.add(w.store(st))
		}
		if w.openField(fv) {
			if len(w.x.stores[fv]) == 0 {
				g.evidence = "an exported field that only callers set"
			} else {
				g.opaque = true // callers may set it too
			}
		}
		return g
	}))
	return f
}

// openField reports whether code outside the package can set fv: an
// exported field of an exported type.
func (w *walker) openField(fv *types.Var) bool {
	owner := w.x.owners[fv]
	return fv.Exported() && owner != nil && owner.Exported() && !w.isMain()
}

// isAPI reports whether code outside the package can call fn directly:
// an exported function, or an exported method of an exported type.
func (w *walker) isAPI(fn *types.Func) bool {
	if !fn.Exported() || w.isMain() {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return true
	}
	n := typesutil.NamedOf(recv.Type())
	return n != nil && n.Obj().Exported()
}

// implementsImported reports whether the method fn implements a method of
// an interface declared in a package the package imports (a framework's
// Provisioner, ServerType, Handler): the framework calls it through that
// interface, and the interface's contract pins what it passes.
func (w *walker) implementsImported(fn *types.Func) bool {
	if fn.Signature().Recv() == nil {
		return false
	}
	if v, ok := w.x.implements[fn]; ok {
		return v
	}
	found := false
	for _, imp := range w.x.pkg.Imports() {
		scope := imp.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() {
				continue
			}
			it, ok := tn.Type().Underlying().(*types.Interface)
			if !ok {
				continue
			}
			for m := range it.Methods() {
				if m.Name() == fn.Name() && types.Identical(m.Signature(), withoutRecv(fn.Signature())) {
					found = true
				}
			}
		}
		if found {
			break
		}
	}
	w.x.implements[fn] = found
	return found
}

func withoutRecv(sig *types.Signature) *types.Signature {
	return types.NewSignatureType(nil, nil, nil, sig.Params(), sig.Results(), sig.Variadic())
}

// param returns the flow of a parameter: what its callers pass.
func (w *walker) param(p param) flow {
	switch fn := p.fn.(type) {
	case *ast.FuncDecl:
		obj, _ := w.x.info.Defs[fn.Name].(*types.Func)
		switch {
		case obj == nil:
			return opaqueFlow
		case w.isAPI(obj) && !w.implementsImported(obj):
			return flow{evidence: "a parameter of " + obj.Name() + ", which other packages call"}
		case obj.Signature().Recv() != nil && (obj.Exported() || len(w.x.calls[obj]) == 0):
			return opaqueFlow // a method other code calls through an interface, whose contract pins what it gets
		case w.x.escapes[obj]:
			return opaqueFlow // a function value: its callers are out of sight
		case len(w.x.calls[obj]) == 0:
			return flow{evidence: "nothing in the package calls " + obj.Name()}
		}
		var f flow
		for _, c := range w.x.calls[obj] {
			f.add(w.arg(c, p))
		}
		return f
	case *ast.FuncLit:
		return w.litParam(fn, p)
	}
	return opaqueFlow
}

// arg returns the flow of the argument call c passes for parameter p.
func (w *walker) arg(c *ast.CallExpr, p param) flow {
	if p.variadic {
		return opaqueFlow
	}
	i := p.i
	if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
		if s := w.x.info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			i++ // T.m(recv, args…)
		}
	}
	if len(c.Args) == 1 && i > 0 {
		if inner, ok := ast.Unparen(c.Args[0]).(*ast.CallExpr); ok {
			return w.call(inner, i) // f(g()) with g's results as the arguments
		}
	}
	if i < len(c.Args) {
		return w.expr(c.Args[i])
	}
	return opaqueFlow
}

// litParam returns the flow of a function literal's parameter.
func (w *walker) litParam(lit *ast.FuncLit, p param) flow {
	if use, ok := w.x.litUses[lit]; ok {
		// A callback of a container the package holds (sync.Map.Range,
		// an eviction hook): it is handed what the package put there.
		if h := w.callContainer(use.call); h != nil {
			return w.contents(h, w.isKeyOfCallback(use, p))
		}
		return opaqueFlow // a callback: the caller's contract pins it
	}
	if v := w.x.litVars[lit]; v != nil && !w.x.escapes[v] && len(w.x.stores[v]) == 1 {
		var f flow
		for _, c := range w.x.varCalls[v] {
			f.add(w.arg(c, p))
		}
		if len(w.x.varCalls[v]) > 0 {
			return f
		}
	}
	return opaqueFlow
}

// call returns the flow of the i'th result of call c.
func (w *walker) call(c *ast.CallExpr, i int) flow {
	info := w.x.info
	fun := ast.Unparen(c.Fun)
	if tv, ok := info.Types[fun]; ok && tv.IsType() {
		if len(c.Args) == 1 {
			return w.expr(c.Args[0]) // a conversion keeps the dynamic type
		}
		return opaqueFlow
	}
	if id, ok := fun.(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "recover" {
				return flow{evidence: "recover returns whatever was passed to panic"}
			}
			return opaqueFlow
		}
	}
	if i == 0 {
		if bag, key, ok := w.bagRead(c); ok {
			if f, ok := w.fieldBag(c, key); ok {
				return f
			}
			return w.bag(bag, key)
		}
	}
	if h := w.containerOf(c); h != nil {
		return w.contents(h, false)
	}
	fn := typesutil.Callee(info, c)
	if fn != nil && fn.Pkg() == w.x.pkg {
		if fd := w.x.decls[fn]; fd != nil && fd.Body != nil {
			return w.returns(fd, fn, i)
		}
	}
	f := opaqueFlow
	if t := resultType(info, c, i); t != nil && typesutil.IsError(t) && fn != nil {
		f.errCalls = []*ast.CallExpr{c}
	}
	return f
}

// resultType returns the type of the i'th result of c.
func resultType(info *types.Info, c *ast.CallExpr, i int) types.Type {
	t := info.TypeOf(c)
	if tup, ok := t.(*types.Tuple); ok {
		if i < tup.Len() {
			return tup.At(i).Type()
		}
		return nil
	}
	if i == 0 {
		return t
	}
	return nil
}

// returns returns the flow of the i'th result of the package's function fd.
func (w *walker) returns(fd *ast.FuncDecl, fn *types.Func, i int) flow {
	return w.memoized(memoKey{memoReturns, fn, i}, func() flow {
		var f flow
		n := fn.Signature().Results().Len()
		for _, r := range returnStmts(fd.Body) {
			switch {
			case len(r.Results) == n && i < n:
				f.add(w.expr(r.Results[i]))
			case len(r.Results) == 1 && n > 1:
				if c, ok := ast.Unparen(r.Results[0]).(*ast.CallExpr); ok {
					f.add(w.call(c, i))
				}
			case len(r.Results) == 0 && i < n:
				f.add(w.variable(fn.Signature().Results().At(i)))
			}
		}
		return f
	})
}

// returnStmts returns the return statements of a function body, not
// those of the function literals in it.
func returnStmts(body *ast.BlockStmt) []*ast.ReturnStmt {
	var out []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			out = append(out, n)
		}
		return true
	})
	return out
}

// isKeyOfCallback reports whether parameter p of a function literal
// passed as use is a key of the container (Range(func(key, value any) bool)).
func (w *walker) isKeyOfCallback(use litUse, p param) bool {
	sig, ok := w.x.info.TypeOf(use.call.Fun).Underlying().(*types.Signature)
	if !ok || use.arg >= sig.Params().Len() {
		return false
	}
	cb, ok := sig.Params().At(use.arg).Type().Underlying().(*types.Signature)
	if !ok || p.i >= cb.Params().Len() {
		return false
	}
	return isKeyParam(cb.Params().At(p.i))
}
