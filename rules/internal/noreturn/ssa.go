package noreturn

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Instr reports whether instr is a call that never returns to its caller:
// a static call or an interface call (t.Fatal on a testing.TB) of a
// function or method in the table.
//
// The package's own functions are not asked here: the SSA form that
// ssaflow builds asks a Checker (through Program.SetNoReturn) and already
// ends the block after a static call of one that never returns, as it
// does after a static call of the table's; this also catches the
// interface calls the builder cannot resolve.
func Instr(instr ssa.Instruction) bool {
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
	return Known(fn)
}
