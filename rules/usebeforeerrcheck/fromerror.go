package usebeforeerrcheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// This file reports the mirror image of the rule's main case, in Kratos
// v2/v3: errors.FromError(err) returns nil when err is nil, so a field or
// method of its result panics when the call that set err succeeded:
//
//	reply, err := client.GetUser(ctx, req)
//	if errors.FromError(err).Reason == "USER_NOT_FOUND" { // nil when GetUser succeeds
//
// From each `…, err := f()` of a local err, the walk follows the control
// flow while err may be nil: the true branch of `err == nil` and the
// false branch of `err != nil` and of `errors.Is(err, …)` go on, the
// other stops; any other condition that looks at err stops the walk, as
// does assigning err. On the way, a selector on errors.FromError(err)
// itself, or on a local variable assigned it (until that variable is
// compared with nil or assigned), that panics on a nil *errors.Error is
// reported. err of other origins (a parameter: an ErrorEncoder is called
// only with a failure) is not followed.

// A nilOnSuccess is a use that panics when the call that set err
// succeeded.
type nilOnSuccess struct {
	use    ast.Expr // the expression that panics
	err    *types.Var
	callee string // how the message names f
}

// checkFromError reports the uses of errors.FromError(err) that panic
// when err is nil.
func (c *checker) checkFromError() {
	if !c.importsKratosErrors() {
		return
	}
	found := make(map[ast.Expr]nilOnSuccess)
	for cur := range c.in.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		call, err, ok := c.errAssignment(cur)
		if !ok {
			continue // not `…, err := f()` with a local err
		}
		fnCur, ok := typesutil.OuterFunc(cur)
		if !ok {
			continue // package level: no statements follow
		}
		fi := c.funcInfo(fnCur)
		if fi.graph(c) == nil {
			continue // no body
		}
		blk, idx, ok := fi.locate(cur.Node())
		if !ok || !blk.Live {
			continue // dead code, or not in the graph
		}
		w := &fromErrorWalk{c: c, fi: fi, err: err, callee: calleeName(c.info, call), found: found}
		w.walk(blk, idx+1)
	}
	list := make([]nilOnSuccess, 0, len(found))
	for _, f := range found {
		list = append(list, f)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].use.Pos() < list[j].use.Pos() })
	for _, f := range list {
		use := types.ExprString(f.use)
		if len(use) > 60 {
			use = "." + f.use.(*ast.SelectorExpr).Sel.Name
		}
		c.pass.Report(analysis.Diagnostic{
			Pos: f.use.Pos(), End: f.use.End(),
			Message: rule.Say(c.pass, msgFromErrorNil.With(use, f.callee, f.err.Name(), f.err.Name())),
		})
	}
}

// importsKratosErrors reports whether the package imports the errors
// package of Kratos v2/v3.
func (c *checker) importsKratosErrors() bool {
	for _, imp := range c.pass.Pkg.Imports() {
		if c.opts.KratosV2Package(imp.Path(), "errors") {
			return true
		}
	}
	return false
}

// errAssignment returns the call and the local error variable of an
// assignment `…, err := f()` (or `err = f()`, `var err = f()`).
func (c *checker) errAssignment(cur inspector.Cursor) (*ast.CallExpr, *types.Var, bool) {
	var last *ast.Ident
	var rhs ast.Expr
	switch n := cur.Node().(type) {
	case *ast.AssignStmt:
		if len(n.Rhs) != 1 || n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
			return nil, nil, false
		}
		last, _ = n.Lhs[len(n.Lhs)-1].(*ast.Ident)
		rhs = n.Rhs[0]
	case *ast.ValueSpec:
		if len(n.Values) != 1 {
			return nil, nil, false
		}
		last, rhs = n.Names[len(n.Names)-1], n.Values[0]
	}
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || last == nil {
		return nil, nil, false
	}
	if fn := typesutil.Callee(c.info, call); fn != nil && c.isFromError(fn) {
		return nil, nil, false // e := errors.FromError(err) is no call that fails
	}
	v := c.localVar(last)
	if v == nil || !typesutil.IsError(v.Type()) {
		return nil, nil, false
	}
	return call, v, true
}

// isFromError reports whether fn is errors.FromError of Kratos v2/v3.
func (c *checker) isFromError(fn *types.Func) bool {
	return fn.Name() == "FromError" && fn.Pkg() != nil && c.opts.KratosV2Package(fn.Pkg().Path(), "errors")
}

// A fromErrorWalk follows the control flow from one assignment of err.
type fromErrorWalk struct {
	c      *checker
	fi     *funcInfo
	err    *types.Var
	callee string
	found  map[ast.Expr]nilOnSuccess
}

// A fromErrorPath is what holds at a point of the walk: the variables
// that hold errors.FromError(err) there.
type fromErrorPath struct {
	held [4]*types.Var // a few are enough; more are not followed
}

func (p fromErrorPath) holds(v *types.Var) bool {
	for _, h := range p.held {
		if h == v && v != nil {
			return true
		}
	}
	return false
}

func (p fromErrorPath) with(v *types.Var) fromErrorPath {
	for i, h := range p.held {
		if h == nil || h == v {
			p.held[i] = v
			return p
		}
	}
	return p
}

func (p fromErrorPath) without(v *types.Var) fromErrorPath {
	for i, h := range p.held {
		if h == v {
			p.held[i] = nil
		}
	}
	return p
}

