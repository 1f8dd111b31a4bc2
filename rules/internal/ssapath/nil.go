package ssapath

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/ssa"
)

// A NilKind says where a nil value comes from.
type NilKind int

const (
	// NilRegister: a variable declared or assigned nil (var m map[K]V,
	// m := map[K]V(nil)), held in a register after SSA lifting.
	NilRegister NilKind = iota + 1
	// NilLocal: a field (or the whole) of a local variable or composite
	// literal that stays in memory (var s S; s.m, &S{}.m), not set on
	// the path.
	NilLocal
	// NilGlobal: an unexported package-level variable (or a field of
	// one) that nothing in the package ever sets.
	NilGlobal
)

// A NilSource says why a value is nil on some path.
type NilSource struct {
	Kind NilKind
	Loc  Loc // for NilLocal and NilGlobal
	// Always: the value is nil on every path to the use, not only on
	// some: no branch or assignment is involved.
	Always bool
}

// Why says, for a message, why x is nil at its use when s explains its
// nil value: name is x as the message spells it. Nil maps and nil
// channels are explained alike.
func (s NilSource) Why(info *types.Info, files []*ast.File, x ast.Expr, name string) rule.Text {
	switch {
	case s.Kind == NilGlobal:
		return msgNothingMakes.With(name)
	case s.Always && DeclaredWithoutValue(info, files, x, x.Pos()):
		return msgDeclaredWithout.With(name)
	case s.Always && s.Kind == NilLocal && s.Loc.Path != "":
		return msgNeverMade.With(name)
	case s.Always:
		return msgNilEveryPath.With(name)
	}
	return msgNotMadeEveryPath.With(name)
}

// NilAt reports whether v, used by instruction at, is nil on some
// feasible path to at, and why.
func (f *Func) NilAt(v ssa.Value, at ssa.Instruction) (NilSource, bool) {
	if at.Block() == nil {
		return NilSource{}, false
	}
	return f.nilAt(v, DomFacts(at.Block()), make(map[*ssa.Phi]bool), 0)
}

func (f *Func) nilAt(v ssa.Value, facts Facts, visited map[*ssa.Phi]bool, depth int) (NilSource, bool) {
	v = Unconvert(v)
	switch v := v.(type) {
	case *ssa.Const:
		if v.IsNil() {
			return NilSource{Kind: NilRegister, Always: true}, true
		}
	case *ssa.Phi:
		if facts.knowsNonNil(v) || visited[v] {
			return NilSource{}, false
		}
		visited[v] = true
		var src NilSource
		found, always := false, true
		preds := v.Block().Preds
		for i, e := range v.Edges {
			if i >= len(preds) {
				break
			}
			p := preds[i]
			if f.deadEdge(p, v.Block()) {
				always = false
				continue // the path to the edge never returns from a call
			}
			var fs Facts
			if !v.Block().Dominates(p) { // not a loop's back edge: the same iteration
				ef, ok := edgeFacts(p, v.Block())
				if !ok {
					always = false
					continue // the edge is infeasible
				}
				if fs, ok = facts.union(ef); !ok {
					always = false
					continue // the edge contradicts what holds at the use
				}
			} // a back edge comes from the previous iteration: its facts are other values
			s, ok := f.nilAt(e, fs, visited, depth)
			if !ok {
				always = false
				continue // not nil along this edge
			}
			if !found {
				src, found = s, true
			}
			always = always && s.Always
		}
		if found {
			src.Always = always
			return src, true
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			break
		}
		l, ok := AddrLoc(v.X)
		if !ok {
			break
		}
		if _, ok := l.Fields(); !ok {
			break // through a pointer stored in memory: unknown
		}
		switch root := l.Root.(type) {
		case *ssa.Alloc:
			if depth < 3 && f.memNil(l, v, depth+1) {
				return NilSource{Kind: NilLocal, Loc: l, Always: !f.everWritten(l)}, true
			}
		case *ssa.Phi:
			// p.f where p is one of several pointers, some to a struct
			// built here: b := m[k]; if !ok { b = &T{…} }; b.f.
			if depth >= 3 || l.Path == "" {
				break
			}
			for _, e := range root.Edges {
				alloc, ok := Unconvert(e).(*ssa.Alloc)
				if !ok || alloc.Parent() != f.Fn {
					continue // not a struct built here
				}
				al := Loc{Root: alloc, Path: l.Path}
				if f.memNilVia(al, root, v, depth+1) {
					return NilSource{Kind: NilLocal, Loc: al}, true
				}
			}
		case *ssa.Global:
			if f.neverSet(l) {
				return NilSource{Kind: NilGlobal, Loc: l, Always: true}, true
			}
		}
	}
	return NilSource{}, false
}

