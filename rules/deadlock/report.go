package deadlock

import (
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
	var msg rule.Text
	switch {
	case d.self && d.deferred != nil:
		msg = msgLoopDeferred.With(describe(d.lc), mu, release)
	case d.self:
		msg = msgLoopSkips.With(describe(d.lc), mu, release)
	case d.read:
		msg = msgRecursiveRead.With(describe(d.lc), describe(s.lc), f.line(s.lc.Call.Pos()))
	case s.read && d.deferred != nil:
		msg = msgReadHeldDeferred.With(describe(d.lc), describe(s.lc), f.line(s.lc.Call.Pos()), release)
	case s.read:
		msg = msgReadHeld.With(describe(d.lc), describe(s.lc), f.line(s.lc.Call.Pos()))
	default:
		var kind any = s.lc.Type
		if s.lc.Type == "sync.Locker" {
			kind = msgALock.With()
		}
		if d.deferred != nil {
			msg = msgLockedDeferred.With(describe(d.lc), mu, describe(s.lc), f.line(s.lc.Call.Pos()), release, kind)
		} else {
			msg = msgLocked.With(describe(d.lc), mu, describe(s.lc), f.line(s.lc.Call.Pos()), kind)
		}
	}
	diag := analysis.Diagnostic{
		Pos:     d.call.Pos(),
		End:     d.call.End(),
		Message: rule.Say(f.pass, msg),
		Related: []analysis.RelatedInformation{{
			Pos: s.lc.Call.Pos(), End: s.lc.Call.End(), Message: rule.Say(f.pass, msgLockedHere.With(mu)),
		}},
	}
	if d.deferred != nil {
		diag.Related = append(diag.Related, analysis.RelatedInformation{
			Pos: d.deferred.Pos(), End: d.deferred.End(), Message: rule.Say(f.pass, msgUnlockedAtExit.With()),
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
	var what any = describe(s.lc)
	if s.from != nil {
		what = msgLockedBy.With(mu, s.lc.Name())
	}
	line := f.line(rets[0].Pos())
	var where rule.Text
	switch implicit := f.isImplicit(rets[0]); {
	case implicit && len(rets) > 1:
		where = msgAtEndMore.With(line, len(rets)-1)
	case implicit:
		where = msgAtEnd.With(line)
	case len(rets) > 1:
		where = msgOnReturnMore.With(line, len(rets)-1)
	default:
		where = msgOnReturn.With(line)
	}
	next := msgNextLock.With(mu)
	if s.read {
		next = msgLaterLock.With(mu)
	}
	held := msgNotUnlocked
	if !f.released[s.lc.Key] {
		held = msgNeverUnlocked
	}
	d := analysis.Diagnostic{
		Pos:     s.lc.Call.Pos(),
		End:     s.lc.Call.End(),
		Message: rule.Say(f.pass, held.With(what, where, next)),
	}
	for _, r := range rets {
		end := r.End()
		if f.isImplicit(r) {
			end = r.Pos() + 1 // the closing brace: no return is in the text
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.Pos(), End: end, Message: rule.Say(f.pass, msgReturnsLocked.With(mu))})
	}
	if fix, ok := f.deferFix(s, w); ok {
		d.SuggestedFixes = append(d.SuggestedFixes, fix)
	}
	if fix, ok := f.unlockFix(s, rets); ok {
		d.SuggestedFixes = append(d.SuggestedFixes, fix)
	}
	f.pass.Report(d)
}
