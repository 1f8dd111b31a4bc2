package unhandlederror

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// This file reads what a package believes about a callee's error from
// how the package calls it, as deviance checkers do (Engler et al., Bugs
// as Deviant Behavior, SOSP 2001): a callee whose error the package
// drops at two call sites or more and checks at none is one its authors
// hold to be harmless there (an idempotent Remove, an asynchronous cache
// fill, a write the next Flush reports). A dropped call of it is then
// reported at information severity. A package that checks the error
// somewhere and drops it elsewhere keeps the warning: that drop is the
// deviant one.
//
// The standard library and the framework are left out when the package
// is not theirs: their errors mean what their documentation says,
// whatever one package does with them (a package that drops
// json.Unmarshal's error three times has three bugs, not a belief).

// A callCount is how a package's non-test files call one function.
type callCount struct {
	dropped, checked int
}

// minBelief is how many dropped calls, with no checked one, make a belief.
const minBelief = 2

// believedHarmless reports whether the package drops fn's error at
// minBelief call sites or more and checks it at none, fn being neither
// the standard library's nor the framework's (unless this module is).
func (c *checker) believedHarmless(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	fn = fn.Origin()
	if !c.ownModule(fn.Pkg().Path()) {
		if isStd(fn.Pkg().Path()) {
			return false
		}
		if _, ok := c.opts.FrameworkRel(fn.Pkg().Path()); ok {
			return false
		}
	}
	if c.calls == nil {
		c.calls = c.countCalls()
	}
	n := c.calls[fn]
	return n.checked == 0 && n.dropped >= minBelief
}

// ownModule reports whether the package path is in the module being
// analysed.
func (c *checker) ownModule(path string) bool {
	if c.pass.Module == nil || c.pass.Module.Path == "" {
		return path == c.pass.Pkg.Path()
	}
	mod := c.pass.Module.Path
	return path == mod || strings.HasPrefix(path, mod+"/")
}

// countCalls counts, for every function with an error result that the
// package's non-test files call, the calls that drop the error (as a
// statement, by go or defer, or into _) and those that keep it.
func (c *checker) countCalls() map[*types.Func]callCount {
	counts := make(map[*types.Func]callCount)
	for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if c.inTestFile(call.Pos()) {
			continue // a test's calls say what the test needs
		}
		fn := typesutil.Callee(c.info, call)
		res := c.resultsOf(call)
		at := c.errorAt(call, res)
		if fn == nil || at < 0 {
			continue // a function value, or no error
		}
		n := counts[fn.Origin()]
		switch drop, cleanup := c.dropsError(cur, at); {
		case cleanup:
			// A drop where the rule expects one (a deferred or error-path
			// cleanup) says nothing about the error elsewhere.
		case drop:
			n.dropped++
		default:
			n.checked++
		}
		counts[fn.Origin()] = n
	}
	return counts
}

// dropsError reports whether the call at cur drops its error result (at
// index at): a call statement, a go statement, or an assignment of the
// error to the blank identifier. It reports cleanup for a drop where the
// rule leaves drops alone: a defer statement, a call statement in a
// deferred function, on an error path or in a release method.
func (c *checker) dropsError(cur inspector.Cursor, at int) (drop, cleanup bool) {
	switch cur.ParentEdgeKind() {
	case edge.DeferStmt_Call:
		return true, true
	case edge.GoStmt_Call:
		return true, false
	case edge.ExprStmt_X:
		fnCur, ok := typesutil.OuterFunc(cur)
		if !ok {
			return true, false
		}
		stmt := cur.Parent()
		return true, isDeferredLit(fnCur) || c.inErrorPath(stmt, fnCur) || isReleaseMethod(fnCur)
	case edge.AssignStmt_Rhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		if len(as.Rhs) == 1 && at < len(as.Lhs) {
			return isBlank(as.Lhs[at]), false
		}
		if len(as.Rhs) == len(as.Lhs) {
			for i, r := range as.Rhs {
				if r == cur.Node() {
					return isBlank(as.Lhs[i]), false
				}
			}
		}
	case edge.ValueSpec_Values:
		vs := cur.Parent().Node().(*ast.ValueSpec)
		if len(vs.Values) == 1 && at < len(vs.Names) {
			return vs.Names[at].Name == "_", false
		}
	}
	return false, false
}
