package uncheckedtypeassertion

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// The index records, for the package being checked, every place where a
// value enters a variable, a field, a container or a keyed bag, so that
// the origins of an asserted value can be traced (see origin.go). It is
// built once per package, on the first assertion that needs it. The
// package is the unit: what is unexported can only be written here.
//
// _test.go files are left out, so that a package and its test variant
// judge the package's own files alike.

// A storeKind says how a store's value is found from its rhs.
type storeKind uint8

const (
	storeValue  storeKind = iota // rhs is the value stored
	storeResult                  // the idx'th result of the call rhs
	storeElem                    // an element of the container rhs (a range value)
	storeKey                     // a key of the container rhs (a range key)
)

// A store is one value written into a variable, a field or a container.
type store struct {
	kind storeKind
	rhs  ast.Expr
	idx  int
}

// A param locates a parameter: its function and its position.
type param struct {
	fn       ast.Node // *ast.FuncDecl or *ast.FuncLit
	i        int
	variadic bool // the final ...T parameter
}

// A litUse is the call a function literal is an argument of.
type litUse struct {
	call *ast.CallExpr
	arg  int
}

// A bagWrite stores val under key in a keyed bag: context.WithValue, or
// a Set(key, value any) method of the named type bag.
type bagWrite struct {
	bag    types.Type   // nil: a context
	holder types.Object // the variable or field the Set is called on, if any
	key    ast.Expr
	val    ast.Expr
}

type index struct {
	pass *analysis.Pass
	info *types.Info
	pkg  *types.Package

	stores     map[types.Object][]store         // variables and fields: the values written
	elems      map[types.Object][]store         // elements put into the map, slice or channel a variable or field holds
	aliases    map[types.Object][]types.Object  // holders assigned one to another, both ways
	onHolder   map[types.Object][]*ast.CallExpr // method calls on the value a variable or field holds
	calls      map[*types.Func][]*ast.CallExpr  // static call sites of the package's functions
	varCalls   map[*types.Var][]*ast.CallExpr   // calls of a function held in a local variable
	escapes    map[types.Object]bool            // functions used other than by calling them; variables whose address is taken
	decoded    map[types.Object]bool            // variables whose address is passed to a decoder
	decls      map[*types.Func]*ast.FuncDecl    // the package's function declarations
	params     map[*types.Var]param             // parameters of the package's functions and literals
	results    map[*types.Var]bool              // named results
	litUses    map[*ast.FuncLit]litUse          // function literals passed to a call
	litVars    map[*ast.FuncLit]*types.Var      // function literals held in a variable
	storedIn   map[*ast.CallExpr]types.Object   // calls whose result is stored in a variable or field
	owners     map[*types.Var]*types.TypeName   // fields of the package's named struct types
	implements map[*types.Func]bool             // methods that implement an imported interface (memo)
	bags       []bagWrite
}

// newIndex indexes the non-test files of the pass.
func newIndex(pass *analysis.Pass, in *inspector.Inspector) *index {
	x := &index{
		pass:       pass,
		info:       pass.TypesInfo,
		pkg:        pass.Pkg,
		stores:     make(map[types.Object][]store),
		elems:      make(map[types.Object][]store),
		aliases:    make(map[types.Object][]types.Object),
		onHolder:   make(map[types.Object][]*ast.CallExpr),
		calls:      make(map[*types.Func][]*ast.CallExpr),
		varCalls:   make(map[*types.Var][]*ast.CallExpr),
		escapes:    make(map[types.Object]bool),
		decoded:    make(map[types.Object]bool),
		decls:      make(map[*types.Func]*ast.FuncDecl),
		params:     make(map[*types.Var]param),
		results:    make(map[*types.Var]bool),
		litUses:    make(map[*ast.FuncLit]litUse),
		litVars:    make(map[*ast.FuncLit]*types.Var),
		storedIn:   make(map[*ast.CallExpr]types.Object),
		owners:     make(map[*types.Var]*types.TypeName),
		implements: make(map[*types.Func]bool),
	}
	x.indexOwners()
	for fc := range in.Root().Children() {
		f, ok := fc.Node().(*ast.File)
		if !ok || x.isTestFile(f) {
			continue // tests do not pin what the package's own code holds
		}
		for cur := range fc.Preorder(
			(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil),
			(*ast.TypeSwitchStmt)(nil), (*ast.CompositeLit)(nil), (*ast.SendStmt)(nil),
			(*ast.CallExpr)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil),
			(*ast.UnaryExpr)(nil), (*ast.Ident)(nil)) {
			x.visit(cur)
		}
	}
	return x
}

func (x *index) isTestFile(f *ast.File) bool {
	return typesutil.InTestFile(x.pass.Fset, f.FileStart)
}

// indexOwners records the named struct type of each field the package declares.
func (x *index) indexOwners() {
	if x.pkg == nil {
		return
	}
	scope := x.pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue // not a type
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue // not a struct
		}
		for f := range st.Fields() {
			x.owners[f] = tn
		}
	}
}