// walk follows every path from node idx of block start while err may be
// nil.
func (w *fromErrorWalk) walk(start *cfg.Block, idx int) {
	type item struct {
		b *cfg.Block
		i int
		p fromErrorPath
	}
	type key struct {
		b int32
		p fromErrorPath
	}
	seen := make(map[key]bool)
	stack := []item{{start, idx, fromErrorPath{}}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.i == 0 {
			k := key{it.b.Index, it.p}
			if seen[k] {
				continue // visited with the same state
			}
			seen[k] = true
		}
		b, p, follow := it.b, it.p, true
		for i := it.i; i < len(b.Nodes) && follow; i++ {
			n := b.Nodes[i]
			cond := i == len(b.Nodes)-1 && len(b.Succs) == 2 && isExpr(n)
			var next []*cfg.Block
			p, next, follow = w.step(b, n, p, cond)
			for _, s := range next {
				stack = append(stack, item{s, 0, p})
			}
		}
		if follow {
			for _, s := range b.Succs {
				stack = append(stack, item{s, 0, p})
			}
		}
	}
}

// step records the panicking uses in node n and returns the path after
// it, and either the successors to follow (a condition on err) or
// whether the walk goes on past n.
func (w *fromErrorWalk) step(b *cfg.Block, n ast.Node, p fromErrorPath, cond bool) (fromErrorPath, []*cfg.Block, bool) {
	c, fnNode := w.c, w.fi.cur.Node()
	// Uses of the variables holding errors.FromError(err).
	for _, v := range p.held {
		if v == nil || !c.mentions(n, fnNode, v) {
			continue
		}
		if comparesWithNil(c.info, n, v) {
			p = p.without(v) // the code looks at v itself
			continue
		}
		for _, cur := range c.identsOf(v) {
			if !within(cur.Node(), n) || c.funcOfIdent(cur) != fnNode || c.guardedByShortCircuit(cur, n, v, w.err) {
				continue // elsewhere, in a function literal, or after v or err was looked at
			}
			if use, ok := c.panicUse(cur, v, 0); ok {
				w.record(use)
				p = p.without(v) // past this use v was not nil
				break
			}
		}
		if c.assigns(w.fi, n, v) {
			p = p.without(v) // another value now
		}
	}
	// Uses of errors.FromError(err) itself.
	for _, cur := range c.identsOf(w.err) {
		if !within(cur.Node(), n) || c.funcOfIdent(cur) != fnNode || c.guardedByShortCircuit(cur, n, w.err) {
			continue // elsewhere, in a function literal, or after err was looked at
		}
		call, ok := w.fromErrorOf(cur)
		if !ok {
			continue
		}
		callCur, ok := c.in.Root().FindNode(call)
		if !ok {
			continue
		}
		if use, ok := c.panicUseOf(callCur, c.info.TypeOf(call), 0); ok {
			w.record(use)
		}
		if v := w.heldBy(callCur); v != nil {
			p = p.with(v) // from the next node on
		}
	}
	// What n does to err.
	if c.assigns(w.fi, n, w.err) {
		return p, nil, false // err holds another value now
	}
	if cond || w.fi.tags[n] {
		if !c.mentions(n, fnNode, w.err) {
			return p, nil, true
		}
		if cond {
			if _, neq, ok := errCheck(c.info, b, n, w.err); ok {
				if neq {
					return p, []*cfg.Block{b.Succs[1]}, false // err == nil goes on past the if
				}
				return p, []*cfg.Block{b.Succs[0]}, false
			}
			if w.isErrorsIs(n) {
				return p, []*cfg.Block{b.Succs[1]}, false // errors.Is(nil, …) is false
			}
		}
		return p, nil, false // err is looked at otherwise
	}
	return p, nil, true
}

// isErrorsIs reports whether the condition n is errors.Is(err, …) of
// the standard library or of Kratos v2/v3: false when err is nil.
func (w *fromErrorWalk) isErrorsIs(n ast.Node) bool {
	call, ok := ast.Unparen(n.(ast.Expr)).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 || identOf(call.Args[0]) == nil || w.c.info.ObjectOf(identOf(call.Args[0])) != w.err {
		return false
	}
	fn := typesutil.Callee(w.c.info, call)
	if fn == nil || fn.Name() != "Is" || fn.Pkg() == nil {
		return false
	}
	return fn.Pkg().Path() == "errors" || w.c.opts.KratosV2Package(fn.Pkg().Path(), "errors")
}

// fromErrorOf returns the errors.FromError call whose argument is the
// err identifier at cur.
func (w *fromErrorWalk) fromErrorOf(cur inspector.Cursor) (*ast.CallExpr, bool) {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.CallExpr_Args {
		return nil, false
	}
	call := cur.Parent().Node().(*ast.CallExpr)
	fn := typesutil.Callee(w.c.info, call)
	return call, fn != nil && len(call.Args) == 1 && w.c.isFromError(fn)
}

// heldBy returns the local variable that `e := errors.FromError(err)`
// (or `e = …`, `var e = …`) assigns the call at cur to, or nil.
func (w *fromErrorWalk) heldBy(cur inspector.Cursor) *types.Var {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	var id *ast.Ident
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 {
			id, _ = p.Lhs[0].(*ast.Ident)
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 {
			id = p.Names[0]
		}
	}
	if id == nil {
		return nil
	}
	v := w.c.localVar(id)
	if v == nil || w.fi.addrTaken[v] {
		return nil
	}
	return v
}

func (w *fromErrorWalk) record(use ast.Expr) {
	if _, ok := w.found[use]; !ok {
		w.found[use] = nilOnSuccess{use: use, err: w.err, callee: w.callee}
	}
}
