package deadlock

import (
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// checkDeferredLocks reports `defer mu.Lock()` (or RLock) right after
// `mu.Lock()`: the Unlock that was meant. The deferred Lock runs when
// the function returns, with the mutex still locked, and blocks forever;
// a deferred RLock takes the read lock a second time and never releases
// either. It returns the Lock calls so reported, whose lock left held is
// the same mistake and is not reported again.
func (f *function) checkDeferredLocks() map[*ast.CallExpr]bool {
	wrong := make(map[*ast.CallExpr]bool)
	body := f.body()
	if body == nil {
		return wrong
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false // another function, checked on its own
		}
		list, _ := typesutil.StmtList(n)
		for i := 0; i+1 < len(list); i++ {
			lock, ok := f.lockStmt(list[i])
			if !ok {
				continue // not mu.Lock()
			}
			ds, ok := list[i+1].(*ast.DeferStmt)
			if !ok {
				continue // not followed by a defer
			}
			again, ok := syncflow.ClassifyLock(f.info, ds.Call)
			if !ok || again.Op != lock.Op || again.Key == "" || again.Key != lock.Key {
				continue // defers something else
			}
			wrong[lock.Call] = true
			f.reportDeferredLock(lock, again, ds)
		}
		return true
	})
	return wrong
}

// body returns the body of the function.
func (f *function) body() *ast.BlockStmt {
	switch fn := f.cur.Node().(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}

// lockStmt returns the Lock or RLock that the statement s is.
func (f *function) lockStmt(s ast.Stmt) (syncflow.LockCall, bool) {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return syncflow.LockCall{}, false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return syncflow.LockCall{}, false
	}
	lc, ok := syncflow.ClassifyLock(f.info, call)
	return lc, ok && lc.Op.IsAcquire()
}

// reportDeferredLock reports the deferred lock again of ds, which follows
// lock, with the fix that defers the release instead.
func (f *function) reportDeferredLock(lock, again syncflow.LockCall, ds *ast.DeferStmt) {
	mu := types.ExprString(lock.Mutex)
	msg := msgDeferLock.With(mu, mu, mu, mu)
	if lock.Op == syncflow.RLock {
		msg = msgDeferRLock.With(mu, mu, mu, mu, mu)
	}
	d := analysis.Diagnostic{Pos: ds.Pos(), End: ds.End(), Message: rule.Say(f.pass, msg)}
	if sel, ok := ast.Unparen(again.Call.Fun).(*ast.SelectorExpr); ok && f.file != nil {
		rel := lock.Op.Release()
		edits, ok := fixutil.Gofmt(f.pass, f.file, []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(rel)}})
		if ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: rule.Say(f.pass, msgDeferInstead.With(mu, rel)), TextEdits: edits}}
		}
	}
	f.pass.Report(d)
}
