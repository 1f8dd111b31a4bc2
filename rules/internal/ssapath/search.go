package ssapath

import (
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"sync"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"golang.org/x/tools/go/ssa"
)

// MaxStates bounds the (block, facts) states one search explores.
const MaxStates = 4000

// A Func answers path questions about one function.
type Func struct {
	Fn *ssa.Function

	globals func(vars []*types.Var) *Globals // package-level knowledge, asked for when needed; may be nil

	index  map[ssa.Instruction]int
	roots  map[ssa.Value]*rootInfo
	reach1 map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool
}

// NewFunc prepares fn for queries. globals gives what the package does
// with its package-level variables and struct fields (see Globals, and
// FormGlobals); it is called only for a question that needs it, as it
// looks at the whole package, with the variables the question is about.
// Without it, fn is taken to be all that is known.
func NewFunc(fn *ssa.Function, globals func(vars []*types.Var) *Globals) *Func {
	return &Func{Fn: fn, globals: globals, roots: make(map[ssa.Value]*rootInfo)}
}

// FormGlobals returns the globals of NewFunc for a rule's SSA form: the
// Globals of form's functions, built on first use, after asking form for
// the functions that may set the variables of each question
// (Form.NeedVars, with setters).
func FormGlobals(form *ssaflow.Form) func(vars []*types.Var) *Globals {
	g := sync.OnceValue(func() *Globals { return NewGlobals(form.Pkg, form.SrcFuncs) })
	return func(vars []*types.Var) *Globals {
		form.NeedVars(vars, setters)
		return g()
	}
}

// pkgGlobals returns f's package-level knowledge about vars (struct
// fields, package-level variables), or nil.
func (f *Func) pkgGlobals(vars ...*types.Var) *Globals {
	if f.globals == nil {
		return nil
	}
	return f.globals(vars)
}

// Index returns the position of instr in its block.
func (f *Func) Index(instr ssa.Instruction) int {
	if f.index == nil {
		f.index = make(map[ssa.Instruction]int)
		for _, b := range f.Fn.Blocks {
			for i, in := range b.Instrs {
				f.index[in] = i
			}
		}
	}
	if i, ok := f.index[instr]; ok {
		return i
	}
	return -1
}

// A rootInfo is what a function does with the root of locations: the
// values derived from it (the addresses of its fields, pointers loaded
// from them), each with the path it denotes, and the instructions through
// which such a value escapes (after which code the function does not see
// may write through it), with the paths that escape there.
type rootInfo struct {
	derived map[ssa.Value]string
	escapes map[ssa.Instruction][]string
}

// escapesAt reports whether something that lets code write l escapes at
// instr.
func (ri *rootInfo) escapesAt(instr ssa.Instruction, l Loc) bool {
	for _, p := range ri.escapes[instr] {
		if isPrefix(p, l.Path) || isPrefix(l.Path, p) {
			return true
		}
	}
	return false
}

// escapedAnywhere reports whether something that lets code write l
// escapes anywhere in the function.
func (ri *rootInfo) escapedAnywhere(l Loc) bool {
	for instr := range ri.escapes {
		if ri.escapesAt(instr, l) {
			return true
		}
	}
	return false
}

// root returns what fn does with the root of locations r.
func (f *Func) root(r ssa.Value) *rootInfo {
	if ri, ok := f.roots[r]; ok {
		return ri
	}
	ri := &rootInfo{derived: map[ssa.Value]string{r: ""}, escapes: make(map[ssa.Instruction][]string)}
	f.roots[r] = ri
	if _, ok := r.(*ssa.Global); ok {
		return ri // globals have no referrers; see Globals
	}
	work := []ssa.Value{r}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		path := ri.derived[x]
		refs := x.Referrers()
		if refs == nil {
			continue // a constant or global: no uses recorded
		}
		for _, instr := range *refs {
			if instr.Parent() != f.Fn {
				continue // a use in another function (a closure body)
			}
			add := func(v ssa.Value, p string) {
				if _, ok := ri.derived[v]; !ok {
					ri.derived[v] = p
					work = append(work, v)
				}
			}
			switch u := instr.(type) {
			case *ssa.FieldAddr:
				add(u, path+"."+strconv.Itoa(u.Field))
			case *ssa.ChangeType:
				add(u, path)
			case *ssa.UnOp:
				if u.Op == token.MUL {
					if _, ok := u.Type().Underlying().(*types.Pointer); ok {
						add(u, path+"*") // a pointer stored in the location: writes through it change p.f.*
					}
				} // a receive or arithmetic: no write
			case *ssa.MapUpdate:
				if u.Value == x || u.Key == x {
					ri.escapes[u] = append(ri.escapes[u], path) // stored in a map: others may write through it
				} // (writing a map held here writes no location of the root)
			case *ssa.Field, *ssa.DebugRef, *ssa.BinOp, *ssa.If, *ssa.Lookup, *ssa.Range:
				// reads and comparisons do not write
			case *ssa.Store:
				if u.Val == x {
					ri.escapes[u] = append(ri.escapes[u], path) // the address is stored elsewhere
				}
			case *ssa.Return:
				// leaves the function: no later instruction of it runs
			default:
				// passed to a call, captured, converted, merged: anything may write through it
				ri.escapes[instr] = append(ri.escapes[instr], path)
			}
		}
	}
	return ri
}

