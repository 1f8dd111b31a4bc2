package ssapath

import (
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// NoReturn reports whether instr is a call that never returns to its
// caller: one of ssautil.IsNoReturn's (os.Exit, log.Fatal*, t.Fatal*, …),
// also through testing.TB. ssautil's SSA form already ends blocks after
// static calls of these and of the package's own functions that never
// return; this also catches the interface calls it cannot resolve.
// kratos's log.Fatal is not among them: it logs and returns.
func NoReturn(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	c := call.Common()
	var fn *types.Func
	if c.IsInvoke() {
		fn = c.Method
	} else if callee := c.StaticCallee(); callee != nil {
		fn, _ = callee.Object().(*types.Func)
	}
	if c.IsInvoke() && fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "testing" {
		switch fn.Name() {
		case "FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf":
			return true // testing.TB
		}
	}
	return ssautil.IsNoReturn(fn)
}

// noReturn reports whether instr is a call that never returns.
func (f *Func) noReturn(instr ssa.Instruction) bool { return NoReturn(instr) }

// blockNoReturn reports whether b calls a function that never returns.
func (f *Func) blockNoReturn(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if f.noReturn(instr) {
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
