package syncflow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/cfg"
)

// A Jump is a statement a fix inserts that skips the code after it: a
// return (or anything else that leaves the function the way a return
// does, running its deferred calls: t.Fatal, runtime.Goexit, a
// recovered panic), or a break or continue of the loop Loop.
type Jump struct {
	Tok  token.Token // token.RETURN, token.BREAK or token.CONTINUE
	Loop ast.Stmt    // the loop a break or continue applies to
}

// Return is the Jump of an inserted return statement.
var Return = Jump{Tok: token.RETURN}

// Break returns the Jump of a break out of loop.
func Break(loop ast.Node) Jump { return Jump{Tok: token.BREAK, Loop: loop.(ast.Stmt)} }

// Continue returns the Jump of a continue of loop.
func Continue(loop ast.Node) Jump { return Jump{Tok: token.CONTINUE, Loop: loop.(ast.Stmt)} }

// SkipsCleanup reports whether inserting jump into fn (an *ast.FuncDecl
// or *ast.FuncLit) just after the statement stmt (after) or just before
// it would skip cleaning up something the code after that place cleans
// up, so that the fix would leave a mutex locked, a sync.WaitGroup
// waiting, a context's resources held or a resource open on the new
// path. It reports true when the place cannot be found in fn's
// control-flow graph but is reachable code (the answer is unknown).
//
// What counts as a cleanup skipped:
//   - a lock that may be held there with no deferred release registered
//     on that path (a return leaves it locked: the deadlock rule's
//     finding), and, for any jump, an Unlock or RUnlock that the code
//     after the place executes before it locks that mutex again (the
//     lock is held there, by this function or its caller);
//   - a WaitGroup's Done the code after executes before an Add of its own;
//   - a use of a context.CancelFunc variable declared before the place
//     (go vet's lostcancel: the cancel function is not used on all paths);
//   - a defer statement after the place whose call is on a variable
//     declared before it (defer f.Close(), defer span.End()).
//
// A nil Builder knows nothing: it reports true.
//
// It is the one predicate every fix that inserts a return, break or
// continue asks: a fix must not turn a path into a deadlock or a leak,
// nor create a finding of another rule.
func (b *Builder) SkipsCleanup(fn, stmt ast.Node, after bool, jump Jump) bool {
	if b == nil || b.info == nil {
		return true // no types: nothing is known
	}
	g := b.Graph(fn)
	if g == nil {
		return true
	}
	start, ok := g.place(stmt, after)
	if !ok {
		return !g.dead(stmt)
	}
	if !start.Block.Live {
		return false // unreachable: nothing runs there
	}
	if jump.Tok == token.RETURN && b.heldAt(g, start) {
		return true
	}
	w := &pendingWalk{b: b, g: g, fn: fn, from: stmt.Pos(), stop: jump.stops()}
	if after {
		w.from = stmt.End()
	}
	w.tracked = w.cancelVars()
	return w.run(start)
}

// Releases reports whether the statements stmts of fn (consecutive, in
// order) release something they did not acquire themselves: unlock a
// mutex, call a WaitGroup's Done, use a context.CancelFunc declared before
// them. A fix that moves them below a statement that leaves (an err check
// that returns) would skip that release on the leaving path. Deferred
// cleanups of variables (defer f.Close()) do not count: below an err
// check is where they belong.
func (b *Builder) Releases(fn ast.Node, stmts []ast.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	if b == nil || b.info == nil {
		return true
	}
	g := b.Graph(fn)
	if g == nil {
		return true
	}
	w := &pendingWalk{b: b, g: g, fn: fn, from: stmts[0].Pos(), noDeferredVars: true}
	w.tracked = w.cancelVars()
	s := since{}
	for _, st := range stmts {
		for _, ln := range g.nodes { // in source order
			if ln.node.Pos() >= st.Pos() && ln.node.End() <= st.End() && w.node(ln.node, s) {
				return true
			}
		}
	}
	return false
}

// place returns where in g the code after the place of stmt starts: the
// node after stmt's (after), or stmt's first node. Index may be
// len(Nodes) of its block: the place is at the block's end.
func (g *Graph) place(stmt ast.Node, after bool) (Loc, bool) {
	if l, ok := g.Loc(stmt); ok {
		if after {
			l.Index++
		}
		return l, true
	}
	// A compound statement: after it, the start of the block after it;
	// before it, its first node (an init statement, a condition, a range
	// expression).
	if after {
		for l, ok := stmt.(*ast.LabeledStmt); ok; l, ok = stmt.(*ast.LabeledStmt) {
			stmt = l.Stmt
		}
		for _, b := range g.CFG.Blocks {
			switch b.Kind {
			case cfg.KindForDone, cfg.KindRangeDone, cfg.KindIfDone, cfg.KindSwitchDone, cfg.KindSelectDone:
				if b.Stmt == stmt && b.Live {
					return Loc{b, 0}, true
				}
			}
		}
		return Loc{}, false
	}
	var first located
	for _, ln := range g.nodes {
		if ln.node.Pos() >= stmt.Pos() && ln.node.End() <= stmt.End() {
			first = ln
			break
		}
	}
	if first.node == nil {
		return Loc{}, false
	}
	return first.loc, true
}