// memNil reports whether the location l (rooted at an allocation of this
// function) still holds its zero value on some feasible path from the
// allocation to at.
func (f *Func) memNil(l Loc, at ssa.Instruction, depth int) bool {
	return f.memNilVia(l, nil, at, depth)
}

// memNilVia is memNil where at may read l through the φ alias (nil for
// none): a pointer merged from the allocation and others (b := m[k]; if
// !ok { b = &T{…} }; b.f). Every edge into the φ's block that the
// allocation can reach must carry the allocation, so that on such a path
// the φ is the allocation; stores and escapes through the φ count as
// well as through the allocation, the merge itself does not.
//
// Until a store, or an escape of l's address, the location holds nil.
// An address stored in memory (a variable, a field, a map) is an escape
// whose effect comes later: a call from there on, or a store through a
// pointer whose target we do not know, may set l.
func (f *Func) memNilVia(l Loc, alias *ssa.Phi, at ssa.Instruction, depth int) bool {
	alloc, ok := l.Root.(*ssa.Alloc)
	if !ok || alloc.Parent() != f.Fn || alloc.Block() == nil {
		return false
	}
	locs := []Loc{l}
	ris := []*rootInfo{f.root(alloc)}
	if alias != nil {
		if alias.Block() == nil || l.Path == "" {
			return false
		}
		for i, p := range alias.Block().Preds {
			if i >= len(alias.Edges) {
				return false
			}
			if Unconvert(alias.Edges[i]) != ssa.Value(alloc) && f.reachable(alloc.Block(), p) {
				return false // the allocation may reach the φ as another pointer's value
			}
		}
		locs = append(locs, Loc{Root: alias, Path: l.Path})
		ris = append(ris, f.root(alias))
	}
	fixed := f.fixedLoc(l) // no function sets the field on a struct it did not allocate
	stop := func(instr ssa.Instruction) bool {
		if !fixed { // (when fixed, only a store here can set it)
			for i, m := range locs {
				if instr != ssa.Instruction(alias) && ris[i].escapesAt(instr, m) && !isMemStore(instr) {
					return true // code we do not see may set it from here on
				}
				if !f.escapedBeforeBut(m, instr, alias) {
					continue // not escaped yet
				}
				if _, ok := isCall(instr); ok {
					return true // a call after it escaped
				}
				if st, ok := instr.(*ssa.Store); ok && !knownAddr(st.Addr) {
					return true // a store to an unknown place after it escaped
				}
			}
		}
		st, ok := instr.(*ssa.Store)
		if !ok {
			return false
		}
		sl, ok := AddrLoc(st.Addr)
		if !ok {
			return false
		}
		for _, m := range locs {
			if !sl.overlaps(m) {
				continue
			}
			switch {
			case sl == m:
				if !IsNilConst(st.Val) {
					return true
				}
			case sl.contains(m):
				if !f.fieldNil(st.Val, m.Path[len(sl.Path):], st, depth) {
					return true
				}
			default:
				return true // a part of it: not a map or channel after all
			}
		}
		return false
	}
	// Until a store, the location holds nil: a branch on l == nil takes
	// its true side.
	// (On the edge into the φ, what holds for l holds for the φ's l.)
	// A store of a whole struct that leaves the field nil (h = T{Root: r},
	// copied from a literal) makes it nil again: a later branch on
	// l == nil still knows.
	var seed Facts
	var renew func(ssa.Instruction) []fact
	if v, ok := at.(ssa.Value); ok {
		nilc := term{c: constKey(ssa.NewConst(nil, v.Type())), isConst: true}
		isNil := func(m Loc) fact {
			return fact{c: cond{x: term{loc: m, isLoc: true}, y: nilc, op: token.EQL}, val: true}
		}
		seed = Facts{isNil(l)}
		renew = func(instr ssa.Instruction) []fact {
			st, ok := instr.(*ssa.Store)
			if !ok {
				return nil
			}
			sl, ok := AddrLoc(st.Addr)
			if !ok {
				return nil
			}
			var out []fact
			for _, m := range locs {
				if sl != m && sl.contains(m) && f.fieldNil(st.Val, m.Path[len(sl.Path):], st, depth) {
					out = append(out, isNil(m))
				}
			}
			return out
		}
	}
	target := func(instr ssa.Instruction) bool { return instr == at }
	if found, _ := f.reach(alloc, seed, target, stop, renew); found {
		return true
	}
	// A later store may make it nil again (h = T{Root: r} after h's map
	// was made): search from each such store too.
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			if renew == nil {
				return false
			}
			if fs := renew(instr); len(fs) > 0 {
				if found, _ := f.reach(instr, Facts(fs), target, stop, renew); found {
					return true
				}
			}
		}
	}
	return false
}

