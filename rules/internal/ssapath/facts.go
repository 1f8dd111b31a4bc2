// Package ssapath answers path questions about one function in SSA form
// (golang.org/x/tools/go/ssa, as built by ssaflow.Analyzer): is a value
// nil on some feasible path to an instruction, and does a feasible path
// run from one instruction to another without passing something that
// kills what the caller tracks.
//
// "Feasible" is judged the way x/tools' nilness pass judges it, from the
// branch conditions that dominate a block, extended to ordinary boolean
// conditions and comparisons: a path that needs c true at one branch and
// c false at another is not a path. Conditions are compared as SSA
// values, and loads of the same memory location (x.debug, a package
// variable) count as the same value until something stores to it. That
// is nearly all it knows about values; its only arithmetic is that a
// slice's or string's length is never negative: len(x) == 0 is the
// negation of 0 < len(x), and i < len(x) for a loop index i that starts
// at a constant ≥ 0 (a range loop's, or i := 0; …; i++) implies
// 0 < len(x). Along an edge into a φ, what holds for the edge's value
// (or the locations it roots) holds for the φ.
//
// Every query stays within one function and is bounded: a search that
// would explore too many (block, facts) states gives up and answers no,
// so that callers report nothing rather than something unproven.
package ssapath

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A term is one side of a branch condition: a register value, the
// contents of a memory location, or a constant.
type term struct {
	v   ssa.Value // register value; nil for a location or a constant
	loc Loc       // the location loaded, when isLoc
	c   string    // the constant's type and value, when isConst

	isLoc, isConst bool

	// lenOf: the term is len(x) of the slice or string x that v or loc
	// describes (a slice's length does not change while it is the same
	// value; see lenTerm).
	lenOf bool
}

// termOf returns the term of v, looking through conversions that keep
// nilness and through loads of known locations.
func termOf(v ssa.Value) term {
	v = Unconvert(v)
	switch v := v.(type) {
	case *ssa.Const:
		return term{c: constKey(v), isConst: true}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if l, ok := AddrLoc(v.X); ok {
				return term{loc: l, isLoc: true}
			}
		}
	case *ssa.Call:
		if t, ok := lenTerm(v); ok {
			return t
		}
	}
	return term{v: v}
}

// lenTerm returns the term len(x) for a call of the builtin len on a
// slice or string x: every len(items) of the same items is one term,
// like the loads of one location.
func lenTerm(call *ssa.Call) (term, bool) {
	c := call.Common()
	if b, ok := c.Value.(*ssa.Builtin); !ok || b.Name() != "len" || len(c.Args) != 1 {
		return term{}, false
	}
	switch u := c.Args[0].Type().Underlying().(type) {
	case *types.Slice:
	case *types.Basic:
		if u.Info()&types.IsString == 0 {
			return term{}, false
		}
	default:
		return term{}, false // a map's or channel's length changes without a store
	}
	t := termOf(c.Args[0])
	if t.isConst || t.lenOf {
		return term{}, false
	}
	t.lenOf = true
	return t, true
}

// The int constants 0 and 1, as terms.
var (
	zeroTerm = term{c: "int:0", isConst: true}
	oneTerm  = term{c: "int:1", isConst: true}
)

// canonLen rewrites a fact about a length and 0 or 1 into one about
// 0 < len(x): len(x) == 0 and len(x) < 1 are its negation (lengths are
// never negative), so that `if len(x) == 0 { return }` and `if len(x) >
// 0` say the same thing.
func canonLen(f fact) fact {
	c := f.c
	switch {
	case c.op == token.EQL && c.x.lenOf && c.y == zeroTerm, // len(x) == 0
		c.op == token.LSS && c.x.lenOf && c.y == oneTerm: // len(x) < 1
		return fact{cond{x: zeroTerm, y: c.x, op: token.LSS}, !f.val}
	}
	return f
}

