package deadlock

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// deferFix defers the unlock right after the Lock of s. It is correct
// only when the Lock is not in a loop (the deferred Unlock would wait for
// the function to return, and the next iteration would block), when
// every explicit Unlock that follows it directly precedes a return (so
// removing it changes nothing but to cover the return's expressions too),
// when nothing else is deferred while the lock is held (it would now run
// before the Unlock, under the lock), and when no path locks it again.
func (f *function) deferFix(s *site, w *walk) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if s.from != nil || len(w.doubles) > 0 || w.defers || f.file == nil {
		return none, false // a TryLock, a double lock, or defers that would reorder
	}
	stmtCur, ok := f.stmtOf(s.lc.Call)
	if !ok || f.inLoop(stmtCur) || !f.ownsLine(stmtCur.Node()) {
		return none, false
	}
	var edits []analysis.TextEdit
	seen := make(map[ast.Node]bool)
	for _, r := range w.releases {
		if r.ev.deferred || r.ev.lc.Op == syncflow.HelperUnlock || r.ev.lc.Key == "" || seen[r.node] {
			return none, false // released some other way: a second defer would unlock twice
		}
		seen[r.node] = true
		uc, ok := f.cur.FindNode(r.node)
		es, isExpr := r.node.(*ast.ExprStmt)
		if !ok || !isExpr || ast.Unparen(es.X) != r.ev.lc.Call || !fixutil.IsListElem(uc) || !f.ownsLine(es) {
			return none, false // an Unlock inside a larger statement
		}
		next, hasNext := uc.NextSibling()
		if hasNext {
			if _, ret := next.Node().(*ast.ReturnStmt); !ret {
				return none, false // code runs after the Unlock, outside the lock
			}
		} else if uc.Parent().Node() != f.g.Body {
			return none, false // falls through to more code
		}
		if !f.dominates(s, r.node) {
			return none, false // another Lock needs this Unlock too
		}
		start := fixutil.LineStart(f.pass.Fset, es.Pos())
		edits = append(edits, analysis.TextEdit{Pos: start, End: fixutil.NextLineStart(f.pass.Fset, es.Pos())})
	}
	stmt := stmtCur.Node()
	indent := fixutil.Indent(f.pass.Fset, stmt.Pos())
	eol := f.lineEnd(fixutil.End(f.pass.Fset, stmt))
	text := "defer " + types.ExprString(s.lc.Mutex) + "." + s.lc.Op.Release() + "()"
	edits = append(edits, analysis.TextEdit{Pos: eol, End: eol, NewText: []byte("\n" + indent + text)})
	release := types.ExprString(s.lc.Mutex) + "." + s.lc.Op.Release() + "()"
	title := msgDeferAfter.With(release, s.lc.Name())
	if len(w.releases) > 0 {
		title = msgDeferDrop.With(release, s.lc.Name(), s.lc.Op.Release())
	}
	edits, ok = fixutil.Gofmt(f.pass, f.file, edits)
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(f.pass, title), TextEdits: edits}, true
}

// unlockFix inserts the missing Unlock before each return reached with the
// lock of s held. It is correct only when every path to those returns
// holds the lock (else some would unlock twice) and when the returned
// expressions do not read what the lock guards.
func (f *function) unlockFix(s *site, rets []*ast.ReturnStmt) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if f.file == nil {
		return none, false
	}
	call := types.ExprString(s.lc.Mutex) + "." + s.lc.Op.Release() + "()"
	var edits []analysis.TextEdit
	var lines []string
	for _, ret := range rets {
		if !f.alwaysHeldAt(s, ret) || f.readsGuarded(s, ret) {
			return none, false
		}
		lines = append(lines, fmt.Sprint(f.line(ret.Pos())))
		if f.isImplicit(ret) {
			rbrace := f.g.Body.Rbrace
			if !rbrace.IsValid() || !f.startsLine(rbrace) {
				return none, false // a body cut short, or a one-line function
			}
			indent := fixutil.Indent(f.pass.Fset, rbrace) + "\t"
			at := fixutil.LineStart(f.pass.Fset, rbrace)
			edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(indent + call + "\n")})
			continue // the implicit return at the closing brace is done
		}
		rc, ok := f.cur.FindNode(ret)
		if !ok || !fixutil.IsListElem(rc) || !f.startsLine(ret.Pos()) {
			return none, false // return shares its line, e.g. if err != nil { return err }
		}
		indent := fixutil.Indent(f.pass.Fset, ret.Pos())
		at := fixutil.LineStart(f.pass.Fset, ret.Pos())
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(indent + call + "\n")})
	}
	edits, ok := fixutil.Gofmt(f.pass, f.file, edits)
	if !ok {
		return none, false
	}
	title := msgCallBeforeOne.With(call, lines[0])
	if len(rets) > 1 {
		title = msgCallBeforeMany.With(call, strings.Join(lines, ", "))
	} else if f.isImplicit(rets[0]) {
		title = msgCallAtEnd.With(call)
	}
	return analysis.SuggestedFix{Message: rule.Say(f.pass, title), TextEdits: edits}, true
}

