package syncflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/cfg"
)

// A LockSet is a set of locks held: mutex keys for write locks, "r:"+key
// for read locks. Mutexes without a path key (s.shards[i].mu) are keyed
// by their spelling, helpers by "helper:" and theirs.
type LockSet map[string]bool

// Write reports whether the set holds a write lock.
func (s LockSet) Write() bool {
	for k := range s {
		if !strings.HasPrefix(k, "r:") {
			return true
		}
	}
	return false
}

// Read reports whether the set holds a read lock.
func (s LockSet) Read() bool {
	for k := range s {
		if strings.HasPrefix(k, "r:") {
			return true
		}
	}
	return false
}

func (s LockSet) clone() LockSet {
	out := make(LockSet, len(s))
	for k := range s {
		out[k] = true
	}
	return out
}

// lockKey is the key of the mutex of lc in a LockSet.
func lockKey(lc LockCall) string {
	switch {
	case lc.Op >= HelperLock:
		if lc.Mutex != nil {
			return "helper:" + types.ExprString(lc.Mutex)
		}
		return "helper:"
	case lc.Key != "":
		return lc.Key
	case lc.Mutex != nil:
		return "x:" + types.ExprString(lc.Mutex)
	}
	return "x:"
}

// apply returns the locks held after the lock operations of call.
func apply(s LockSet, lc LockCall) LockSet {
	k := lockKey(lc)
	switch lc.Op {
	case Lock, HelperLock:
		s = s.clone()
		s[k] = true
	case RLock, HelperRLock:
		s = s.clone()
		s["r:"+k] = true
	case Unlock:
		s = s.clone()
		delete(s, k)
	case RUnlock:
		s = s.clone()
		delete(s, "r:"+k)
	case HelperUnlock:
		if strings.Contains(strings.ToLower(lc.Name()), "runlock") {
			s = s.clone()
			delete(s, "r:"+k)
			return s
		}
		s = s.clone()
		delete(s, k)
		// A helper's release may stand for any of its locks.
		for h := range s {
			if strings.HasPrefix(h, "helper:") {
				delete(s, h)
			}
		}
	}
	return s
}

// Held computes, for the nodes of g, the locks certainly held when the
// node starts: the intersection over all paths from the entry. TryLock
// counts on the branch where it succeeded. Deferred unlocks do not
// release anything until the function returns.
type Held struct {
	g    *Graph
	info *types.Info
	in   map[*cfg.Block]LockSet
	// may makes it the locks that may be held (the union over paths)
	// with a deferred release releasing where it is registered: what a
	// return at the node would leave locked.
	may bool
}

// NewHeld runs the analysis on g.
func NewHeld(g *Graph, info *types.Info) *Held { return newHeld(g, info, false) }

func newHeld(g *Graph, info *types.Info, may bool) *Held {
	h := &Held{g: g, info: info, in: make(map[*cfg.Block]LockSet), may: may}
	entry := g.Entry()
	h.in[entry] = LockSet{}
	work := []*cfg.Block{entry}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		out := h.in[b]
		for _, n := range b.Nodes {
			out = h.transfer(out, n, token.NoPos)
		}
		for i, s := range b.Succs {
			edge := out
			if len(b.Succs) == 2 && len(b.Nodes) > 0 {
				edge = h.tryEdge(out, b.Nodes[len(b.Nodes)-1], i)
			}
			old, seen := h.in[s]
			next := edge
			if seen {
				next = intersect(old, edge)
				if h.may {
					next = union(old, edge)
				}
				if len(next) == len(old) {
					continue // no change
				}
			}
			h.in[s] = next
			work = append(work, s)
		}
	}
	return h
}

// transfer applies the lock operations of node n that complete before
// pos (all of them when pos is NoPos).
func (h *Held) transfer(s LockSet, n ast.Node, pos token.Pos) LockSet {
	switch n := n.(type) {
	case *ast.DeferStmt:
		if h.may {
			for _, lc := range deferredReleases(h.info, n) {
				s = apply(s, lc)
			}
		}
		return s // runs later
	case *ast.GoStmt:
		return s // runs elsewhere
	}
	for _, call := range Calls(n) {
		if pos.IsValid() && call.End() > pos {
			break
		}
		if lc, ok := ClassifyLock(h.info, call); ok {
			s = apply(s, lc)
		}
	}
	return s
}

// tryEdge returns the locks held on the edge to successor i of a block
// whose condition is cond: a TryLock holds the lock where it succeeded.
func (h *Held) tryEdge(s LockSet, cond ast.Node, i int) LockSet {
	e, ok := cond.(ast.Expr)
	if !ok {
		return s
	}
	want := 0
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		e, want = ast.Unparen(u.X), 1
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || i != want {
		return s
	}
	lc, ok := ClassifyLock(h.info, call)
	if !ok {
		return s
	}
	switch lc.Op {
	case TryLock:
		lc.Op = Lock
	case TryRLock:
		lc.Op = RLock
	default:
		return s
	}
	return apply(s, lc)
}

func union(a, b LockSet) LockSet {
	out := a.clone()
	for k := range b {
		out[k] = true
	}
	return out
}

// deferredReleases returns the lock releases a defer statement registers:
// its call's, or those anywhere in its function literal.
func deferredReleases(info *types.Info, d *ast.DeferStmt) []LockCall {
	if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok {
		return ReleasesIn(info, lit.Body)
	}
	if lc, ok := ClassifyLock(info, d.Call); ok && lc.Op.IsRelease() {
		return []LockCall{lc}
	}
	return nil
}

// ReleasesIn returns the lock releases anywhere in n.
func ReleasesIn(info *types.Info, n ast.Node) []LockCall {
	var out []LockCall
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok {
			if lc, ok := ClassifyLock(info, call); ok && lc.Op.IsRelease() {
				out = append(out, lc)
			}
		}
		return true
	})
	return out
}

func intersect(a, b LockSet) LockSet {
	out := LockSet{}
	for k := range a {
		if b[k] {
			out[k] = true
		}
	}
	return out
}

// At returns the locks certainly held where x (a node inside the graph
// node n, or n itself) is evaluated, and whether n is live.
func (h *Held) At(x ast.Node) (LockSet, bool) {
	n, l, ok := h.g.Enclosing(x)
	if !ok {
		return nil, false
	}
	s, ok := h.in[l.Block]
	if !ok {
		return nil, false
	}
	for _, m := range l.Block.Nodes[:l.Index] {
		s = h.transfer(s, m, token.NoPos)
	}
	return h.transfer(s, n, x.Pos()), true
}
