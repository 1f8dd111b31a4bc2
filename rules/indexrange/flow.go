package indexrange

import (
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/gopitfalls/gopitfalls/rules/internal/pmap"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"golang.org/x/tools/go/ssa"
)

// This file is the path-sensitive part of the rule: a forward dataflow
// over the SSA blocks of one function that tracks bounds on the lengths
// of slices (and on the number of separators in strings), learned from
// the conditions of branches (len(x) > 1, x == nil, strings.Contains,
// strings.Index(...) >= 0, switch len(x)) and from index expressions
// that already succeeded. It is the nilness analyzer's dominator walk
// made into a dataflow, so that facts survive joins where every path
// knows them (switch len(x) { case 2: … case 3: … }), and infeasible
// edges are pruned. Calls that never return end their block in go/ssa
// (see ssaflow), so `if len(os.Args) < 2 { usage() }` guards what follows.

// inf is an unbounded upper bound.
const inf = math.MaxInt64

// An interval bounds a length or a count: lo ≤ n ≤ hi.
type interval struct {
	lo, hi int64
	nonNil bool // the slice is known not to be nil
}

var full = interval{lo: 0, hi: inf}

func (a interval) empty() bool { return a.lo > a.hi }

// meet returns what is known when both a and b hold.
func (a interval) meet(b interval) interval {
	return interval{lo: max(a.lo, b.lo), hi: min(a.hi, b.hi), nonNil: a.nonNil || b.nonNil}
}

// join returns what is known when a or b holds.
func (a interval) join(b interval) interval {
	return interval{lo: min(a.lo, b.lo), hi: max(a.hi, b.hi), nonNil: a.nonNil && b.nonNil}
}

// shift returns the interval of n+d for n in a, clamped at zero.
func (a interval) shift(d int64) interval {
	r := a
	r.lo = max(0, a.lo+d)
	if a.hi != inf {
		r.hi = max(0, a.hi+d)
	}
	return r
}

// Keys of facts, besides ssa.Values (the length of a slice or string
// value) and *ssa.Globals (the length of a global slice such as os.Args).
type (
	// flagArgsKey is len(flag.Args()), flag.NArg().
	flagArgsKey struct{}
	// sepKey is the number of sep in s.
	sepKey struct {
		s   ssa.Value
		sep string
	}
	// affixKey is whether s has affix as prefix or suffix (lo = 1).
	affixKey struct {
		s     ssa.Value
		affix string
	}
	// intKey is the value of an integer.
	intKey struct{ v ssa.Value }
	// boolKey is the value of a condition: 0 false, 1 true.
	boolKey struct{ v ssa.Value }
	// relKey says length(len) ≥ v + lo.
	relKey struct {
		len any
		v   ssa.Value
	}
)

// anyInt is what is known of an integer without facts.
var anyInt = interval{lo: math.MinInt64, hi: inf}

// facts maps keys to what is known of them; a nil facts is an
// unreachable point. The maps are persistent (see ssaflow.Solve): the
// facts of one point are never changed, a copy is.
type facts = *pmap.Map[any, interval]

// get returns what f says of k.
func get(f facts, k any) interval {
	if iv, ok := f.Get(k); ok {
		return iv
	}
	if _, ok := k.(intKey); ok {
		return anyInt
	}
	return full
}

// clone returns a copy of f to change.
func clone(f facts) facts {
	c := *f
	return &c
}

// add records in f that k is in iv; it reports false when that
// contradicts what is known (the point is unreachable).
func add(f facts, k any, iv interval) bool {
	n := get(f, k).meet(iv)
	f.Set(k, n)
	return !n.empty()
}

// A flow holds the facts at the entry and exit of each block of fn.
type flow struct {
	fn      *ssa.Function
	in, out []facts // by block index; nil: unreachable
	inCycle []bool  // by block index: the block is in a loop
}

// analyze computes the facts of fn, or fails when they do not settle
// in reasonable time (see ssaflow.Solve).
func analyze(fn *ssa.Function) (*flow, error) {
	fl := &flow{fn: fn, in: make([]facts, len(fn.Blocks)), out: make([]facts, len(fn.Blocks)), inCycle: ssaflow.Cycles(fn)}
	// A join keeps the interval that holds the two, unless that says
	// nothing.
	join := func(a, b interval) (interval, bool) {
		if a == b {
			return a, true // known alike on both sides (as Solve requires)
		}
		iv := a.join(b)
		return iv, iv != full && iv != anyInt
	}
	transfer := func(b *ssa.BasicBlock, f facts) facts { return fl.transfer(b, f, nil) }
	if err := ssaflow.Solve(fn, fl.in, fl.out, fl.edge, join, transfer); err != nil {
		return nil, err
	}
	return fl, nil
}