// implied returns a fact that f implies, if any: i < len(x) for an index
// i that is never negative — a range loop's or a counting loop's — means
// 0 < len(x): the body of `for _, v := range x` runs only if x is not
// empty.
func implied(f fact) (fact, bool) {
	if !f.val || f.c.op != token.LSS || !f.c.y.lenOf || f.c.x.isConst || f.c.x.isLoc || f.c.x.lenOf {
		return fact{}, false
	}
	if !nonNegIndex(f.c.x.v) {
		return fact{}, false
	}
	return fact{cond{x: zeroTerm, y: f.c.y, op: token.LSS}, true}, true
}

// nonNegIndex reports whether v is a loop index that is never negative:
// go/ssa's range index (i+1 with i starting at -1) or a counter starting
// at a constant ≥ 0 and only incremented (for i := 0; …; i++).
func nonNegIndex(v ssa.Value) bool {
	intConst := func(v ssa.Value) (int64, bool) {
		c, ok := v.(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
			return 0, false
		}
		return constant.Int64Val(c.Value)
	}
	// incr reports whether x is phi + c with c ≥ 1.
	incr := func(x ssa.Value, phi *ssa.Phi) (int64, bool) {
		b, ok := x.(*ssa.BinOp)
		if !ok || b.Op != token.ADD || b.X != ssa.Value(phi) {
			return 0, false
		}
		c, ok := intConst(b.Y)
		return c, ok && c >= 1
	}
	switch v := v.(type) {
	case *ssa.BinOp: // i+c, i a φ of constants ≥ -c and of i+c itself
		phi, ok := v.X.(*ssa.Phi)
		if !ok {
			return false
		}
		c, ok := incr(v, phi)
		if !ok {
			return false
		}
		for _, e := range phi.Edges {
			if e == ssa.Value(v) {
				continue
			}
			if k, ok := intConst(e); !ok || k < -c {
				return false
			}
		}
		return true
	case *ssa.Phi: // a φ of constants ≥ 0 and of itself plus c ≥ 1
		for _, e := range v.Edges {
			if _, ok := incr(e, v); ok {
				continue
			}
			if k, ok := intConst(e); !ok || k < 0 {
				return false
			}
		}
		return true
	}
	return false
}

// constKey spells a constant so that equal constants of the same type
// have equal keys.
func constKey(c *ssa.Const) string {
	t := "untyped"
	if c.Type() != nil {
		t = c.Type().String()
	}
	if c.Value == nil {
		return t + ":nil"
	}
	return t + ":" + c.Value.ExactString()
}

// isNilTerm reports whether t is a nil constant (or the zero value of a
// pointer-like type).
func (t term) isNil() bool { return t.isConst && strings.HasSuffix(t.c, ":nil") }

// A cond is a branch condition in a normal form: a boolean term, or a
// comparison x op y with op one of EQL and LSS (the others are negations
// or mirror images of these).
type cond struct {
	x, y term
	op   token.Token // 0 for a boolean term x
}

// A fact records that a condition holds (val) or does not.
type fact struct {
	c   cond
	val bool
}

// Facts are what is known to hold at a point of a path.
type Facts []fact

// condOf normalizes the branch condition v, which is known to be val.
func condOf(v ssa.Value, val bool) fact {
	return canonLen(condOf1(v, val))
}

func condOf1(v ssa.Value, val bool) fact {
	for {
		u, ok := v.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		v, val = u.X, !val
	}
	if b, ok := v.(*ssa.BinOp); ok {
		x, y := termOf(b.X), termOf(b.Y)
		switch b.Op {
		case token.EQL, token.NEQ:
			if x.isConst && !y.isConst {
				x, y = y, x
			}
			return fact{cond{x, y, token.EQL}, val == (b.Op == token.EQL)}
		case token.LSS: // x < y
			return fact{cond{x, y, token.LSS}, val}
		case token.GEQ: // x >= y ⇔ !(x < y)
			return fact{cond{x, y, token.LSS}, !val}
		case token.GTR: // x > y ⇔ y < x
			return fact{cond{y, x, token.LSS}, val}
		case token.LEQ: // x <= y ⇔ !(y < x)
			return fact{cond{y, x, token.LSS}, !val}
		}
	}
	return fact{cond{x: termOf(v)}, val}
}

