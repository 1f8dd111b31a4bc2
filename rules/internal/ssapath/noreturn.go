package ssapath

import (
	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"golang.org/x/tools/go/ssa"
)

// blockNoReturn reports whether b calls a function that never returns.
func (f *Func) blockNoReturn(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if noreturn.Instr(instr) {
			return true
		}
	}
	return false
}

// deadEdge reports whether control cannot pass from p to s because the
// straight-line code leading to the edge calls a function that never
// returns.
func (f *Func) deadEdge(p, s *ssa.BasicBlock) bool {
	stop := s.Idom()
	for x := p; x != nil && x != stop; x = x.Preds[0] {
		if f.blockNoReturn(x) {
			return true
		}
		if len(x.Preds) != 1 {
			break
		}
	}
	return false
}