// once reports whether the fact key is about a value that is computed at
// most once per call of the function (not in a loop, and not a global),
// so that facts about it at two points of one path are about the same
// value.
func (fl *flow) once(k any) bool {
	all := true
	known := keyValues(k, func(v ssa.Value) {
		all = all && ssaflow.Once(v, fl.inCycle)
	})
	return known && all
}

// keyValues calls f with each value the fact key k is about, and reports
// false for a key about a global (a package variable, the flag
// arguments), which each load reads anew, or of no known kind.
func keyValues(k any, f func(ssa.Value)) bool {
	switch k := k.(type) {
	case sepKey:
		f(k.s)
	case affixKey:
		f(k.s)
	case intKey:
		f(k.v)
	case boolKey:
		f(k.v)
	case relKey:
		a := keyValues(k.len, f)
		return keyValues(k.v, f) && a
	case ssa.Value:
		if _, global := k.(*ssa.Global); global {
			return false
		}
		f(k)
	default:
		return false
	}
	return true
}

// consistent reports whether a path can pass through a point where e
// holds and then through points where each of others holds: no value
// computed once is known to be both true and false, or of two disjoint
// lengths.
func (fl *flow) consistent(e facts, others []facts) bool {
	return ssaflow.Consistent(e, others, func(a, b interval) bool { return a.meet(b).empty() }, fl.once)
}

// edge returns the facts on the edge from p to b: p's exit facts and
// what p's branch condition says on the way to b. It is nil when p is
// unreachable or the edge is infeasible.
func (fl *flow) edge(p, b *ssa.BasicBlock) facts {
	out := fl.out[p.Index]
	if out == nil {
		return nil
	}
	if len(p.Instrs) == 0 {
		return out
	}
	ifi, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
	if !ok || len(p.Succs) != 2 || p.Succs[0] == p.Succs[1] {
		return out
	}
	f := clone(out)
	if !constrainCond(f, ifi.Cond, b == p.Succs[0]) {
		return nil
	}
	return f
}

// transfer returns the facts after block b given those at its entry,
// calling visit (if not nil) with the facts before each instruction.
func (fl *flow) transfer(b *ssa.BasicBlock, f facts, visit func(ssa.Instruction, facts)) facts {
	// Facts about values defined in b come from a previous iteration of
	// a loop: the values are about to be computed anew. (Outside loops
	// there are none: only a way back to b can bring them.)
	if fl.inCycle[b.Index] {
		var stale []any
		for k := range f.All() {
			if definedIn(k, b) {
				stale = append(stale, k)
			}
		}
		for _, k := range stale {
			f.Delete(k)
		}
	}
	for _, instr := range b.Instrs {
		if visit != nil {
			visit(instr, f)
		}
		switch instr := instr.(type) {
		case *ssa.IndexAddr:
			// After x[k] succeeded, len(x) > k.
			if k, ok := ssaflow.ConstInt(instr.Index); ok && isSlice(instr.X.Type()) {
				if !add(f, keyOf(instr.X), interval{lo: k + 1, hi: inf}) {
					return nil // x[k] always panics here
				}
			}
		case *ssa.Store:
			if g, ok := instr.Addr.(*ssa.Global); ok {
				f.Delete(g) // os.Args = …
			}
		case *ssa.Call:
			if isFunc(instr.Call.StaticCallee(), "flag", "Parse") {
				f.Delete(flagArgsKey{})
			}
		}
	}
	return f
}

// definedIn reports whether a value the fact key is about is defined by
// an instruction of b.
func definedIn(k any, b *ssa.BasicBlock) bool {
	in := false
	keyValues(k, func(v ssa.Value) {
		instr, ok := v.(ssa.Instruction)
		in = in || ok && instr.Block() == b
	})
	return in
}

// keyOf returns the fact key for the length of the slice or string x.
func keyOf(x ssa.Value) any {
	switch x := x.(type) {
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return g // each load of os.Args is another value of the same slice
		}
	case *ssa.Call:
		if isFunc(x.Call.StaticCallee(), "flag", "Args") {
			return flagArgsKey{}
		}
	}
	return x
}

