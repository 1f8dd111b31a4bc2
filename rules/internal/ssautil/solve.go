package ssautil

import (
	"go/constant"
	"go/token"
	"maps"

	"golang.org/x/tools/go/ssa"
)

// Solve computes a forward dataflow analysis of fn to a fixed point. Facts
// are maps (a nil map is an unreachable point); in and out, indexed by
// block, receive the facts at each block's entry and exit. The entry
// block and the recover block start from empty facts; another block
// starts from the join of edge(p, b) over its predecessors p (edge reads
// out[p.Index] and what p's branch says on the way to b), where join
// keeps a key known on both sides with the value it returns, when keep.
// transfer computes a block's exit from a copy of its entry. Solve
// reports false when the facts do not settle within 50 rounds.
func Solve[F ~map[K]V, K comparable, V comparable](
	fn *ssa.Function, in, out []F,
	edge func(p, b *ssa.BasicBlock) F,
	join func(a, b V) (v V, keep bool),
	transfer func(b *ssa.BasicBlock, in F) F,
) bool {
	order := ReversePostorder(fn)
	for round := 0; round <= 50; round++ {
		changed := false
		for _, b := range order {
			var entry F
			if b.Index == 0 || b == fn.Recover {
				entry = F{}
			} else {
				for _, p := range b.Preds {
					entry = joinMaps(entry, edge(p, b), join)
				}
				if entry != nil {
					entry = maps.Clone(entry)
				}
			}
			var exit F
			if entry != nil {
				exit = transfer(b, maps.Clone(entry))
			}
			if !equalMaps(entry, in[b.Index]) || !equalMaps(exit, out[b.Index]) {
				changed = true
				in[b.Index], out[b.Index] = entry, exit
			}
		}
		if !changed {
			return true
		}
	}
	return false
}

// joinMaps returns what is known at a point reached from a or b.
func joinMaps[F ~map[K]V, K comparable, V comparable](a, b F, join func(a, b V) (V, bool)) F {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	j := make(F)
	for k, v := range a {
		if w, ok := b[k]; ok {
			if x, keep := join(v, w); keep {
				j[k] = x
			}
		}
	}
	return j
}

// equalMaps reports whether a and b hold the same facts; an unreachable
// point (nil) equals only another.
func equalMaps[F ~map[K]V, K comparable, V comparable](a, b F) bool {
	return (a == nil) == (b == nil) && maps.Equal(a, b)
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
