package deadlock

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// describe spells the lock call of s: s.mu.Lock().
func describe(lc syncflow.LockCall) string {
	return types.ExprString(lc.Mutex) + "." + lc.Name() + "()"
}

func (f *function) line(pos token.Pos) int { return f.pass.Fset.Position(pos).Line }

// A foundDouble is a second Lock and the lock site it follows.
type foundDouble struct {
	s *site
	d double
}

// addDouble records the second Lock d of the mutex of s, unless it was
// found already from another site; a Lock that blocks for good wins over
// a recursive RLock, which blocks only when a writer waits.
func (f *function) addDouble(s *site, d double) {
	if i, ok := f.doubles[d.call]; ok {
		if f.found[i].d.read && !d.read {
			f.found[i] = foundDouble{s, d}
		}
		return
	}
	f.doubles[d.call] = len(f.found)
	f.found = append(f.found, foundDouble{s, d})
}

func (f *function) reportDouble(s *site, d double) {
	mu := types.ExprString(s.lc.Mutex)
	release := s.lc.Op.Release()
	var msg string
	switch {
	case d.self && d.deferred != nil:
		msg = fmt.Sprintf("%s runs again on the next loop iteration while %s is still locked: the deferred %s runs only when the function returns",
			describe(d.lc), mu, release)
	case d.self:
		msg = fmt.Sprintf("%s runs again on the next loop iteration while %s is still locked: a path through the loop skips the %s",
			describe(d.lc), mu, release)
	case d.read:
		msg = fmt.Sprintf("%s can block forever: this goroutine already holds the read lock %s from line %d, and once a writer waits in Lock new read locks wait too (sync.RWMutex forbids recursive read locking)",
			describe(d.lc), describe(s.lc), f.line(s.lc.Call.Pos()))
	case s.read && d.deferred != nil:
		msg = fmt.Sprintf("%s blocks forever: this goroutine still holds the read lock %s from line %d, whose deferred %s runs only when the function returns",
			describe(d.lc), describe(s.lc), f.line(s.lc.Call.Pos()), release)
	case s.read:
		msg = fmt.Sprintf("%s blocks forever: this goroutine still holds the read lock %s from line %d",
			describe(d.lc), describe(s.lc), f.line(s.lc.Call.Pos()))
	default:
		kind := s.lc.Type
		if kind == "sync.Locker" {
			kind = "a lock"
		}
		if d.deferred != nil {
			msg = fmt.Sprintf("%s blocks forever: %s is still locked by %s on line %d, whose deferred %s runs only when the function returns, and %s is not reentrant",
				describe(d.lc), mu, describe(s.lc), f.line(s.lc.Call.Pos()), release, kind)
		} else {
			msg = fmt.Sprintf("%s blocks forever: %s is already locked by %s on line %d and %s is not reentrant",
				describe(d.lc), mu, describe(s.lc), f.line(s.lc.Call.Pos()), kind)
		}
	}
	diag := analysis.Diagnostic{
		Pos:     d.call.Pos(),
		End:     d.call.End(),
		Message: msg,
		Related: []analysis.RelatedInformation{{
			Pos: s.lc.Call.Pos(), End: s.lc.Call.End(), Message: mu + " is locked here",
		}},
	}
	if d.deferred != nil {
		diag.Related = append(diag.Related, analysis.RelatedInformation{
			Pos: d.deferred.Pos(), End: d.deferred.End(), Message: "unlocked only when the function returns",
		})
	}
	if d.read {
		rule.ReportAt(f.pass, rule.Information, diag) // it blocks only when a writer waits in between
		return
	}
	f.pass.Report(diag)
}

// isImplicit reports whether ret is the return go/cfg adds where control
// falls off the end of the body: at its last byte, the closing brace, or
// the end of the last statement of a body cut short.
func (f *function) isImplicit(ret *ast.ReturnStmt) bool {
	return ret.Return == f.g.Body.End()-1
}

func (f *function) reportHeld(s *site, w *walk) {
	rets := w.returns
	sort.Slice(rets, func(i, j int) bool { return rets[i].Pos() < rets[j].Pos() })
	mu := types.ExprString(s.lc.Mutex)
	what := describe(s.lc)
	if s.from != nil {
		what = mu + " (locked by " + s.lc.Name() + ")"
	}
	where := fmt.Sprintf("on the return at line %d", f.line(rets[0].Pos()))
	if f.isImplicit(rets[0]) {
		where = fmt.Sprintf("when the function ends at line %d", f.line(rets[0].Pos()))
	}
	if len(rets) > 1 {
		where += fmt.Sprintf(" (and %d more)", len(rets)-1)
	}
	next := "the next " + mu + ".Lock() blocks forever"
	if s.read {
		next = "a later " + mu + ".Lock() blocks forever"
	}
	verb := "is not unlocked"
	if !f.released[s.lc.Key] {
		verb = "is never unlocked"
	}
	d := analysis.Diagnostic{
		Pos:     s.lc.Call.Pos(),
		End:     s.lc.Call.End(),
		Message: fmt.Sprintf("%s %s %s; %s", what, verb, where, next),
	}
	for _, r := range rets {
		end := r.End()
		if f.isImplicit(r) {
			end = r.Pos() + 1 // the closing brace: no return is in the text
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.Pos(), End: end, Message: "returns with " + mu + " still locked"})
	}
	if fix, ok := f.deferFix(s, w); ok {
		d.SuggestedFixes = append(d.SuggestedFixes, fix)
	}
	if fix, ok := f.unlockFix(s, rets); ok {
		d.SuggestedFixes = append(d.SuggestedFixes, fix)
	}
	f.pass.Report(d)
}
