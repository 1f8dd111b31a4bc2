package ssapath

import "golang.org/x/tools/go/ssa"

// InEndlessLoop reports whether b lies on a cycle of the control-flow
// graph that nothing leaves: no block of the cycle branches out of it (to
// a return, a panic, code after the loop) or calls a function that never
// returns. A blocking select's "no case matched" panic, which go/ssa adds
// and which cannot happen, is no way out.
func (f *Func) InEndlessLoop(b *ssa.BasicBlock) bool {
	fwd := make(map[*ssa.BasicBlock]bool)
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if fwd[x] {
			continue // seen
		}
		fwd[x] = true
		work = append(work, x.Succs...)
	}
	if !fwd[b] {
		return false // not in a loop
	}
	cycle := make(map[*ssa.BasicBlock]bool)
	work = []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if cycle[x] || !fwd[x] {
			continue // seen, or not reachable from b
		}
		cycle[x] = true
		work = append(work, x.Preds...)
	}
	for x := range cycle {
		if f.blockNoReturn(x) {
			return false
		}
		for _, s := range x.Succs {
			if !cycle[s] && !isImpossiblePanic(s) {
				return false
			}
		}
	}
	return true
}

// isImpossiblePanic reports whether b only panics, with no position: the
// panic go/ssa adds after a blocking select for "no case matched".
func isImpossiblePanic(b *ssa.BasicBlock) bool {
	if len(b.Succs) != 0 || len(b.Instrs) == 0 {
		return false
	}
	p, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Panic)
	return ok && !p.Pos().IsValid()
}