// contradicts reports whether f cannot hold together with the facts.
func (fs Facts) contradicts(f fact) bool {
	if f.c.op == token.EQL && f.c.y.isNil() {
		// x == nil where x is intrinsically nil or not.
		switch nilnessOfTerm(f.c.x) {
		case isNil:
			if !f.val {
				return true
			}
		case nonNil:
			if f.val {
				return true
			}
		}
	}
	for _, g := range fs {
		if g.c == f.c {
			if g.val != f.val {
				return true
			}
			continue // the same fact again
		}
		// x == c1 and x == c2 for different constants c1, c2.
		if f.val && g.val && f.c.op == token.EQL && g.c.op == token.EQL &&
			f.c.x == g.c.x && f.c.y.isConst && g.c.y.isConst && f.c.y.c != g.c.y.c {
			return true
		}
	}
	return false
}

// with returns fs and f (and what f implies), or false if f
// contradicts fs.
func (fs Facts) with(f fact) (Facts, bool) {
	out, ok := fs.with1(f)
	if !ok {
		return nil, false
	}
	if g, ok := implied(f); ok {
		return out.with1(g)
	}
	return out, true
}

func (fs Facts) with1(f fact) (Facts, bool) {
	if fs.contradicts(f) {
		return nil, false
	}
	for _, g := range fs {
		if g == f {
			return fs, true
		}
	}
	out := make(Facts, len(fs), len(fs)+1)
	copy(out, fs)
	return append(out, f), true
}

// union returns fs and gs, or false if they contradict each other.
func (fs Facts) union(gs Facts) (Facts, bool) {
	out := fs
	for _, g := range gs {
		var ok bool
		if out, ok = out.with(g); !ok {
			return nil, false
		}
	}
	return out, true
}

// without returns the facts that do not mention anything kill says is
// changed.
func (fs Facts) without(killed func(t term) bool) Facts {
	var out Facts
	for i, f := range fs {
		if killed(f.c.x) || f.c.op != 0 && killed(f.c.y) {
			if out == nil {
				out = append(Facts{}, fs[:i]...)
			}
			continue // killed
		}
		if out != nil {
			out = append(out, f)
		}
	}
	if out == nil {
		return fs
	}
	return out
}

// renamed returns the facts that mention the value from (as a register,
// or as the root of a location), with to in its place; a fact whose other
// side killed says changes is left out.
func (fs Facts) renamed(from, to ssa.Value, killed func(term) bool) Facts {
	if from == nil {
		return nil
	}
	if _, isConst := from.(*ssa.Const); isConst {
		return nil // (constant edges are handled by phiFacts)
	}
	rename := func(t term) (term, bool) {
		switch {
		case t.isConst:
		case t.isLoc && t.loc.Root == from:
			t.loc.Root = to
			return t, true
		case !t.isLoc && t.v == from:
			t.v = to
			return t, true
		}
		return t, false
	}
	var out Facts
	for _, f := range fs {
		x, okx := rename(f.c.x)
		y, oky := rename(f.c.y)
		if !okx && !oky {
			continue // not about from
		}
		if !okx && killed(x) || f.c.op != 0 && !oky && killed(y) {
			continue // the other side changes here too
		}
		f.c.x, f.c.y = x, y
		out = append(out, f)
	}
	return out
}

// knowsNonNil reports whether the facts say v != nil.
func (fs Facts) knowsNonNil(v ssa.Value) bool {
	t := termOf(v)
	for _, f := range fs {
		if f.c.op == token.EQL && f.c.x == t && f.c.y.isNil() && !f.val {
			return true
		}
	}
	return false
}