// dead reports whether no live node of g lies within stmt: the statement
// is unreachable, and so is anything inserted there.
func (g *Graph) dead(stmt ast.Node) bool {
	for _, ln := range g.nodes {
		if ln.node.Pos() >= stmt.Pos() && ln.node.End() <= stmt.End() {
			return false
		}
	}
	return true
}

// stops returns the predicate of the blocks where the code a jump skips
// ends: none for a return (the function's end), the block after the loop
// for a break, the loop's post statement or head for a continue.
func (j Jump) stops() func(*cfg.Block) bool {
	loop := j.Loop
	for {
		l, ok := loop.(*ast.LabeledStmt)
		if !ok {
			break
		}
		loop = l.Stmt
	}
	switch j.Tok {
	case token.BREAK:
		return func(b *cfg.Block) bool {
			return b.Stmt == loop && (b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone ||
				b.Kind == cfg.KindSwitchDone || b.Kind == cfg.KindSelectDone)
		}
	case token.CONTINUE:
		return func(b *cfg.Block) bool {
			return b.Stmt == loop && (b.Kind == cfg.KindForPost || b.Kind == cfg.KindForLoop || b.Kind == cfg.KindRangeLoop)
		}
	}
	return func(*cfg.Block) bool { return false }
}

// heldAt reports whether a lock may be held at l with no deferred
// release registered: a return there would leave it locked.
func (b *Builder) heldAt(g *Graph, l Loc) bool {
	h := b.mayHeld(g)
	s, ok := h.in[l.Block]
	if !ok {
		return false // unreachable
	}
	for _, n := range l.Block.Nodes[:l.Index] {
		s = h.transfer(s, n, token.NoPos)
	}
	return len(s) > 0
}

// mayHeld returns the locks that may be held at each block of g, with
// deferred releases releasing when they are registered.
func (b *Builder) mayHeld(g *Graph) *Held {
	if b.held == nil {
		b.held = make(map[*Graph]*Held)
	}
	h, ok := b.held[g]
	if !ok {
		h = newHeld(g, b.info, true)
		b.held[g] = h
	}
	return h
}

// A pendingWalk follows the paths from a place to find a cleanup that
// the code after it performs for something acquired before it.
type pendingWalk struct {
	b       *Builder
	g       *Graph
	fn      ast.Node
	from    token.Pos // the place
	stop    func(*cfg.Block) bool
	tracked map[*types.Var]bool // cancel functions declared before the place
	// noDeferredVars leaves deferred calls on variables out (Releases).
	noDeferredVars bool
}

// A since set holds what the code after the place acquired or assigned
// on every path so far: lock keys, "wg:"+key, "v:"+variable.
type since map[string]bool

// run reports whether a path from start reaches a cleanup of something
// not acquired since start. It is a forward must-analysis: a key is in
// the set where every path from start acquired it.
func (w *pendingWalk) run(start Loc) bool {
	in := make(map[*cfg.Block]since)
	var work []*cfg.Block
	out, pending := w.block(start.Block, start.Index, since{})
	if pending {
		return true
	}
	push := func(from since, b *cfg.Block) {
		if w.stop(b) {
			return
		}
		old, seen := in[b]
		if !seen {
			in[b] = from
			work = append(work, b)
			return
		}
		next := since{}
		for k := range old {
			if from[k] {
				next[k] = true
			}
		}
		if len(next) < len(old) {
			in[b] = next
			work = append(work, b)
		}
	}
	for _, s := range start.Block.Succs {
		push(out, s)
	}
	for len(work) > 0 {
		blk := work[len(work)-1]
		work = work[:len(work)-1]
		out, pending := w.block(blk, 0, in[blk])
		if pending {
			return true
		}
		for _, s := range blk.Succs {
			push(out, s)
		}
	}
	return false
}

// block applies the events of blk's nodes from index i to s; it reports
// true at a cleanup of something not acquired since the place.
func (w *pendingWalk) block(blk *cfg.Block, i int, s since) (since, bool) {
	s = clone(s)
	for _, n := range blk.Nodes[i:] {
		if w.node(n, s) {
			return nil, true
		}
	}
	return s, false
}

func clone(s since) since {
	out := make(since, len(s))
	for k := range s {
		out[k] = true
	}
	return out
}

