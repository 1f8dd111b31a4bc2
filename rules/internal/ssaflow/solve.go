package ssaflow

import (
	"errors"
	"fmt"
	"go/constant"
	"go/token"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/pmap"
	"golang.org/x/tools/go/ssa"
)

// Solve computes a forward dataflow analysis of fn to a fixed point.
// Facts are persistent maps (see pmap), so that blocks share the facts
// they have in common: a function of n blocks that each learn a fact
// takes memory in n log n, not n². A nil map is an unreachable point; in
// and out, indexed by block, receive the facts at each block's entry and
// exit. The entry block and the recover block start from empty facts;
// another block starts from the join of edge(p, b) over its predecessors
// p (edge reads out[p.Index] and what p's branch says on the way to b),
// where join keeps a key known on both sides with the value it returns,
// when keep; it must keep a value known alike on both sides unchanged,
// join(v, v) = v, true. transfer computes a block's exit from a copy of
// its entry, which it may change. A block with a call that never
// returns through an interface (t.Fatal on a testing.TB), which go/ssa
// does not end there, flows nowhere (see noreturn.Instr).
//
// Solve fails when the facts do not settle within 50 rounds, or when it
// has visited MaxVisits blocks: a function that large (generated code of
// tens of thousands of branches) is not worth the time. A rule that gives
// up on a function says nothing about it, and says why (rule.GiveUp).
func Solve[K, V comparable](
	fn *ssa.Function, in, out []*pmap.Map[K, V],
	edge func(p, b *ssa.BasicBlock) *pmap.Map[K, V],
	join func(a, b V) (v V, keep bool),
	transfer func(b *ssa.BasicBlock, in *pmap.Map[K, V]) *pmap.Map[K, V],
) error {
	order := ReversePostorder(fn)
	dead := make([]bool, len(fn.Blocks))
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if noreturn.Instr(instr) {
				dead[b.Index] = true
				break
			}
		}
	}
	joinKey := func(_ K, a, b V) (V, bool) { return join(a, b) }
	visits := 0
	for round := 0; round <= 50; round++ {
		changed := false
		for _, b := range order {
			if visits++; visits > MaxVisits {
				return fmt.Errorf("%d blocks, visited %d times: too large to analyse", len(fn.Blocks), MaxVisits)
			}
			var entry *pmap.Map[K, V]
			if b.Index == 0 || b == fn.Recover {
				entry = new(pmap.Map[K, V])
			} else {
				for _, p := range b.Preds {
					if !dead[p.Index] {
						entry = joinMaps(entry, edge(p, b), joinKey)
					}
				}
			}
			var exit *pmap.Map[K, V]
			if entry != nil {
				c := *entry
				exit = transfer(b, &c)
			}
			if !equalMaps(entry, in[b.Index]) || !equalMaps(exit, out[b.Index]) {
				changed = true
				in[b.Index], out[b.Index] = entry, exit
			}
		}
		if !changed {
			return nil
		}
	}
	return errors.New("the facts did not settle in 50 rounds")
}

// MaxVisits bounds the blocks Solve visits in one function, counting a
// block once per round. The largest function of kratos v0.6.0 has 469
// blocks (a generated protobuf Unmarshal), of etcd server v3.7.3 71,
// and facts settle in two or three rounds; a 5,000-case switch (10,000
// blocks) still fits.
const MaxVisits = 100_000

// joinMaps returns what is known at a point reached from a or b.
func joinMaps[K, V comparable](a, b *pmap.Map[K, V], join func(K, V, V) (V, bool)) *pmap.Map[K, V] {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	j := pmap.Intersect(*a, *b, join)
	return &j
}

// equalMaps reports whether a and b hold the same facts; an unreachable
// point (nil) equals only another.
func equalMaps[K, V comparable](a, b *pmap.Map[K, V]) bool {
	if a == nil || b == nil {
		return a == b
	}
	return pmap.Equal(*a, *b)
}

// Negate returns the comparison that holds when op does not.
func Negate(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GEQ
	case token.LEQ:
		return token.GTR
	case token.GTR:
		return token.LEQ
	case token.GEQ:
		return token.LSS
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	}
	return op
}

// Mirror returns the comparison with its operands swapped: a < b ⇔ b > a.
func Mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// ConstInt returns the value of an integer constant.
func ConstInt(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}