// constrainCond records in f what cond being branch says; it reports
// false when that contradicts f.
func constrainCond(f facts, cond ssa.Value, branch bool) bool {
	truth := interval{lo: 0, hi: 0}
	if branch {
		truth = interval{lo: 1, hi: 1}
	}
	if _, isConst := cond.(*ssa.Const); !isConst && !add(f, boolKey{cond}, truth) {
		return false
	}
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			return constrainCond(f, c.X, !branch)
		}
	case *ssa.BinOp:
		op := c.Op
		if !isComparison(op) {
			return true
		}
		if !branch {
			op = ssaflow.Negate(op)
		}
		if handled, ok := constrainCmp(f, c.X, op, c.Y); handled {
			return ok
		}
		if handled, ok := constrainCmp(f, c.Y, ssaflow.Mirror(op), c.X); handled {
			return ok
		}
		// i > 0: a bound on an integer, for later `i < len(x)`.
		if k, isConst := ssaflow.ConstInt(c.Y); isConst && isInteger(c.X.Type()) {
			return applyInt(f, c.X, op, k)
		}
		if k, isConst := ssaflow.ConstInt(c.X); isConst && isInteger(c.Y.Type()) {
			return applyInt(f, c.Y, ssaflow.Mirror(op), k)
		}
	case *ssa.Call:
		fn := c.Call.StaticCallee()
		args := c.Call.Args
		switch {
		case isStringsFunc(fn, "Contains", "ContainsRune", "ContainsAny") && len(args) == 2:
			sep, ok := sepOf(fn.Name(), args[1])
			if !ok {
				return true
			}
			if branch {
				return add(f, sepKey{args[0], sep}, interval{lo: 1, hi: inf})
			}
			return add(f, sepKey{args[0], sep}, interval{lo: 0, hi: 0})
		case isStringsFunc(fn, "HasPrefix", "HasSuffix") && len(args) == 2 && branch:
			if p, ok := constString(args[1]); ok && p != "" {
				f.Set(affixKey{args[0], p}, interval{lo: 1, hi: inf})
			}
		}
	}
	return true
}

// constrainCmp records what `x op y` says about a length on one side,
// x. It reports whether it understood x, and false for a contradiction.
func constrainCmp(f facts, x ssa.Value, op token.Token, y ssa.Value) (handled, ok bool) {
	if key, off, isLen := lenSide(x); isLen {
		if k, isConst := ssaflow.ConstInt(y); isConst {
			return true, applyRel(f, key, op, k-off)
		}
		// len(x)+off > y ≥ lb, as in `i < len(x)` with i ≥ 0.
		if op == token.GTR || op == token.GEQ {
			d := -off
			if op == token.GTR {
				d++
			}
			if isInteger(y.Type()) {
				// Kept for later: y may be known to be larger then (`if i > 0`).
				add(f, relKey{key, y}, interval{lo: d, hi: inf})
			}
			if lb, known := lowerBound(y, f); known {
				return true, add(f, key, interval{lo: max(0, lb+d), hi: inf})
			}
		}
		return true, true
	}
	if s, sep, isIndex := indexCall(x); isIndex {
		k, isConst := ssaflow.ConstInt(y)
		if !isConst {
			return true, true
		}
		switch {
		case !evalCmp(op, -1, k): // true only if found (i ≥ 0)
			return true, add(f, sepKey{s, sep}, interval{lo: 1, hi: inf})
		case op == token.LSS && k <= 0, (op == token.LEQ || op == token.EQL) && k <= -1:
			return true, add(f, sepKey{s, sep}, interval{lo: 0, hi: 0})
		}
		return true, true
	}
	if c, isConst := y.(*ssa.Const); isConst && (op == token.EQL || op == token.NEQ) {
		switch {
		case c.IsNil() && isSlice(x.Type()):
			if op == token.EQL {
				return true, add(f, keyOf(x), interval{lo: 0, hi: 0})
			}
			return true, add(f, keyOf(x), interval{lo: 0, hi: inf, nonNil: true})
		case c.Value != nil && c.Value.Kind() == constant.String && constant.StringVal(c.Value) == "":
			if op == token.EQL {
				return true, add(f, keyOf(x), interval{lo: 0, hi: 0})
			}
			return true, add(f, keyOf(x), interval{lo: 1, hi: inf})
		}
	}
	return false, true
}