// node applies the events of graph node n to s and reports whether one
// of them is a pending cleanup.
func (w *pendingWalk) node(n ast.Node, s since) bool {
	info := w.b.info
	switch n := n.(type) {
	case *ast.DeferStmt:
		if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
			for _, lc := range ReleasesIn(info, lit.Body) {
				if w.released(lc, s) {
					return true
				}
			}
		} else if lc, ok := ClassifyLock(info, n.Call); ok {
			if lc.Op.IsRelease() && w.released(lc, s) {
				return true
			}
		} else if key, op := w.waitGroup(n.Call); op == "Done" && !s[key] {
			return true
		} else if v := w.deferredOn(n.Call); v != nil && !s[varKey(v)] && !w.noDeferredVars {
			return true // defer f.Close() of an f from before the place
		}
		return w.mentions(n, s)
	case *ast.GoStmt:
		return w.mentions(n, s) // a cancel handed to the goroutine is a use
	}
	for _, call := range Calls(n) {
		if lc, ok := ClassifyLock(info, call); ok {
			switch {
			case lc.Op.IsRelease():
				if w.released(lc, s) {
					return true
				}
			case lc.Op != NoOp:
				s[lockKey(lc)] = true
			}
			continue
		}
		switch key, op := w.waitGroup(call); op {
		case "Add":
			s[key] = true
		case "Done":
			if !s[key] {
				return true
			}
		}
	}
	return w.mentions(n, s)
}

// released reports whether the release lc is of a lock not taken since
// the place: its mutex's, or for a helper any lock it may cover.
func (w *pendingWalk) released(lc LockCall, s since) bool {
	if s[lockKey(lc)] {
		return false
	}
	if lc.Op == HelperUnlock {
		for k := range s {
			if strings.HasPrefix(k, "helper:") || Covers(lc, k, Lock) {
				return false
			}
		}
	}
	return true
}

// waitGroup returns the key of a sync.WaitGroup call's receiver and the
// method ("Add", "Done", or "" for anything else).
func (w *pendingWalk) waitGroup(call *ast.CallExpr) (string, string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", ""
	}
	fn := typesutil.Callee(w.b.info, call)
	if fn == nil || fn.Signature().Recv() == nil || !typesutil.IsNamed(fn.Signature().Recv().Type(), "sync", "WaitGroup") {
		return "", ""
	}
	key, _, ok := PathKey(w.b.info, sel.X)
	if !ok {
		key = "x:" + types.ExprString(sel.X)
	}
	switch fn.Name() {
	case "Add", "Done":
		return "wg:" + key, fn.Name()
	}
	return "", ""
}

// deferredOn returns the variable declared before the place that a
// deferred call cleans up: v in defer v() or defer v.M(…), or nil.
func (w *pendingWalk) deferredOn(call *ast.CallExpr) *types.Var {
	fun := ast.Unparen(call.Fun)
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		fun = ast.Unparen(sel.X)
	}
	id, ok := fun.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := w.b.info.Uses[id].(*types.Var)
	if !ok || v.Pos() >= w.from || v.Pos() < w.fn.Pos() || v.Pos() >= w.fn.End() {
		return nil // not a variable of the function from before the place
	}
	return v
}

// cancelVars returns the variables of fn of type context.CancelFunc or
// CancelCauseFunc declared before the place (in fn itself, not in a
// function literal nested in it).
func (w *pendingWalk) cancelVars() map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	ast.Inspect(w.fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == w.fn
		case *ast.Ident:
			v, ok := w.b.info.Defs[n].(*types.Var)
			if ok && n.Pos() < w.from && isCancelFunc(v.Type()) {
				out[v] = true
			}
		}
		return true
	})
	return out
}

// isCancelFunc reports whether t is context.CancelFunc or CancelCauseFunc.
func isCancelFunc(t types.Type) bool {
	return typesutil.IsNamed(t, "context", "CancelFunc") || typesutil.IsNamed(t, "context", "CancelCauseFunc")
}

// mentions applies the mentions of tracked variables in n: assignments
// (after the right-hand side's uses) add them to s, other mentions are
// uses, pending when the variable was not assigned since the place.
func (w *pendingWalk) mentions(n ast.Node, s since) bool {
	if len(w.tracked) == 0 {
		return false
	}
	info := w.b.info
	var defs []*types.Var
	if as, ok := n.(*ast.AssignStmt); ok {
		for _, lhs := range as.Lhs {
			if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
				if v, ok := info.ObjectOf(id).(*types.Var); ok && w.tracked[v] {
					defs = append(defs, v)
				}
			}
		}
	}
	pending := false
	ast.Inspect(n, func(x ast.Node) bool {
		id, ok := x.(*ast.Ident)
		if !ok || pending {
			return !pending
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || !w.tracked[v] || s[varKey(v)] {
			return true
		}
		if as, ok := n.(*ast.AssignStmt); ok && isLhs(as, id) {
			return true // an assignment, below
		}
		pending = true
		return false
	})
	if pending {
		return true
	}
	for _, v := range defs {
		s[varKey(v)] = true
	}
	return false
}

// isLhs reports whether id is one of the assigned operands of as.
func isLhs(as *ast.AssignStmt, id *ast.Ident) bool {
	for _, lhs := range as.Lhs {
		if ast.Unparen(lhs) == id {
			return true
		}
	}
	return false
}

func varKey(v *types.Var) string { return fmt.Sprintf("v:%p", v) }