func (x *index) visit(cur inspector.Cursor) {
	switch n := cur.Node().(type) {
	case *ast.AssignStmt:
		x.visitAssign(n)
	case *ast.ValueSpec:
		for i, name := range n.Names {
			if len(n.Values) == len(n.Names) {
				x.addStore(name, store{kind: storeValue, rhs: n.Values[i]})
			} else if len(n.Values) == 1 {
				x.addStore(name, multi(n.Values[0], i))
			}
		}
	case *ast.RangeStmt:
		if n.Key != nil {
			x.addStore(n.Key, store{kind: storeKey, rhs: n.X})
		}
		if n.Value != nil {
			x.addStore(n.Value, store{kind: storeElem, rhs: n.X})
		}
	case *ast.TypeSwitchStmt:
		x.visitTypeSwitch(n)
	case *ast.CompositeLit:
		x.visitCompositeLit(n)
	case *ast.SendStmt:
		if h := x.holderOf(n.Chan); h != nil {
			x.elems[h] = append(x.elems[h], store{kind: storeValue, rhs: n.Value})
		}
	case *ast.CallExpr:
		x.visitCall(n)
	case *ast.FuncDecl:
		if fn, ok := x.info.Defs[n.Name].(*types.Func); ok {
			x.decls[fn] = n
		}
		x.addParams(n, n.Type)
	case *ast.FuncLit:
		x.addParams(n, n.Type)
		if cur.ParentEdgeKind() == edge.CallExpr_Args {
			call := cur.Parent().Node().(*ast.CallExpr)
			_, i := cur.ParentEdge()
			x.litUses[n] = litUse{call: call, arg: i}
		}
	case *ast.UnaryExpr:
		if n.Op != token.AND {
			return
		}
		root := x.rootVar(n.X)
		if root == nil {
			return
		}
		if cur.ParentEdgeKind() == edge.CallExpr_Args && isDecoder(typesutil.Callee(x.info, cur.Parent().Node().(*ast.CallExpr))) {
			x.decoded[root] = true
		} else {
			x.escapes[root] = true
		}
	case *ast.Ident:
		x.visitIdent(cur, n)
	}
}

// multi is the store of the i'th value of a multi-value rhs: a call's
// result, or the value of a comma-ok form.
func multi(rhs ast.Expr, i int) store {
	if _, ok := ast.Unparen(rhs).(*ast.CallExpr); ok {
		return store{kind: storeResult, rhs: rhs, idx: i}
	}
	if i == 0 {
		return store{kind: storeValue, rhs: rhs} // v, ok := m[k] / <-ch / x.(T)
	}
	return store{kind: storeValue, rhs: nil} // the ok of a comma-ok form: a bool
}

func (x *index) visitAssign(n *ast.AssignStmt) {
	if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
		return // x op= y does not store an interface value
	}
	for i, lhs := range n.Lhs {
		switch {
		case len(n.Lhs) == len(n.Rhs):
			x.addStore(lhs, store{kind: storeValue, rhs: n.Rhs[i]})
		case len(n.Rhs) == 1:
			x.addStore(lhs, multi(n.Rhs[0], i))
		}
	}
}

// addStore records that st is written to lhs: a variable, a field, or an
// element of a map or slice.
func (x *index) addStore(lhs ast.Expr, st store) {
	if st.kind == storeValue && st.rhs == nil {
		return // a bool
	}
	lhs = ast.Unparen(lhs)
	if ix, ok := lhs.(*ast.IndexExpr); ok {
		if h := x.holderOf(ix.X); h != nil {
			x.elems[h] = append(x.elems[h], st)
		}
		return
	}
	h := x.holderOf(lhs)
	if h == nil {
		return // _ or *p: not followed
	}
	x.stores[h] = append(x.stores[h], st)
	x.noteRHS(h, st)
}

// noteRHS records what the rhs of a store into h says about h: another
// holder it aliases, the call whose result it holds, the function
// literal it holds.
func (x *index) noteRHS(h types.Object, st store) {
	switch rhs := ast.Unparen(st.rhs).(type) {
	case *ast.CallExpr:
		x.storedIn[rhs] = h
	case *ast.FuncLit:
		if v, ok := h.(*types.Var); ok && st.kind == storeValue {
			x.litVars[rhs] = v
		}
	}
	if st.kind == storeValue {
		x.aliasRHS(h, st.rhs)
	}
}

func (x *index) visitTypeSwitch(n *ast.TypeSwitchStmt) {
	as, ok := n.Assign.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return // no bound variable
	}
	ta, ok := ast.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr)
	if !ok {
		return
	}
	for _, s := range n.Body.List {
		cc := s.(*ast.CaseClause)
		if obj := x.info.Implicits[cc]; obj != nil {
			x.stores[obj] = append(x.stores[obj], store{kind: storeValue, rhs: ta.X})
		}
	}
}

