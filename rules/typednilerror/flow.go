package typednilerror

import (
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/pmap"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"golang.org/x/tools/go/ssa"
)

// This file is the path-sensitive part of the rule: a forward dataflow
// over the SSA blocks of one function that tracks which values are known
// to be nil or non-nil, and which conditions true or false, as the
// nilness analyzer does along the dominator tree; here facts also
// survive joins where every path knows them, and infeasible edges are
// pruned. Calls that never return end their block in go/ssa (see
// ssaflow), so `if e == nil { log.Fatal(…) }` counts as a check.

// A fact about a value: for pointers, slices, maps and the like, isNil
// or notNil; for booleans, isFalse or isTrue.
type fact int8

const (
	isNil   fact = -1
	notNil  fact = 1
	isFalse fact = -1
	isTrue  fact = 1
)

// facts maps values to what is known of them; a nil facts is an
// unreachable point. The maps are persistent (see ssaflow.Solve): the
// facts of one point are never changed, a copy is.
type facts = *pmap.Map[ssa.Value, fact]

// clone returns a copy of f to change.
func clone(f facts) facts {
	c := *f
	return &c
}

// factOf returns what f says of v (0: nothing).
func factOf(f facts, v ssa.Value) fact {
	x, _ := f.Get(v)
	return x
}

// add records a fact in f; it reports false if it contradicts one known.
func add(f facts, v ssa.Value, x fact) bool {
	if y, ok := f.Get(v); ok && y != x {
		return false
	}
	f.Set(v, x)
	return true
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
	// Facts survive a join where both sides know the same.
	join := func(a, b fact) (fact, bool) { return a, a == b }
	transfer := func(b *ssa.BasicBlock, f facts) facts {
		// Facts about values defined in b come from a previous iteration
		// of a loop.
		if fl.inCycle[b.Index] {
			for _, instr := range b.Instrs {
				if v, ok := instr.(ssa.Value); ok {
					f.Delete(v)
				}
			}
		}
		// Past a dereference the pointer is not nil: `err.cause = c;
		// return err` returns a non-nil err (a nil one panicked).
		for _, instr := range b.Instrs {
			if x := derefOf(instr); x != nil && !add(f, x, notNil) {
				return nil // it is nil here: the path panics
			}
		}
		return f
	}
	if err := ssaflow.Solve(fn, fl.in, fl.out, fl.edge, join, transfer); err != nil {
		return nil, err
	}
	return fl, nil
}

// edge returns the facts on the edge from p to b: p's exit facts and
// what p's branch condition says on the way to b; nil when p is
// unreachable or the edge infeasible.
func (fl *flow) edge(p, b *ssa.BasicBlock) facts {
	out := fl.out[p.Index]
	if out == nil || len(p.Instrs) == 0 {
		return out
	}
	ifi, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
	if !ok || len(p.Succs) != 2 || p.Succs[0] == p.Succs[1] {
		return out
	}
	f := clone(out)
	if !constrain(f, ifi.Cond, b == p.Succs[0]) {
		return nil
	}
	return f
}

// constrain records in f what cond being branch says; it reports false
// when that contradicts f.
func constrain(f facts, cond ssa.Value, branch bool) bool {
	if _, isConst := cond.(*ssa.Const); isConst {
		return true
	}
	truth := isFalse
	if branch {
		truth = isTrue
	}
	if !add(f, cond, truth) {
		return false
	}
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			return constrain(f, c.X, !branch)
		}
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			if x, ok := nonEmptyLen(c, branch); ok {
				return add(f, x, notNil) // len(x) > 0: x is not nil
			}
			return true
		}
		equal := (c.Op == token.EQL) == branch
		if x, ok := nonEmptyLen(c, branch); ok {
			return add(f, x, notNil)
		}
		x := c.X
		if !isNilConst(c.Y) {
			if !isNilConst(c.X) {
				return true
			}
			x = c.Y
		}
		n := notNil
		if equal {
			n = isNil
		}
		if _, ok := x.(*ssa.MakeInterface); ok && n == isNil {
			return false // an interface made from a value is never nil
		}
		if !add(f, x, n) {
			return false
		}
	}
	return true
}

// nonEmptyLen recognises len(x) > 0, len(x) != 0, len(x) >= 1 (either
// way round) holding on the branch, and returns x.
func nonEmptyLen(c *ssa.BinOp, branch bool) (ssa.Value, bool) {
	op, l, r := c.Op, c.X, c.Y
	if !branch {
		op = ssaflow.Negate(op)
	}
	x, ok := lenArg(l)
	k, isConst := ssaflow.ConstInt(r)
	if !ok || !isConst {
		x, ok = lenArg(r)
		k, isConst = ssaflow.ConstInt(l)
		op = ssaflow.Mirror(op)
		if !ok || !isConst {
			return nil, false
		}
	}
	switch {
	case op == token.GTR && k >= 0, op == token.GEQ && k >= 1, op == token.NEQ && k == 0, op == token.EQL && k >= 1:
		return x, true
	}
	return nil, false
}

// lenArg returns x for len(x).
func lenArg(v ssa.Value) (ssa.Value, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "len" || len(call.Call.Args) != 1 {
		return nil, false
	}
	return call.Call.Args[0], true
}

// once reports whether v is computed at most once per call of the
// function (not in a loop), so that facts about it at two points of one
// path are about the same value.
func (fl *flow) once(v ssa.Value) bool { return ssaflow.Once(v, fl.inCycle) }

// consistent reports whether a path can pass through a point where e
// holds and then through points where each of others holds.
func (fl *flow) consistent(e facts, others []facts) bool {
	return ssaflow.Consistent(e, others, func(x, y fact) bool { return x != y }, fl.once)
}

// derefOf returns the pointer that instr dereferences, or nil: the base
// of a field or element address (&x.f panics for a nil x), or of a load
// or store through it.
func derefOf(instr ssa.Instruction) ssa.Value {
	switch instr := instr.(type) {
	case *ssa.FieldAddr:
		return instr.X
	case *ssa.UnOp:
		if instr.Op == token.MUL {
			if _, global := instr.X.(*ssa.Global); !global {
				if _, alloc := instr.X.(*ssa.Alloc); !alloc {
					return instr.X
				}
			}
		}
	case *ssa.Store:
		if _, global := instr.Addr.(*ssa.Global); !global {
			if _, alloc := instr.Addr.(*ssa.Alloc); !alloc {
				return instr.Addr
			}
		}
	}
	return nil
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// isNilable reports whether a value of the concrete (non-interface) type
// t can be nil: pointers, slices, maps, functions, channels.
func isNilable(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Signature, *types.Chan:
		return true
	}
	return false
}