// isMemStore reports whether instr is a store or a map update: where an
// address escapes into memory, not yet to code.
func isMemStore(instr ssa.Instruction) bool {
	switch instr.(type) {
	case *ssa.Store, *ssa.MapUpdate:
		return true
	}
	return false
}

// knownAddr reports whether addr is a location we follow: a field path
// of a local, captured or package-level variable, not through a pointer
// loaded from memory.
func knownAddr(addr ssa.Value) bool {
	l, ok := AddrLoc(addr)
	if !ok {
		return false
	}
	switch l.Root.(type) {
	case *ssa.Alloc, *ssa.Global, *ssa.FreeVar:
		_, noDeref := l.Fields()
		return noDeref
	}
	return false
}

// fieldNil reports whether the field path of the struct value v, stored
// by instruction at, is nil: v is a zero constant, or a composite
// literal (a load of a fresh allocation) that does not set the field.
func (f *Func) fieldNil(v ssa.Value, path string, at ssa.Instruction, depth int) bool {
	if isZeroConst(v) {
		return true
	}
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL || depth >= 3 {
		return false
	}
	l, ok := AddrLoc(ld.X)
	if !ok {
		return false
	}
	if _, ok := l.Root.(*ssa.Alloc); !ok {
		return false
	}
	return f.memNil(Loc{l.Root, l.Path + path}, ld, depth+1)
}

// everWritten reports whether any instruction of the function may set l
// to something other than nil.
func (f *Func) everWritten(l Loc) bool {
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if sl, ok := AddrLoc(st.Addr); ok && sl.overlaps(l) && !isZeroConst(st.Val) {
					if sl != l && sl.contains(l) && f.fieldNil(st.Val, l.Path[len(sl.Path):], st, 1) {
						continue // a literal without the field
					}
					return true
				}
				continue // a literal without the field
			}
			if f.root(l.Root).escapesAt(instr, l) && !f.fixedLoc(l) {
				return true
			}
		}
	}
	return false
}

// Globals is what a package does with its package-level variables: which
// locations under them any of its functions stores to, and which escape
// (have their address taken for something other than a load or store).
//
// It also records which struct fields any function of the package may
// set on a struct it did not just allocate (s.f = v, &s.f passed on,
// *p = T{…}): an unexported field that no function sets that way is
// fixed once its struct is built, so no call can change it.
type Globals struct {
	stores  map[*ssa.Global][]Loc
	escaped map[*ssa.Global]bool
	reset   map[*types.Var]bool // fields set on a struct not freshly allocated
}

// NewGlobals scans funcs (the package's source functions, including
// function literals) and the package initializer, which holds the
// initializers of package-level variables.
func NewGlobals(pkg *ssa.Package, funcs []*ssa.Function) *Globals {
	g := &Globals{stores: make(map[*ssa.Global][]Loc), escaped: make(map[*ssa.Global]bool), reset: make(map[*types.Var]bool)}
	all := append([]*ssa.Function(nil), funcs...)
	if pkg != nil {
		var addInit func(fn *ssa.Function)
		addInit = func(fn *ssa.Function) {
			all = append(all, fn)
			for _, anon := range fn.AnonFuncs {
				addInit(anon)
			}
		}
		if init := pkg.Func("init"); init != nil {
			addInit(init)
		}
	}
	var ops []*ssa.Value
	for _, fn := range all {
		f := NewFunc(fn, nil)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				g.noteFieldWrites(instr)
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					gl, ok := (*op).(*ssa.Global)
					if !ok {
						continue // not a package-level variable
					}
					g.use(f, gl, instr)
				}
			}
		}
	}
	return g
}

// use records what instr does with the address of the global gl.
func (g *Globals) use(f *Func, gl *ssa.Global, instr ssa.Instruction) {
	switch u := instr.(type) {
	case *ssa.UnOp:
		if u.Op == token.MUL {
			return // a load
		}
	case *ssa.Store:
		if u.Addr == ssa.Value(gl) && u.Val != ssa.Value(gl) {
			g.stores[gl] = append(g.stores[gl], Loc{Root: gl})
			return
		}
	case *ssa.FieldAddr:
		// Follow the field addresses made from it within the function.
		ri := f.root(u)
		for x := range ri.derived {
			refs := x.Referrers()
			if refs == nil {
				continue // no uses recorded
			}
			for _, r := range *refs {
				if st, ok := r.(*ssa.Store); ok && st.Addr == x {
					if l, ok := AddrLoc(st.Addr); ok {
						g.stores[gl] = append(g.stores[gl], l)
					}
				}
			}
		}
		if len(ri.escapes) > 0 {
			g.escaped[gl] = true // (a field's address escaping: conservatively, all of gl)
		}
		return
	case *ssa.DebugRef:
		return
	}
	g.escaped[gl] = true
}