// applyInt records that the integer v op n.
func applyInt(f facts, v ssa.Value, op token.Token, n int64) bool {
	var iv interval
	switch op {
	case token.LSS:
		iv = interval{lo: math.MinInt64, hi: n - 1}
	case token.LEQ:
		iv = interval{lo: math.MinInt64, hi: n}
	case token.GTR:
		iv = interval{lo: n + 1, hi: inf}
	case token.GEQ:
		iv = interval{lo: n, hi: inf}
	case token.EQL:
		iv = interval{lo: n, hi: n}
	default:
		return true
	}
	return add(f, intKey{v}, iv)
}

// applyRel records that the length key op n.
func applyRel(f facts, key any, op token.Token, n int64) bool {
	switch op {
	case token.LSS:
		return add(f, key, interval{lo: 0, hi: n - 1})
	case token.LEQ:
		return add(f, key, interval{lo: 0, hi: n})
	case token.GTR:
		return add(f, key, interval{lo: n + 1, hi: inf})
	case token.GEQ:
		return add(f, key, interval{lo: n, hi: inf})
	case token.EQL:
		return add(f, key, interval{lo: n, hi: n})
	case token.NEQ:
		cur := get(f, key)
		if cur.lo == n {
			cur.lo++
		}
		if cur.hi == n {
			cur.hi--
		}
		f.Set(key, cur)
		return !cur.empty()
	}
	return true
}

// lenSide recognises a length: len(x) (key x), flag.NArg(),
// strings.Count(s, sep), plus or minus a constant, possibly converted.
func lenSide(v ssa.Value) (key any, off int64, ok bool) {
	switch v := v.(type) {
	case *ssa.Call:
		if b, isBuiltin := v.Call.Value.(*ssa.Builtin); isBuiltin {
			if b.Name() == "len" && len(v.Call.Args) == 1 {
				return keyOf(v.Call.Args[0]), 0, true
			}
			return nil, 0, false
		}
		fn := v.Call.StaticCallee()
		if isFunc(fn, "flag", "NArg") {
			return flagArgsKey{}, 0, true
		}
		if isStringsFunc(fn, "Count") && len(v.Call.Args) == 2 {
			if sep, ok := constString(v.Call.Args[1]); ok && sep != "" {
				return sepKey{v.Call.Args[0], sep}, 0, true
			}
		}
	case *ssa.BinOp:
		if v.Op != token.ADD && v.Op != token.SUB {
			return nil, 0, false
		}
		if c, isConst := ssaflow.ConstInt(v.Y); isConst {
			if k, o, ok := lenSide(v.X); ok {
				if v.Op == token.SUB {
					c = -c
				}
				return k, o + c, true
			}
		}
		if c, isConst := ssaflow.ConstInt(v.X); isConst && v.Op == token.ADD {
			if k, o, ok := lenSide(v.Y); ok {
				return k, o + c, true
			}
		}
	case *ssa.Convert:
		if isInteger(v.Type()) && isInteger(v.X.Type()) {
			return lenSide(v.X)
		}
	}
	return nil, 0, false
}

// lowerBound returns a lower bound of the integer v: constants, lengths,
// sums, and loop counters that start at a bound and only grow (the index
// of a range loop, i in `for i := 0; …; i++`).
func lowerBound(v ssa.Value, f facts) (int64, bool) {
	lb, ok, _ := lowerBoundRec(v, make(map[*ssa.Phi]bool))
	if iv, known := f.Get(intKey{v}); known && iv.lo != math.MinInt64 && (!ok || iv.lo > lb) {
		return iv.lo, true
	}
	return lb, ok
}