// escaped reports whether code the function does not see may write l:
// l's root is shared (a captured variable, an exported or address-taken
// package variable) or something that reaches l escapes in the function.
func (f *Func) escaped(l Loc) bool {
	switch r := l.Root.(type) {
	case *ssa.FreeVar:
		return true
	case *ssa.Global:
		v, ok := r.Object().(*types.Var)
		if !ok || v.Exported() {
			return true
		}
		g := f.pkgGlobals(v)
		return g == nil || g.escaped[r]
	}
	return f.root(l.Root).escapedAnywhere(l)
}

// escapedBefore reports whether code the function does not see may
// write l when instr runs: l is shared, or something that reaches l
// escapes at an instruction from which instr can be reached.
func (f *Func) escapedBefore(l Loc, instr ssa.Instruction) bool {
	return f.escapedBeforeBut(l, instr, nil)
}

// escapedBeforeBut is escapedBefore, disregarding an escape at but.
func (f *Func) escapedBeforeBut(l Loc, instr, but ssa.Instruction) bool {
	switch l.Root.(type) {
	case *ssa.FreeVar, *ssa.Global:
		return f.escaped(l)
	}
	ri := f.root(l.Root)
	b := instr.Block()
	for e := range ri.escapes {
		if e == but || !ri.escapesAt(e, l) || e.Block() == nil {
			continue // another part of the root escapes there, or disregarded
		}
		if e.Block() == b && f.Index(e) < f.Index(instr) {
			return true
		}
		for _, s := range e.Block().Succs {
			if f.reachable(s, b) {
				return true
			}
		}
	}
	return false
}

// reachable reports whether c can be reached from b (or is b), memoized.
func (f *Func) reachable(b, c *ssa.BasicBlock) bool {
	if f.reach1 == nil {
		f.reach1 = make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool)
	}
	set, ok := f.reach1[b]
	if !ok {
		set = make(map[*ssa.BasicBlock]bool)
		work := []*ssa.BasicBlock{b}
		for len(work) > 0 {
			x := work[len(work)-1]
			work = work[:len(work)-1]
			if set[x] {
				continue // seen
			}
			set[x] = true
			work = append(work, x.Succs...)
		}
		f.reach1[b] = set
	}
	return set[c]
}

// isCall reports whether instr calls a function (not a builtin), now or
// in another goroutine.
func isCall(instr ssa.Instruction) (*ssa.CallCommon, bool) {
	var c *ssa.CallCommon
	switch i := instr.(type) {
	case *ssa.Call:
		c = i.Common()
	case *ssa.Go:
		c = i.Common()
	default:
		return nil, false
	}
	if _, ok := c.Value.(*ssa.Builtin); ok {
		return nil, false
	}
	return c, true
}

// mayWrite reports whether instr may change the contents of l, either by
// storing to it (or to a struct holding it) or by letting code the
// function does not see write through its root.
func (f *Func) mayWrite(l Loc, instr ssa.Instruction) bool {
	if st, ok := instr.(*ssa.Store); ok {
		if sl, ok := AddrLoc(st.Addr); ok && sl.overlaps(l) {
			return true
		}
	}
	r := l.Root
	if g, ok := r.(*ssa.Global); ok {
		c, isc := isCall(instr)
		if !isc {
			return false
		}
		if f.escaped(l) {
			return true
		}
		callee := c.StaticCallee()
		return callee == nil || callee.Pkg == nil || callee.Pkg == g.Pkg // same package, or a function value
	}
	may := false
	switch {
	case f.root(r).escapesAt(instr, l) && !isMemStore(instr):
		may = true
	case !f.escapedBefore(l, instr):
		return false
	default:
		_, isc := isCall(instr)
		st, isStore := instr.(*ssa.Store)
		// A call: code we do not see may write it from here on. A store
		// through a pointer that may point to it.
		may = isc || isStore && !knownAddr(st.Addr)
	}
	// Last, as it asks about the whole package (Func.globals): a location
	// set only when its struct is built is changed by no call.
	return may && !f.fixedLoc(l)
}

