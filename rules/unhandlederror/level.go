package unhandlederror

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/errlive"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// This file decides how loudly each finding is reported, and says why in
// its message. A warning needs evidence that the failure can hurt; where
// the program itself says it does not (the callee fails only with
// sentinels, the package never checks this callee, the work is best
// effort by design), the finding informs instead.

// A verdict is how a finding is reported: its severity and message, and
// whether it may offer fixes. A finding that informs because the program
// means the error to be dropped (a sentinel-only callee, a package that
// never checks the callee, best-effort work, a fallback) offers none:
// checking the error there would go against that design.
type verdict struct {
	level  rule.Severity
	msg    rule.Text
	design bool
}

// droppedVerdict returns how to report the call statement stmt, which
// drops the error of call, in the function at fnCur.
func (c *checker) droppedVerdict(fnCur inspector.Cursor, stmt ast.Stmt, call *ast.CallExpr) verdict {
	name := c.calleeName(call)
	msg := msgNotChecked.With(name)
	fn := typesutil.Callee(c.info, call)
	if c.inBestEffortCallback(fnCur) || c.inStoredCleanup(fnCur) || c.isBestEffortExecutor(call) || c.isLogSink(fnCur) || c.isLoggerOutputWrite(call) || c.isProfileDump(call) || c.discardsRecvErrors(fnCur, call) ||
		c.inWriteThatSucceeds(fnCur, call) {
		return verdict{rule.Information, msg, true}
	}
	if c.waitsForInput(call) {
		return verdict{level: rule.Information, msg: msg} // the line is thrown away: the call only waits for it
	}
	if isSoleGoroutineCall(fnCur, stmt) {
		return verdict{level: rule.Information, msg: msg} // as `go call()`, which drops the error too
	}
	if s := c.summaryOf(fn); s != nil && s.fails == failsSentinel {
		return verdict{rule.Information, msgFailsOnlyWith.With(msg, strings.Join(s.sentinels, " or ")), true}
	}
	if c.believedHarmless(fn) {
		return verdict{rule.Information, msgNowhereChecked.With(name), true}
	}
	if res := c.resultsOf(call); !typesutil.IsError(res.At(res.Len() - 1).Type()) {
		// A concrete error type (*v2error.Error): on real code, such
		// drops were calls whose arguments rule the failure out far more
		// often than bugs. Shown, not warned.
		return verdict{level: rule.Information, msg: msg}
	}
	return verdict{level: c.releaseLevel(call), msg: msg}
}

// blankVerdict returns how to report `v, _ := f()` where the code goes
// on to use the result used.
//
// A nil pointer, interface, map, channel or function carried on is a
// warning: using it panics. Other results are zero values that are
// usable as they are (an empty slice or string, 0, false, a zero struct):
// the code goes on with a wrong answer, not a crash, and the finding
// informs, unless the zero value is handed to the caller as a success
// (`return v, nil`). It informs too when the callee gives a usable
// fallback on failure, when it may give nil on success as well (so the
// code must handle nil anyway), and when the package never checks it.
func (c *checker) blankVerdict(fnCur inspector.Cursor, call *ast.CallExpr, lhs []ast.Expr, used ast.Expr) verdict {
	name, usedName := c.calleeName(call), types.ExprString(used)
	t := c.info.TypeOf(used)
	fn := typesutil.Callee(c.info, call)
	s := c.summaryOf(fn)
	at := -1
	for i, l := range lhs {
		if l == used {
			at = i
		}
	}
	if s != nil && at >= 0 && s.fallback&(1<<at) != 0 {
		return verdict{rule.Information, msgFallback.With(name, usedName), true}
	}
	msg := discarded(t).With(name, usedName)
	if s != nil && at >= 0 && s.nilOnSuccess&(1<<at) != 0 {
		return verdict{level: rule.Information, msg: msgNilOnSuccess.With(name, usedName)}
	}
	if c.believedHarmless(fn) {
		return verdict{rule.Information, msg, true}
	}
	if panicsWhenNil(t) && !c.readOnlyMap(fnCur, call, used) {
		return verdict{level: rule.Warning, msg: msg}
	}
	if v := typesutil.LocalVar(c.info, used); v != nil && c.returnedAsSuccess(fnCur, v) {
		return verdict{level: rule.Warning, msg: msg}
	}
	return verdict{level: rule.Information, msg: msg}
}

// panicsWhenNil reports whether the zero value of t is a nil whose use
// panics: a pointer, interface, map (on write), channel (on close) or
// function. A nil slice is an empty one.
func panicsWhenNil(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Map, *types.Chan, *types.Signature:
		return true
	}
	return false
}