// lowerBoundRec reports a bound, whether it is known, and whether v
// leads back to a phi being visited (a loop that only adds to it).
func lowerBoundRec(v ssa.Value, visiting map[*ssa.Phi]bool) (lb int64, ok, cycle bool) {
	switch v := v.(type) {
	case *ssa.Const:
		k, ok := ssaflow.ConstInt(v)
		return k, ok, false
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
			return 0, true, false
		}
	case *ssa.Convert:
		if isInteger(v.Type()) && isInteger(v.X.Type()) {
			return lowerBoundRec(v.X, visiting)
		}
	case *ssa.BinOp:
		if v.Op != token.ADD {
			return 0, false, false
		}
		c, isConst := ssaflow.ConstInt(v.Y)
		if !isConst || c < 0 || c > 1<<20 {
			return 0, false, false
		}
		lb, ok, cycle := lowerBoundRec(v.X, visiting)
		if cycle {
			return 0, false, true
		}
		return lb + c, ok, false
	case *ssa.Phi:
		if visiting[v] {
			return 0, false, true
		}
		visiting[v] = true
		defer delete(visiting, v)
		found := false
		for _, e := range v.Edges {
			elb, eok, ecycle := lowerBoundRec(e, visiting)
			switch {
			case ecycle:
				continue // a back edge that only adds to v
			case !eok:
				return 0, false, false
			}
			if !found || elb < lb {
				lb = elb
			}
			found = true
		}
		return lb, found, false
	}
	return 0, false, false
}

// indexCall recognises strings.Index(s, sep) and its relatives, whose
// result is ≥ 0 exactly when s contains sep.
func indexCall(v ssa.Value) (s ssa.Value, sep string, ok bool) {
	call, isCall := v.(*ssa.Call)
	if !isCall {
		return nil, "", false
	}
	fn := call.Call.StaticCallee()
	if !isStringsFunc(fn, "Index", "IndexByte", "IndexRune", "IndexAny", "LastIndex", "LastIndexByte", "LastIndexAny") ||
		len(call.Call.Args) != 2 {
		return nil, "", false
	}
	sep, ok = sepOf(fn.Name(), call.Call.Args[1])
	if !ok {
		return nil, "", false
	}
	return call.Call.Args[0], sep, true
}

// sepOf returns the separator a strings function looks for, given its
// second argument: a constant string, byte or rune (for *Any functions,
// a single character).
func sepOf(name string, arg ssa.Value) (string, bool) {
	switch {
	case strings.HasSuffix(name, "Byte"):
		if c, ok := ssaflow.ConstInt(arg); ok && c >= 0 && c < utf8.RuneSelf {
			return string(rune(c)), true
		}
	case strings.HasSuffix(name, "Rune"):
		if c, ok := ssaflow.ConstInt(arg); ok && c >= 0 && c <= utf8.MaxRune {
			return string(rune(c)), true
		}
	case strings.HasSuffix(name, "Any"):
		if s, ok := constString(arg); ok && utf8.RuneCountInString(s) == 1 {
			return s, true
		}
	default:
		if s, ok := constString(arg); ok && s != "" {
			return s, true
		}
	}
	return "", false
}

func evalCmp(op token.Token, a, b int64) bool {
	switch op {
	case token.LSS:
		return a < b
	case token.LEQ:
		return a <= b
	case token.GTR:
		return a > b
	case token.GEQ:
		return a >= b
	case token.EQL:
		return a == b
	case token.NEQ:
		return a != b
	}
	return false
}

func isComparison(op token.Token) bool {
	switch op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
		return true
	}
	return false
}

// constString returns the value of a string constant, or of a constant
// converted to []byte.
func constString(v ssa.Value) (string, bool) {
	if conv, ok := v.(*ssa.Convert); ok {
		v = conv.X
	}
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}

func isSlice(t types.Type) bool {
	_, ok := t.Underlying().(*types.Slice)
	return ok
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// isFunc reports whether fn is the package-level function pkg.name.
func isFunc(fn *ssa.Function, pkg, name string) bool {
	if fn == nil || fn.Signature.Recv() != nil || fn.Name() != name {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.Pkg() != nil && obj.Pkg().Path() == pkg
}

// isStringsFunc reports whether fn is one of the named functions of
// package strings or bytes.
func isStringsFunc(fn *ssa.Function, names ...string) bool {
	for _, name := range names {
		if isFunc(fn, "strings", name) || isFunc(fn, "bytes", name) {
			return true
		}
	}
	return false
}

// isMethod reports whether fn is one of the named methods of pkg.typ.
func isMethod(fn *ssa.Function, pkg, typ string, names ...string) bool {
	if fn == nil || fn.Signature.Recv() == nil {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() != pkg {
		return false
	}
	t := fn.Signature.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Name() != typ {
		return false
	}
	for _, name := range names {
		if fn.Name() == name {
			return true
		}
	}
	return false
}