// A Tracked is what a path search follows.
type Tracked struct {
	Value ssa.Value // a register: the same value until its definition runs again
	Loc   Loc       // or the contents of a location, until something may write it
	IsLoc bool
}

// TrackedOf returns how to follow v: as the contents of the location it
// was loaded from, or as a register.
func TrackedOf(v ssa.Value) Tracked {
	v = Unconvert(v)
	if l, ok := ValueLoc(v); ok {
		return Tracked{Loc: l, IsLoc: true}
	}
	return Tracked{Value: v}
}

// Same reports whether t and u name the same register or location.
func (t Tracked) Same(u Tracked) bool {
	if t.IsLoc != u.IsLoc {
		return false
	}
	if t.IsLoc {
		return t.Loc == u.Loc
	}
	return t.Value == u.Value
}

// Changes reports whether instr makes t denote something else: it
// redefines the register (or the register root of the location), or may
// write the location.
func (f *Func) Changes(t Tracked, instr ssa.Instruction) bool {
	if t.IsLoc {
		if v, ok := instr.(ssa.Value); ok && v == t.Loc.Root {
			return true
		}
		return f.mayWrite(t.Loc, instr)
	}
	v, ok := instr.(ssa.Value)
	return ok && v == t.Value
}

// killsTerm reports whether after instr a fact about t may no longer hold.
func (f *Func) killsTerm(t term, instr ssa.Instruction) bool {
	switch {
	case t.isConst:
		return false
	case t.isLoc:
		return f.Changes(Tracked{Loc: t.loc, IsLoc: true}, instr)
	}
	v, ok := instr.(ssa.Value)
	return ok && v == t.v
}

// Reach reports whether a feasible path runs from just after from to an
// instruction for which target is true, passing no instruction for which
// stop is true. The target is tested before stop. The search gives up,
// answering false, after MaxStates states.
func (f *Func) Reach(from ssa.Instruction, target, stop func(ssa.Instruction) bool) bool {
	ok, _ := f.reach(from, nil, target, stop, nil)
	return ok
}

// reach is Reach, also reporting whether the search gave up. It starts
// with the seed facts; after an instruction, the facts that renew
// returns (nil: none) hold again, as a store of a constant makes its own.
func (f *Func) reach(from ssa.Instruction, seed Facts, target, stop func(ssa.Instruction) bool, renew func(ssa.Instruction) []fact) (found, gaveUp bool) {
	start := from.Block()
	if start == nil || start.Parent() != f.Fn {
		return false, false
	}
	facts, ok := DomFacts(start).union(seed)
	if !ok {
		return false, false
	}
	type state struct {
		b     *ssa.BasicBlock
		at    int
		facts Facts
	}
	ids := make(map[cond]int)
	seen := make(map[string]bool)
	stack := []state{{start, f.Index(from) + 1, facts}}
	n := 0
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n++; n > MaxStates {
			return false, true
		}
		facts := s.facts
		dead := false
		for _, instr := range s.b.Instrs[s.at:] {
			if target(instr) {
				return true, false
			}
			if stop(instr) || noreturn.Instr(instr) {
				dead = true
				break
			}
			if _, isPhi := instr.(*ssa.Phi); !isPhi && len(facts) > 0 {
				facts = facts.without(func(t term) bool { return f.killsTerm(t, instr) })
			} // (a φ is redefined on the edge into its block; see below)
			if st, ok := instr.(*ssa.Store); ok {
				if sf, ok := storeFact(st); ok {
					if fs, ok := facts.with(sf); ok {
						facts = fs
					}
				}
			}
			if renew != nil {
				for _, rf := range renew(instr) {
					if fs, ok := facts.with(rf); ok {
						facts = fs
					}
				}
			}
		}
		if dead {
			continue // the path ends here
		}
		for _, succ := range s.b.Succs {
			fs := facts
			if bf, ok := branchFact(s.b, succ); ok {
				var feasible bool
				if fs, feasible = fs.with(bf); !feasible {
					continue // the branch contradicts what the path knows
				}
			}
			fs = phiFacts(fs, s.b, succ, func(t term, phi *ssa.Phi) bool { return f.killsTerm(t, phi) })
			key := strconv.Itoa(succ.Index) + "|" + fs.key(ids)
			if seen[key] {
				continue // explored with the same facts
			}
			seen[key] = true
			stack = append(stack, state{succ, 0, fs})
		}
	}
	return false, false
}

// Reachable reports whether some path (feasible or not) leads from b to
// c, or b is c.
func Reachable(b, c *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	work := []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == c {
			return true
		}
		if seen[x] {
			continue // seen
		}
		seen[x] = true
		work = append(work, x.Succs...)
	}
	return false
}