// returnedAsSuccess reports whether v is mentioned in a return statement
// of the function at fnCur whose error result is a literal nil: the zero
// value reaches the caller as an answer.
func (c *checker) returnedAsSuccess(fnCur inspector.Cursor, v *types.Var) bool {
	found := false
	ast.Inspect(fnCur.Node(), func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == fnCur.Node() // another function's returns
		case *ast.ReturnStmt:
			if len(n.Results) < 2 || !c.isNil(n.Results[len(n.Results)-1]) {
				return false
			}
			for _, r := range n.Results[:len(n.Results)-1] {
				if mentionsVar(c.info, r, v) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// lostVerdict returns how to report an error kept in a variable and
// lost.
func (c *checker) lostVerdict(t lostTarget, fate errlive.Fate) verdict {
	name := c.calleeName(t.call)
	if t.field != nil {
		name = types.ExprString(t.field)
		if len(name) > 40 {
			name = c.calleeName(t.call) + "(…)." + t.field.Sel.Name
		}
	}
	var msg rule.Text
	switch line := c.lineOf(fate.Over); {
	case len(fate.Compared) > 0 && fate.Over != nil:
		msg = msgComparedOver.With(t.id.Name, name, errlive.Label(fate.Compared), line)
	case len(fate.Compared) > 0:
		msg = msgCompared.With(t.id.Name, name, errlive.Label(fate.Compared))
	case fate.Over != nil:
		msg = msgOver.With(t.id.Name, name, line)
	default:
		msg = msgUnchecked.With(t.id.Name, name)
	}
	// A check inserted after the assignment would also take the path that
	// a comparison with a sentinel handles: no fix for those.
	compared := len(fate.Compared) > 0
	if t.field != nil {
		return verdict{rule.Warning, msg, compared}
	}
	if s := c.summaryOf(typesutil.Callee(c.info, t.call)); s != nil && s.fails == failsSentinel {
		if compared {
			return verdict{rule.Information, msg, true} // the other failures are sentinels too
		}
		return verdict{rule.Information, msgFailsOnlyWith.With(msg, strings.Join(s.sentinels, " or ")), true}
	}
	return verdict{c.releaseLevel(t.call), msg, compared}
}

// comparedWithAll reports whether the sentinels compared include every
// error that call's callee can fail with: it fails only with sentinels,
// and each is compared (`if errors.Is(err, store.ErrNotFound)` after a
// Get that fails only with store.ErrNotFound).
func (c *checker) comparedWithAll(call *ast.CallExpr, compared []ast.Expr) bool {
	if call == nil || len(compared) == 0 {
		return false
	}
	s := c.summaryOf(typesutil.Callee(c.info, call))
	if s == nil || s.fails != failsSentinel {
		return false
	}
	var names []string
	for _, e := range compared {
		if v, ok := typesutil.ObjectOf(c.info, e).(*types.Var); ok && v.Pkg() != nil {
			names = append(names, v.Pkg().Name()+"."+v.Name())
		} else if sel, ok := e.(*ast.SelectorExpr); ok {
			if v, ok := c.info.Uses[sel.Sel].(*types.Var); ok && v.Pkg() != nil {
				names = append(names, v.Pkg().Name()+"."+v.Name())
			}
		}
	}
	for _, want := range s.sentinels {
		if !slices.Contains(names, want) {
			return false
		}
	}
	return true
}

// lineOf returns the line of n, or 0 for nil.
func (c *checker) lineOf(n ast.Node) int {
	if n == nil {
		return 0
	}
	return c.pass.Fset.Position(n.Pos()).Line
}

// releaseLevel returns the severity of a finding on call: information
// for a Close that only releases a resource (see closeOnlyReleases) or
// that closes a file already synced to disk, else the rule's.
func (c *checker) releaseLevel(call *ast.CallExpr) rule.Severity {
	if !c.isCloseCall(call) {
		return rule.Warning
	}
	recv := c.calleeKey(call).recv
	if closeOnlyReleases(c, call, recv) || c.syncedBefore(call, recv) {
		return rule.Information
	}
	return rule.Warning
}

// syncedBefore reports whether, before call (a Close of recv), the
// function syncs recv to disk: recv.Sync(), or a call of a function
// whose name says it syncs (fsync, Fdatasync) with recv as an argument.
// What Close could still lose is already on disk.
func (c *checker) syncedBefore(call *ast.CallExpr, recv ast.Expr) bool {
	v := typesutil.LocalVar(c.info, recv)
	if v == nil || v.Parent() == nil {
		return false
	}
	scope := v.Parent()
	found := false
	for _, f := range c.pass.Files {
		if f.FileStart > call.Pos() || call.Pos() > f.FileEnd {
			continue // another file
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if found || n == nil || n.End() < scope.Pos() || n.Pos() > call.Pos() {
				return false
			}
			sc, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := ast.Unparen(sc.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Sync" && typesutil.ObjectOf(c.info, sel.X) == v {
				found = true
			}
			if fn := typesutil.Callee(c.info, sc); fn != nil && strings.Contains(strings.ToLower(fn.Name()), "sync") {
				for _, a := range sc.Args {
					if typesutil.ObjectOf(c.info, a) == v {
						found = true
					}
				}
			}
			return true
		})
	}
	return found
}

// inBestEffortCallback reports whether the function at fnCur is a
// function literal handed to an executor whose work is best effort by
// design (see bestEffortExecutors): a cache fill that the framework's
// fanout runs in the background, dropping it when its queue is full.
func (c *checker) inBestEffortCallback(fnCur inspector.Cursor) bool {
	if _, ok := fnCur.Node().(*ast.FuncLit); !ok || fnCur.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	return c.isBestEffortExecutor(fnCur.Parent().Node().(*ast.CallExpr))
}

// isBestEffortExecutor reports whether call hands work to an executor
// that runs it as best effort (see bestEffortExecutors): the executor's
// own error (a full queue) drops the work, which is the design.
func (c *checker) isBestEffortExecutor(call *ast.CallExpr) bool {
	k := c.calleeKey(call)
	for _, e := range bestEffortExecutors {
		if c.matches(e.callee, k) {
			return true
		}
	}
	return false
}
