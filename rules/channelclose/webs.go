package channelclose

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A web is a set of channel values and channel variables of the package
// that may hold the same channel: values joined by φs and conversions,
// variables and the values stored to and loaded from them, arguments and
// the parameters of the package's own functions that only it calls.
// What is known about a web decides whether a receive loop over it can
// spin: only if some channel it holds may be closed.
//
// The nodes are channel-typed SSA values, and variables that hold a
// channel: a local variable that lives in memory (*ssa.Alloc, with the
// closures' *ssa.FreeVar copies of its address joined to it), a
// package-level variable (*ssa.Global), or a struct field (*types.Var,
// one node for the field of every struct value).
type webs struct {
	pkg *types.Package
	// closing reports whether a call returns a channel its owner closes.
	closing func(*ssa.CallCommon) bool
	parent  map[any]any
	flags   map[any]webFlags
}

// webFlags say where the channels of a web come from and where they go.
type webFlags uint8

const (
	// made: some channel is made by make(chan T) in the package.
	made webFlags = 1 << iota
	// timer: some channel is a time channel (time.Tick, time.After, a
	// Ticker's or Timer's C), which no code can close.
	timer
	// foreign: some channel comes from code the package does not see (a
	// parameter of a function others may call, a call result, an
	// exported variable or field, another package's field), or the
	// variable may be written by such code.
	foreign
	// escaped: some channel is handed to code that may close it (passed
	// to a call, returned, stored where the package does not follow it,
	// sent on a channel, converted to an interface).
	escaped
	// closed: the package closes some channel of the web.
	closed
	// notified: the channel is registered with signal.Notify.
	notified
	// closes: some channel is one that its owner is known to close: a
	// databus consumer's Messages(), closed by Close().
	closes
)

// A varNode is a variable (local, captured or package-level) that holds
// a channel, distinct from the SSA value of its address.
type varNode struct{ v ssa.Value }

func (w *webs) find(n any) any {
	for {
		p, ok := w.parent[n]
		if !ok || p == n {
			return n
		}
		if gp, ok := w.parent[p]; ok && gp != p {
			w.parent[n] = gp // path halving
		}
		n = p
	}
}

func (w *webs) union(a, b any) {
	ra, rb := w.find(a), w.find(b)
	if ra == rb {
		return
	}
	w.parent[ra] = rb
	w.flags[rb] |= w.flags[ra]
	delete(w.flags, ra)
}

func (w *webs) mark(n any, f webFlags) { r := w.find(n); w.flags[r] |= f }

// flagsOf returns what is known about the web of n.
func (w *webs) flagsOf(n any) webFlags { return w.flags[w.find(n)] }

// neverClosed reports whether no channel of the web of the channel value
// v can ever be closed, so that a receive loop on it cannot spin: each is
// a time channel or registered with signal.Notify (neither is closed by
// anyone), or the web holds no channel at all (it is nil, and a receive
// blocks forever). A channel the package makes and never closes today is
// not one of them: the loop still has no way to end, and reportSpin says
// so at information severity.
func (w *webs) neverClosed(v ssa.Value) bool {
	f := w.flagsOf(v)
	switch {
	case f&closed != 0:
		return false
	case f&notified != 0:
		return true // signal.Notify never closes it
	case f&(foreign|made) != 0:
		return false // a channel someone may close: from code we do not see, or ours
	}
	return true // time channels, or no channel at all
}

// seenClosed reports whether some channel of the web of v is known to be
// closed: the package closes it, or its owner does (databus Messages()).
func (w *webs) seenClosed(v ssa.Value) bool { return w.flagsOf(v)&(closed|closes) != 0 }

// isChan reports whether t is a channel type.
func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// isChanPtr reports whether t is a pointer to a channel: the address of
// a channel variable.
func isChanPtr(t types.Type) bool {
	if t == nil {
		return false
	}
	p, ok := t.Underlying().(*types.Pointer)
	return ok && isChan(p.Elem())
}

// buildWebs joins the channel values and variables of funcs (the
// package's source functions with their function literals, and the
// package initializer) into webs.
func buildWebs(pkg *types.Package, funcs []*ssa.Function, closing func(*ssa.CallCommon) bool) *webs {
	w := &webs{pkg: pkg, closing: closing, parent: make(map[any]any), flags: make(map[any]webFlags)}
	visible := calledOnly(pkg, funcs)
	for _, fn := range funcs {
		for i, p := range fn.Params {
			if !isChan(p.Type()) {
				continue // not a channel
			}
			if !visible[fn] || fn.Signature.Variadic() && i == len(fn.Params)-1 {
				w.mark(p, foreign) // others may call fn with any channel
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				w.origin(instr)
				w.uses(visible, instr)
			}
		}
	}
	return w
}

