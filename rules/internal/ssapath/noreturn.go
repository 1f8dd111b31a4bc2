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

// noReturn reports whether instr is a call that never returns: one of
// NoReturn's, or a call of a function of the package that never returns.
func (f *Func) noReturn(instr ssa.Instruction) bool {
	if NoReturn(instr) {
		return true
	}
	if f.Globals == nil || len(f.Globals.noReturn) == 0 {
		return false
	}
	call, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	callee := call.Common().StaticCallee()
	return callee != nil && f.Globals.noReturn[callee]
}

// blockNoReturn reports whether b calls a function that never returns.
func (f *Func) blockNoReturn(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if f.noReturn(instr) {
			return true
		}
	}
	return false
}

// neverReturns reports whether no path of fn reaches a return without
// first calling a function that never returns (or panicking).
func (f *Func) neverReturns() bool {
	fn := f.Fn
	if len(fn.Blocks) == 0 {
		return false // external or not built
	}
	seen := make(map[*ssa.BasicBlock]bool)
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue // seen
		}
		seen[b] = true
		if f.blockNoReturn(b) {
			continue // the path ends here
		}
		if len(b.Instrs) > 0 {
			if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				return false
			}
		}
		work = append(work, b.Succs...)
	}
	return true
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