func (x *index) visitCompositeLit(n *ast.CompositeLit) {
	t := x.info.TypeOf(n)
	if t == nil {
		return
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return // map, slice and array literals are read where they are used
	}
	for i, elt := range n.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				if f, ok := x.info.Uses[id].(*types.Var); ok && f.IsField() {
					st := store{kind: storeValue, rhs: kv.Value}
					x.stores[f] = append(x.stores[f], st)
					x.noteRHS(f, st)
				}
			}
			continue
		}
		if i < st.NumFields() {
			f, s := st.Field(i), store{kind: storeValue, rhs: elt}
			x.stores[f] = append(x.stores[f], s)
			x.noteRHS(f, s)
		}
	}
}

func (x *index) aliasRHS(h types.Object, rhs ast.Expr) {
	if h2 := x.holderOf(rhs); h2 != nil && h2 != h {
		x.aliases[h] = append(x.aliases[h], h2)
		x.aliases[h2] = append(x.aliases[h2], h)
	}
}

func (x *index) visitCall(n *ast.CallExpr) {
	fn := typesutil.Callee(x.info, n)
	if fn != nil && fn.Pkg() == x.pkg {
		x.calls[fn] = append(x.calls[fn], n)
	}
	fun := ast.Unparen(n.Fun)
	if id, ok := fun.(*ast.Ident); ok {
		if v, ok := x.info.Uses[id].(*types.Var); ok {
			x.varCalls[v] = append(x.varCalls[v], n)
		}
	}
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if s := x.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			if h := x.holderOf(sel.X); h != nil {
				x.onHolder[h] = append(x.onHolder[h], n)
			}
		}
	}
	if w, ok := x.bagWriteOf(n, fn); ok {
		x.bags = append(x.bags, w)
	}
}

// visitIdent records the functions the package uses other than by
// calling them: their callers are not all in sight.
func (x *index) visitIdent(cur inspector.Cursor, id *ast.Ident) {
	obj := x.info.Uses[id]
	switch obj := obj.(type) {
	case *types.Func:
		if obj.Pkg() != x.pkg {
			return
		}
		if !isCalled(cur) {
			x.escapes[obj] = true
		}
	case *types.Var:
		if _, ok := obj.Type().Underlying().(*types.Signature); ok && !obj.IsField() && !isCalled(cur) {
			x.escapes[obj] = true // a function value passed on
		}
	}
}

// isCalled reports whether the identifier at cur is the function of a
// call: f(…) or x.f(…).
func isCalled(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		cur = cur.Parent()
	}
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	return cur.ParentEdgeKind() == edge.CallExpr_Fun
}

func (x *index) addParams(fn ast.Node, ft *ast.FuncType) {
	i := 0
	if ft.Params != nil {
		for _, f := range ft.Params.List {
			_, variadic := f.Type.(*ast.Ellipsis)
			names := f.Names
			if len(names) == 0 {
				i++
				continue
			}
			for _, name := range names {
				if v, ok := x.info.Defs[name].(*types.Var); ok {
					x.params[v] = param{fn: fn, i: i, variadic: variadic}
				}
				i++
			}
		}
	}
	if ft.Results != nil {
		for _, f := range ft.Results.List {
			for _, name := range f.Names {
				if v, ok := x.info.Defs[name].(*types.Var); ok {
					x.results[v] = true
				}
			}
		}
	}
}

// holderOf returns the variable or field whose value e is: x, p.f, *p.
func (x *index) holderOf(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := x.info.ObjectOf(e).(*types.Var); ok && e.Name != "_" {
			return v
		}
	case *ast.SelectorExpr:
		if s := x.info.Selections[e]; s != nil {
			if s.Kind() == types.FieldVal {
				return s.Obj()
			}
			return nil
		}
		if v, ok := x.info.Uses[e.Sel].(*types.Var); ok {
			return v // another package's variable
		}
	case *ast.StarExpr:
		return x.holderOf(e.X)
	}
	return nil
}

// rootVar returns the variable at the root of x, x.f, x[i].
func (x *index) rootVar(e ast.Expr) types.Object {
	for {
		switch n := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := x.info.ObjectOf(n).(*types.Var); ok {
				return v
			}
			return nil
		case *ast.SelectorExpr:
			if s := x.info.Selections[n]; s == nil || s.Kind() != types.FieldVal {
				return x.holderOf(n)
			}
			e = n.X
		case *ast.IndexExpr:
			e = n.X
		case *ast.StarExpr:
			e = n.X
		default:
			return nil
		}
	}
}

// isDecoder reports whether fn fills what its pointer argument points to
// from data it parses: Unmarshal, Decode and the like.
func isDecoder(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	name := fn.Name()
	return strings.Contains(name, "Unmarshal") || strings.HasPrefix(name, "Decode") || name == "Scan" || name == "Bind" || strings.HasPrefix(name, "ShouldBind")
}

// isDecoded reports whether a decoder chooses the dynamic type of what v
// holds: its address goes to a decoder and nothing else is stored in it
// (decoding into an interface that already holds a pointer fills the
// pointed-to value and keeps its type).
func (x *index) isDecoded(v types.Object) bool {
	return x.decoded[v] && len(x.stores[v]) == 0
}
