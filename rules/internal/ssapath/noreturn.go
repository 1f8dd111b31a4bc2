package ssapath

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// NoReturn reports whether instr is a call that never returns to its
// caller: os.Exit, log.Fatal*, log.Panic*, runtime.Goexit, t.Fatal* and
// t.Skip*, and so on.
//
// buildssa already ends a block after calls that x/tools' ctrlflow pass
// knows never return, but ctrlflow learns that about functions of other
// packages from facts, which a driver that loads dependencies from export
// data (as gopitfalls does) never computes; so the common ones are listed
// here. kratos's log.Fatal is not among them: it logs and returns.
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
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	name := fn.Name()
	switch fn.Pkg().Path() {
	case "os", "syscall":
		return name == "Exit"
	case "runtime":
		return name == "Goexit"
	case "log":
		switch name {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	case "testing":
		switch name {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return fn.Signature().Recv() != nil
		}
	}
	return false
}

// blockNoReturn reports whether b calls a function that never returns.
func blockNoReturn(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if NoReturn(instr) {
			return true
		}
	}
	return false
}

// deadEdge reports whether control cannot pass from p to s because the
// straight-line code leading to the edge calls a function that never
// returns.
func deadEdge(p, s *ssa.BasicBlock) bool {
	stop := s.Idom()
	for x := p; x != nil && x != stop; x = x.Preds[0] {
		if blockNoReturn(x) {
			return true
		}
		if len(x.Preds) != 1 {
			break
		}
	}
	return false
}