// alwaysHeldAt reports whether every path from the function's entry to
// ret takes the lock of s (at a site of the same mutex) and does not
// release it after.
func (f *function) alwaysHeldAt(s *site, ret *ast.ReturnStmt) bool {
	to, ok := f.g.Loc(ret)
	if !ok {
		return false
	}
	acquires := func(n ast.Node) bool {
		for _, ev := range f.eventsOf(n) {
			if ev.lc.Key == s.lc.Key && ev.lc.Op.IsAcquire() && !ev.deferred {
				return true
			}
		}
		for _, o := range f.sites {
			if o.from != nil && o.node == n && o.lc.Key == s.lc.Key {
				return true // a TryLock condition: the walk below checks its failure edge
			}
		}
		return false
	}
	// From the entry without taking the lock.
	if f.g.ReachesFromBlock(f.g.Entry(), to, acquires) {
		return false
	}
	// From the failure edge of a TryLock of the same mutex.
	for _, o := range f.sites {
		if o.from == nil || o.lc.Key != s.lc.Key {
			continue // not a TryLock of this mutex
		}
		b := o.loc.Block
		other := b.Succs[0]
		if other == o.from {
			other = b.Succs[1]
		}
		if f.g.ReachesFromBlock(other, to, acquires) {
			return false
		}
	}
	// From a release (now or deferred) without taking it again.
	var ok2 = true
	f.g.Nodes(func(n ast.Node, l syncflow.Loc) {
		if !ok2 {
			return
		}
		for _, ev := range f.eventsOf(n) {
			if syncflow.Covers(ev.lc, s.lc.Key, s.lc.Op) || ev.lc.Op.IsRelease() && ev.lc.Key == s.lc.Key {
				if ev.deferred {
					// A deferred release runs at every later return.
					if f.g.Reaches(l, to, func(ast.Node) bool { return false }) {
						ok2 = false
					}
				} else if f.g.Reaches(l, to, acquires) {
					ok2 = false
				}
				return
			}
		}
	})
	return ok2
}

// readsGuarded reports whether the results of ret refer to the mutex's
// owner, or, for a package-level mutex, to package-level variables: they
// are evaluated under the lock today, and would not be after an Unlock
// placed before the return.
func (f *function) readsGuarded(s *site, ret *ast.ReturnStmt) bool {
	root := s.lc.Root
	global := root != nil && root.Parent() == root.Pkg().Scope()
	found := false
	for _, r := range ret.Results {
		ast.Inspect(r, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return !found
			}
			obj := f.info.Uses[id]
			if obj == nil {
				return true
			}
			if obj == root {
				found = true
			}
			if v, ok := obj.(*types.Var); ok && global && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				found = true
			}
			return !found
		})
	}
	return found
}

// dominates reports whether every path from the entry to n passes the
// lock at s.
func (f *function) dominates(s *site, n ast.Node) bool {
	to, ok := f.g.Loc(n)
	if !ok {
		return false
	}
	return !f.g.ReachesFromBlock(f.g.Entry(), to, func(x ast.Node) bool { return x == s.node })
}

// stmtOf returns the cursor of the statement that is exactly the call
// (an expression statement in a statement list).
func (f *function) stmtOf(call *ast.CallExpr) (inspector.Cursor, bool) {
	c, ok := f.cur.FindNode(call)
	if !ok {
		return c, false
	}
	for c.ParentEdgeKind() == edge.ParenExpr_X {
		c = c.Parent()
	}
	if c.ParentEdgeKind() != edge.ExprStmt_X {
		return c, false
	}
	c = c.Parent()
	return c, fixutil.IsListElem(c)
}

// inLoop reports whether the statement at c is in a loop of the function.
func (f *function) inLoop(c inspector.Cursor) bool {
	for p := range c.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if p == c {
			continue // the statement itself
		}
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
		return false
	}
	return false
}

// startsLine reports whether only blanks precede pos on its line.
func (f *function) startsLine(pos token.Pos) bool { return fixutil.StartsLine(f.pass, f.file, pos) }

// ownsLine reports whether the statement n is alone on its lines.
func (f *function) ownsLine(n ast.Node) bool { return fixutil.OwnsLines(f.pass, f.file, n) }

// lineEnd returns the end of the line of pos.
func (f *function) lineEnd(pos token.Pos) token.Pos { return fixutil.LineEnd(f.pass.Fset, pos) }