// neverSet reports whether the location l, under an unexported
// package-level variable, is never set by the package: it has no
// initializer, no function stores to it (or to a struct holding it), and
// its address never escapes.
func (f *Func) neverSet(l Loc) bool {
	gl, ok := l.Root.(*ssa.Global)
	if !ok {
		return false
	}
	v, ok := gl.Object().(*types.Var)
	if !ok || v.Exported() {
		return false
	}
	g := f.pkgGlobals(v)
	if g == nil || g.escaped[gl] {
		return false
	}
	for _, s := range g.stores[gl] {
		if s.overlaps(l) {
			return false
		}
	}
	return true
}

// noteFieldWrites records the fields instr may set on a struct that was
// not freshly allocated in its function.
func (g *Globals) noteFieldWrites(instr ssa.Instruction) {
	switch i := instr.(type) {
	case *ssa.Store:
		if fa, ok := i.Addr.(*ssa.FieldAddr); ok {
			if !isFresh(fa.X) {
				g.markField(fa)
			}
			return
		}
		if !isFresh(i.Addr) {
			g.markAll(deref(i.Addr.Type())) // *p = T{…}: every field
		}
	case *ssa.FieldAddr:
		if isFresh(i.X) {
			return
		}
		refs := i.Referrers()
		if refs == nil {
			return
		}
		for _, r := range *refs {
			switch u := r.(type) {
			case *ssa.UnOp, *ssa.FieldAddr, *ssa.DebugRef:
				continue // a load, or a deeper field (checked on its own)
			case *ssa.Store:
				if u.Addr == ssa.Value(i) {
					continue // recorded by the store
				}
			}
			g.markField(i) // &s.f passed on: anything may set it
			g.markAll(deref(i.Type()))
		}
	}
}

// isFresh reports whether the address v is (a field of) a struct
// allocated in this function.
func isFresh(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case *ssa.Alloc:
			return true
		case *ssa.FieldAddr:
			v = x.X
		default:
			return false
		}
	}
}

func (g *Globals) markField(fa *ssa.FieldAddr) {
	if st, ok := deref(fa.X.Type()).Underlying().(*types.Struct); ok && fa.Field < st.NumFields() {
		g.reset[st.Field(fa.Field).Origin()] = true
	}
}

// markAll records every field of t (a struct type), and of the structs it
// holds by value, as set.
func (g *Globals) markAll(t types.Type) {
	if t == nil {
		return
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i := 0; i < st.NumFields(); i++ {
		fv := st.Field(i).Origin()
		if g.reset[fv] {
			continue // already recorded (and a guard against cycles)
		}
		g.reset[fv] = true
		g.markAll(fv.Type())
	}
}

// fixedFields reports whether every field on the path of l is unexported
// and never set by the package on a struct it did not just allocate: no
// call can change l then.
func (f *Func) fixedFields(l Loc) bool {
	fields, ok := fieldsOf(l)
	if !ok || len(fields) == 0 {
		return false
	}
	for _, fv := range fields {
		if fv.Exported() {
			return false
		}
	}
	origins := make([]*types.Var, len(fields))
	for i, fv := range fields {
		origins[i] = fv.Origin()
	}
	g := f.pkgGlobals(origins...)
	if g == nil {
		return false
	}
	for _, fv := range fields {
		if g.reset[fv.Origin()] {
			return false
		}
	}
	return true
}

// fieldsOf returns the struct fields that the path of l selects, from the
// type of its root.
func fieldsOf(l Loc) ([]*types.Var, bool) {
	t := l.Root.Type()
	var out []*types.Var
	path := l.Path
	for path != "" {
		if path[0] == '*' {
			path = path[1:]
			if t = deref(t); t == nil {
				return nil, false
			}
			continue // through the pointer
		}
		if path[0] != '.' {
			return nil, false
		}
		end := strings.IndexAny(path[1:], ".*")
		if end < 0 {
			end = len(path) - 1
		}
		n, err := strconv.Atoi(path[1 : 1+end])
		if err != nil {
			return nil, false
		}
		path = path[1+end:]
		if t == nil {
			return nil, false
		}
		u := t.Underlying()
		if p, ok := u.(*types.Pointer); ok {
			u = p.Elem().Underlying()
		}
		st, ok := u.(*types.Struct)
		if !ok || n >= st.NumFields() {
			return nil, false
		}
		fv := st.Field(n)
		out = append(out, fv)
		t = fv.Type()
	}
	return out, true
}