// origin records where the channel defined by instr (if any) comes from.
func (w *webs) origin(instr ssa.Instruction) {
	if mc, ok := instr.(*ssa.MakeClosure); ok {
		// A closure's copies of captured variables are the variables.
		if fn, ok := mc.Fn.(*ssa.Function); ok {
			for i, b := range mc.Bindings {
				if i >= len(fn.FreeVars) {
					break
				}
				switch fv := fn.FreeVars[i]; {
				case isChanPtr(fv.Type()):
					w.union(varNode{fv}, w.varOf(b))
				case isChan(fv.Type()):
					w.union(fv, b)
				}
			}
		}
		return
	}
	v, ok := instr.(ssa.Value)
	if !ok || !isChan(v.Type()) {
		return // defines no channel
	}
	switch v := v.(type) {
	case *ssa.MakeChan:
		w.mark(v, made)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if _, isConst := e.(*ssa.Const); !isConst {
				w.union(v, e)
			}
		}
	case *ssa.ChangeType:
		w.union(v, v.X)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			w.union(v, w.varOf(v.X))
			return
		}
		w.mark(v, foreign) // received from a channel of channels
	case *ssa.Field:
		w.union(v, w.fieldNode(v.X.Type(), v.Field))
	case *ssa.Call:
		if isTimeChanCall(v.Common()) {
			w.mark(v, timer)
			return
		}
		if w.closing != nil && w.closing(v.Common()) {
			w.mark(v, foreign|closes)
			return
		}
		w.mark(v, foreign)
	default:
		w.mark(v, foreign) // an element of a slice or map, a tuple's, an assertion's
	}
}

// varOf returns the node of the variable whose address is addr, marking
// it foreign when the package does not follow what is stored there.
func (w *webs) varOf(addr ssa.Value) any {
	switch a := addr.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
		return varNode{a}
	case *ssa.Global:
		n := varNode{a}
		if a.Object() == nil || a.Object().Exported() || a.Pkg == nil {
			w.mark(n, foreign|escaped) // other packages may set or close it
		}
		return n
	case *ssa.FieldAddr:
		return w.fieldNode(a.X.Type(), a.Field)
	}
	n := varNode{addr} // a slice element, a variable behind a pointer we do not follow
	w.mark(n, foreign|escaped)
	return n
}

// fieldNode returns the node of field i of the struct type t (or of the
// struct t points to). Exported fields and other packages' fields may be
// set and closed by code the package does not see; a time.Ticker's or
// time.Timer's C is a time channel.
func (w *webs) fieldNode(t types.Type, i int) any {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i < 0 || i >= st.NumFields() {
		n := new(int) // a fresh node: nothing is known
		w.mark(n, foreign|escaped)
		return n
	}
	fv := st.Field(i).Origin()
	switch {
	case fv.Pkg() != nil && fv.Pkg().Path() == "time" && fv.Name() == "C":
		w.mark(fv, timer)
	case fv.Exported() || fv.Pkg() != w.pkg:
		w.mark(fv, foreign|escaped)
	}
	return fv
}

// uses records what instr does with the channels and channel variables
// it uses.
func (w *webs) uses(visible map[*ssa.Function]bool, instr ssa.Instruction) {
	switch i := instr.(type) {
	case *ssa.Store:
		if isChan(i.Val.Type()) {
			if _, isConst := i.Val.(*ssa.Const); !isConst {
				w.union(i.Val, w.varOf(i.Addr))
			}
		}
		w.addrUse(i.Val)
		return
	case *ssa.UnOp:
		return // a receive, or a load (see origin)
	case *ssa.Send:
		w.escape(i.X) // a channel sent on a channel
		w.addrUse(i.X)
		return
	case *ssa.Select:
		for _, st := range i.States {
			if st.Send != nil {
				w.escape(st.Send)
				w.addrUse(st.Send)
			}
		}
		return
	case *ssa.BinOp, *ssa.DebugRef, *ssa.If:
		return // comparisons do not close
	case *ssa.Phi:
		for _, e := range i.Edges {
			w.addrUse(e) // a variable's address merged with others: not followed
		}
		return // channels are joined in origin
	case *ssa.ChangeType:
		w.addrUse(i.X)
		return // channels are joined in origin
	case *ssa.MakeClosure:
		return // captures are joined in origin
	case *ssa.FieldAddr:
		return // followed by varOf
	case ssa.CallInstruction:
		w.call(visible, i)
		return
	}
	var ops []*ssa.Value
	for _, op := range instr.Operands(ops) {
		if *op == nil {
			continue
		}
		w.escape(*op)
		w.addrUse(*op)
	}
}