// Between returns the blocks that lie on some path from b to c (both
// included when such a path exists).
func Between(b, c *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	fwd := make(map[*ssa.BasicBlock]bool)
	work := []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if fwd[x] {
			continue // seen
		}
		fwd[x] = true
		work = append(work, x.Succs...)
	}
	out := make(map[*ssa.BasicBlock]bool)
	work = []*ssa.BasicBlock{c}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if out[x] || !fwd[x] {
			continue // seen, or not reachable from b
		}
		out[x] = true
		work = append(work, x.Preds...)
	}
	return out
}

// storeFact returns what a store of a constant makes known about the
// location: `s.closed = true` makes s.closed true, `s.ch = nil` makes
// s.ch == nil.
func storeFact(st *ssa.Store) (fact, bool) {
	c, ok := st.Val.(*ssa.Const)
	if !ok {
		return fact{}, false
	}
	l, ok := AddrLoc(st.Addr)
	if !ok {
		return fact{}, false
	}
	t := term{loc: l, isLoc: true}
	switch {
	case c.Value != nil && c.Value.Kind() == constant.Bool:
		return fact{cond{x: t}, constant.BoolVal(c.Value)}, true
	case c.IsNil():
		return fact{cond{x: t, y: term{c: constKey(c), isConst: true}, op: token.EQL}, true}, true
	}
	return fact{}, false
}

// phiFacts updates facts for the edge from p to s: the φs of s take new
// values, which are known when they are constants (closed := true).
func phiFacts(facts Facts, p, s *ssa.BasicBlock, kills func(term, *ssa.Phi) bool) Facts {
	pi := -1
	for i, pred := range s.Preds {
		if pred == p {
			pi = i
			break
		}
	}
	for _, instr := range s.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break // φs come first
		}
		var copies Facts
		if pi >= 0 && pi < len(phi.Edges) {
			copies = facts.renamed(Unconvert(phi.Edges[pi]), phi, func(t term) bool { return kills(t, phi) })
		}
		if len(facts) > 0 {
			facts = facts.without(func(t term) bool { return kills(t, phi) })
		}
		if pi < 0 || pi >= len(phi.Edges) {
			continue // p is not a predecessor of s
		}
		// On this edge the φ is its edge value: what is known about the
		// value (or the locations it roots) holds for the φ.
		if len(copies) > 0 {
			for _, cf := range copies {
				if fs, ok := facts.with(cf); ok {
					facts = fs
				}
			}
		}
		c, ok := phi.Edges[pi].(*ssa.Const)
		if !ok {
			continue // not a constant: nothing known
		}
		t := term{v: phi}
		var f fact
		switch {
		case c.Value != nil && c.Value.Kind() == constant.Bool:
			f = fact{cond{x: t}, constant.BoolVal(c.Value)}
		case c.IsNil():
			f = fact{cond{x: t, y: term{c: constKey(c), isConst: true}, op: token.EQL}, true}
		default:
			continue // a constant that no condition tests
		}
		if fs, ok := facts.with(f); ok {
			facts = fs
		}
	}
	return facts
}

// fixedLoc reports whether nothing but a store in this function can
// change l: every field on its path is fixed once its struct is built
// (see Func.fixedFields), and a pointer variable at its root (a
// parameter that a closure captures) is never assigned after it is set.
func (f *Func) fixedLoc(l Loc) bool {
	if !f.fixedFields(l) {
		return false
	}
	switch r := l.Root.(type) {
	case *ssa.FreeVar, *ssa.Global:
		return false // shared with code this function does not see
	case *ssa.Alloc:
		if strings.HasPrefix(l.Path, "*") {
			return cellFixed(r)
		}
	}
	return true
}

// cellFixed reports whether the variable a is stored to once, in its
// function, and the closures that capture it only read it.
func cellFixed(a *ssa.Alloc) bool {
	refs := a.Referrers()
	if refs == nil {
		return false
	}
	stores := 0
	for _, r := range *refs {
		switch u := r.(type) {
		case *ssa.Store:
			if u.Val == ssa.Value(a) {
				return false
			}
			stores++
		case *ssa.UnOp, *ssa.DebugRef:
			// a load
		case *ssa.MakeClosure:
			fn, ok := u.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range u.Bindings {
				if b != ssa.Value(a) || i >= len(fn.FreeVars) {
					continue // another captured variable
				}
				frefs := fn.FreeVars[i].Referrers()
				if frefs == nil {
					continue // not used in the closure
				}
				for _, fr := range *frefs {
					if ld, ok := fr.(*ssa.UnOp); !ok || ld.Op != token.MUL {
						return false // the closure stores to it or passes it on
					}
				}
			}
		default:
			return false
		}
	}
	return stores == 1
}