// key returns a string that is equal for equal sets of facts, using ids
// to number conditions.
func (fs Facts) key(ids map[cond]int) string {
	if len(fs) == 0 {
		return ""
	}
	ns := make([]int, 0, len(fs))
	for _, f := range fs {
		id, ok := ids[f.c]
		if !ok {
			id = len(ids)
			ids[f.c] = id
		}
		n := 2 * id
		if f.val {
			n++
		}
		ns = append(ns, n)
	}
	slices.Sort(ns)
	var b strings.Builder
	for _, n := range ns {
		b.WriteString(strconv.Itoa(n))
		b.WriteByte(',')
	}
	return b.String()
}

// branchFact returns the fact that holds on the edge from p to its
// successor s, when p ends with an if.
func branchFact(p, s *ssa.BasicBlock) (fact, bool) {
	if len(p.Instrs) == 0 || len(p.Succs) != 2 || p.Succs[0] == p.Succs[1] {
		return fact{}, false
	}
	ifi, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
	if !ok {
		return fact{}, false
	}
	return condOf(ifi.Cond, s == p.Succs[0]), true
}

// DomFacts returns the facts that hold on entry to b because of the
// branches that dominate it: like the nilness pass, a block learns the
// condition of the if of its single predecessor.
func DomFacts(b *ssa.BasicBlock) Facts {
	var fs Facts
	for x := b; x != nil; x = x.Idom() {
		if len(x.Preds) != 1 {
			continue // a join: no single branch decides it
		}
		if f, ok := branchFact(x.Preds[0], x); ok {
			if g, ok := fs.with(f); ok {
				fs = g
			}
		}
	}
	return fs
}

// edgeFacts returns the facts that hold when control passes from p to s.
func edgeFacts(p, s *ssa.BasicBlock) (Facts, bool) {
	fs := DomFacts(p)
	if f, ok := branchFact(p, s); ok {
		return fs.with(f)
	}
	return fs, true
}

// nilness is what is known about whether a value is nil.
type nilness int

const (
	unknown nilness = iota
	isNil
	nonNil
)

// nilnessOfTerm reports whether a term is intrinsically nil or non-nil.
func nilnessOfTerm(t term) nilness {
	if t.isConst {
		if t.isNil() {
			return isNil
		}
		return unknown
	}
	if t.isLoc {
		return unknown
	}
	switch t.v.(type) {
	case *ssa.Alloc, *ssa.FieldAddr, *ssa.FreeVar, *ssa.Function, *ssa.Global, *ssa.IndexAddr,
		*ssa.MakeChan, *ssa.MakeClosure, *ssa.MakeMap, *ssa.MakeSlice, *ssa.MakeInterface:
		return nonNil
	}
	return unknown
}

// Unconvert strips conversions that keep a value's nilness: channel
// direction and named-type changes, interface widening.
func Unconvert(v ssa.Value) ssa.Value {
	for {
		switch c := v.(type) {
		case *ssa.ChangeType:
			v = c.X
		case *ssa.ChangeInterface:
			v = c.X
		default:
			return v
		}
	}
}

// IsNilConst reports whether v is a nil constant (after conversions).
func IsNilConst(v ssa.Value) bool {
	c, ok := Unconvert(v).(*ssa.Const)
	return ok && c.IsNil()
}

// isZeroConst reports whether v is the zero value of its type as a
// constant: nil, or a zero struct or array.
func isZeroConst(v ssa.Value) bool {
	c, ok := Unconvert(v).(*ssa.Const)
	if !ok {
		return false
	}
	if c.Value == nil {
		return true // nil, or the zero value of a struct or array
	}
	switch c.Value.Kind() {
	case constant.Bool:
		return !constant.BoolVal(c.Value)
	case constant.String:
		return constant.StringVal(c.Value) == ""
	case constant.Int, constant.Float, constant.Complex:
		return constant.Sign(c.Value) == 0
	}
	return false
}

// deref returns the element type of a pointer type, or nil.
func deref(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return nil
}