// escape marks the web of v escaped when v is a channel.
func (w *webs) escape(v ssa.Value) {
	if v == nil || !isChan(v.Type()) {
		return
	}
	if _, isConst := v.(*ssa.Const); isConst {
		return
	}
	w.mark(v, escaped)
}

// addrUse records a use of v, other than a load or a store, that lets
// other code write the channel variable v points to: the variable may
// then hold any channel.
func (w *webs) addrUse(v ssa.Value) {
	if v == nil || !isChanPtr(v.Type()) {
		return
	}
	w.mark(w.varOf(v), foreign|escaped)
}

// call records a call, go or defer statement: closing a channel, its
// harmless builtins, signal.Notify, and arguments passed to the
// package's own functions (joined to their parameters) or to other code
// (escaped).
func (w *webs) call(visible map[*ssa.Function]bool, ci ssa.CallInstruction) {
	c := ci.Common()
	if b, ok := c.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			for _, a := range c.Args {
				w.mark(a, closed)
			}
			return
		case "len", "cap":
			return
		}
	}
	if fn := c.StaticCallee(); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "os/signal" {
		switch fn.Name() {
		case "Notify":
			if len(c.Args) > 0 && isChan(c.Args[0].Type()) {
				w.mark(c.Args[0], notified)
			}
			return
		case "Stop", "Reset", "Ignore":
			return
		}
	}
	callee := calleeFunc(c)
	for i, a := range c.Args {
		w.addrUse(a)
		if !isChan(a.Type()) {
			continue // not a channel
		}
		if callee != nil && visible[callee] && i < len(callee.Params) {
			if _, isConst := a.(*ssa.Const); !isConst {
				w.union(a, callee.Params[i])
			}
			continue // our own function, called only by us: followed there
		}
		w.escape(a)
	}
	if c.IsInvoke() {
		w.escape(c.Value) // (a channel type has no methods; a no-op)
	}
}

// calleeFunc returns the function a call statically calls: a function,
// or the function of a closure made at the call.
func calleeFunc(c *ssa.CallCommon) *ssa.Function {
	if c.IsInvoke() {
		return nil
	}
	switch v := c.Value.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// isTimeChanCall reports whether c calls time.Tick or time.After, whose
// channels no code closes.
func isTimeChanCall(c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "time" || fn.Signature.Recv() != nil {
		return false
	}
	return fn.Name() == "Tick" || fn.Name() == "After"
}

// calledOnly returns the functions of funcs whose callers the package
// sees all of: function literals and unexported functions (not methods,
// not generic) that are only ever called directly, never used as values.
func calledOnly(pkg *types.Package, funcs []*ssa.Function) map[*ssa.Function]bool {
	out := make(map[*ssa.Function]bool)
	for _, fn := range funcs {
		if fn.Signature.Recv() != nil || fn.TypeParams().Len() > 0 || fn.Pkg == nil || fn.Pkg.Pkg != pkg {
			continue // a method (interfaces may call it), generic, or not ours
		}
		if obj := fn.Object(); obj != nil && (obj.Exported() || obj.Name() == "init" || obj.Name() == "main") {
			continue // other packages (or the runtime) may call it
		}
		out[fn] = true
	}
	// Any use other than as the callee of a call makes a function a value.
	calls := make(map[*ssa.Function]int)
	var ops []*ssa.Value
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var calleeOp *ssa.Value
				if ci, ok := instr.(ssa.CallInstruction); ok && !ci.Common().IsInvoke() {
					calleeOp = &ci.Common().Value
					if f := calleeFunc(ci.Common()); f != nil {
						calls[f]++
					}
				}
				mc, isClosure := instr.(*ssa.MakeClosure)
				for _, op := range instr.Operands(ops[:0]) {
					f, ok := (*op).(*ssa.Function)
					if !ok || op == calleeOp || isClosure && op == &mc.Fn {
						continue // not a function, or called here, or the closure's code
					}
					delete(out, f)
				}
				if !isClosure {
					continue
				}
				// A closure stored in a variable, called later or passed
				// on: its calls are not all direct.
				f, ok := mc.Fn.(*ssa.Function)
				if !ok {
					continue
				}
				refs := mc.Referrers()
				if refs == nil {
					delete(out, f)
					continue
				}
				for _, r := range *refs {
					ci, ok := r.(ssa.CallInstruction)
					if !ok || ci.Common().IsInvoke() || ci.Common().Value != ssa.Value(mc) {
						delete(out, f)
					}
				}
			}
		}
	}
	for f := range out {
		if calls[f] == 0 {
			delete(out, f) // no caller here: tests or dead code, which we do not see
		}
	}
	return out
}
