package kafkaconsume

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// checkSpin reports a read in a loop whose error branch neither leaves
// the loop nor looks at io.EOF or the context: once the reader is closed
// every read returns io.EOF at once (once ctx is done, ctx.Err()), so the
// loop spins, logging the same error forever.
func (c *checker) checkSpin(rd *read, loop inspector.Cursor) {
	body := rd.check.Body
	if c.leaves(body, loop.Node()) || c.looksAtEnd(body) {
		return // the error branch stops, or tells the end apart
	}
	for _, s := range rd.before {
		if c.leaves(s, loop.Node()) || c.looksAtEnd(s) {
			return // an earlier statement does
		}
	}
	if fs, ok := loop.Node().(*ast.ForStmt); ok && fs.Cond != nil {
		return // the loop has a condition of its own
	}
	if c.looksAtEnd(loopBody(loop.Node())) {
		return // the loop watches the context (select on ctx.Done(), ctx.Err())
	}
	if hasElse := rd.check.Else != nil; hasElse && c.leaves(rd.check.Else, loop.Node()) {
		return // the loop ends on the other branch
	}
	recv := types.ExprString(rd.recv)
	d := analysis.Diagnostic{Pos: rd.check.Pos(), End: rd.check.Body.Lbrace}
	switch {
	case c.sleeps(body):
		d.Message = rule.Say(c.pass, msgRetryForever.With(recv))
		rule.ReportAt(c.pass, rule.Information, d) // it backs off: a leak, not a busy loop
	case c.canEnd(rd):
		d.Message = rule.Say(c.pass, msgSpin.With(recv))
		c.pass.Report(d)
	default:
		d.Message = rule.Say(c.pass, msgSpin.With(recv))
		rule.ReportAt(c.pass, rule.Information, d) // never closed here, and a context that never ends
	}
}

// canEnd reports whether the package shows that reads can end: the
// reader is closed somewhere, or the context passed is one that can be
// done (not context.Background or TODO).
func (c *checker) canEnd(rd *read) bool {
	for _, cl := range c.orig.methodCalls(rd.recv, "Close") {
		if !c.deferredAround(cl, rd.call) {
			return true
		}
	}
	if len(rd.call.Args) == 0 {
		return false
	}
	ctx := ast.Unparen(rd.call.Args[0])
	if call, ok := ctx.(*ast.CallExpr); ok {
		fn := typesutil.Callee(c.pass.TypesInfo, call)
		return !typesutil.IsFunc(fn, "context", "Background") && !typesutil.IsFunc(fn, "context", "TODO")
	}
	if srcs, ok := c.orig.sources(ctx); ok {
		for _, s := range srcs {
			call, ok := ast.Unparen(s).(*ast.CallExpr)
			fn := (*types.Func)(nil)
			if ok {
				fn = typesutil.Callee(c.pass.TypesInfo, call)
			}
			if !typesutil.IsFunc(fn, "context", "Background") && !typesutil.IsFunc(fn, "context", "TODO") {
				return true
			}
		}
		return false // a local context.Background()
	}
	return true // a parameter or a field: its owner can cancel it
}

// deferredAround reports whether call is deferred by the function that
// makes the read: it runs only once the loop is over, so it cannot end it.
func (c *checker) deferredAround(call, read *ast.CallExpr) bool {
	cur, ok := c.inspect.Root().FindNode(call)
	if !ok {
		return false
	}
	if _, isDefer := cur.Parent().Node().(*ast.DeferStmt); !isDefer {
		return false
	}
	readCur, ok := c.inspect.Root().FindNode(read)
	if !ok {
		return false
	}
	fn, ok1 := typesutil.EnclosingFunc(cur)
	readFn, ok2 := typesutil.EnclosingFunc(readCur)
	return ok1 && ok2 && fn.Node() == readFn.Node()
}

// leaves reports whether n holds a statement that leaves loop: a return,
// a break or goto out of it, or a call that does not return.
func (c *checker) leaves(n ast.Node, loop ast.Node) bool {
	found := false
	depth := 0 // breakable statements entered below n
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // runs elsewhere
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO:
				found = true
			case n.Tok == token.BREAK && n.Label != nil:
				found = !labels(n.Label, loop) // a break of an inner labelled statement does not leave
			case n.Tok == token.BREAK && depth == 0:
				found = true
			}
		case *ast.CallExpr:
			if !c.flow.NoReturn().MayReturn(n) {
				found = true
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			depth++
			ast.Inspect(n, func(m ast.Node) bool {
				if m == n {
					return true
				}
				return visit(m)
			})
			depth--
			return false
		}
		return !found
	}
	ast.Inspect(n, visit)
	return found
}

// labels reports whether label names a statement inside loop (so that a
// break of it stays in the loop).
func labels(label *ast.Ident, loop ast.Node) bool {
	inside := false
	ast.Inspect(loop, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok && ls.Label.Name == label.Name && n != loop {
			inside = true
		}
		return !inside
	})
	return inside
}

// looksAtEnd reports whether n looks at io.EOF or at the end of a
// context: io.EOF, context.Canceled or DeadlineExceeded, ctx.Err(),
// ctx.Done().
func (c *checker) looksAtEnd(n ast.Node) bool {
	if n == nil {
		return false
	}
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr:
			switch obj := info.Uses[n.Sel].(type) {
			case *types.Var:
				if obj.Pkg() != nil && (obj.Pkg().Path() == "io" && obj.Name() == "EOF" ||
					obj.Pkg().Path() == "context" && (obj.Name() == "Canceled" || obj.Name() == "DeadlineExceeded")) {
					found = true
				}
			case *types.Func:
				if (obj.Name() == "Err" || obj.Name() == "Done") && typesutil.IsNamed(info.TypeOf(n.X), "context", "Context") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// sleeps reports whether n waits before going on: time.Sleep, a receive
// from time.After, or a call whose name says it backs off.
func (c *checker) sleeps(n ast.Node) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			fn := typesutil.Callee(info, call)
			if typesutil.IsFunc(fn, "time", "Sleep") || typesutil.IsFunc(fn, "time", "After") {
				found = true
			}
		}
		return !found
	})
	return found
}

// checkEOFCompare reports err == io.EOF where err comes from ReadMessage,
// which wraps io.EOF ("fetching message: EOF"): the comparison is never
// true.
func (c *checker) checkEOFCompare(rd *read) {
	if rd.method != "ReadMessage" || rd.err == nil {
		return // FetchMessage returns io.EOF itself
	}
	info := c.pass.TypesInfo
	for _, s := range rd.after {
		c.eofComparesIn(s, rd, info)
	}
}

// eofComparesIn reports the comparisons of rd's err with io.EOF in n:
// err == io.EOF, err != io.EOF, and switch err { case io.EOF: }.
func (c *checker) eofComparesIn(n ast.Node, rd *read, info *types.Info) {
	ast.Inspect(n, func(n ast.Node) bool {
		if sw, ok := n.(*ast.SwitchStmt); ok && sw.Tag != nil && typesutil.ObjectOf(info, sw.Tag) == rd.err {
			for _, cl := range sw.Body.List {
				for _, e := range cl.(*ast.CaseClause).List {
					if isIOEOF(info, e) {
						msgEOFCompare.Report(c.pass, e, types.ExprString(rd.recv))
					}
				}
			}
		}
		b, ok := n.(*ast.BinaryExpr)
		if !ok || b.Op != token.EQL && b.Op != token.NEQ {
			return true
		}
		x, y := b.X, b.Y
		if typesutil.ObjectOf(info, y) == rd.err {
			x, y = y, x
		}
		if typesutil.ObjectOf(info, x) != rd.err || !isIOEOF(info, y) {
			return true
		}
		d := analysis.Diagnostic{Pos: b.Pos(), End: b.End(), Message: rule.Say(c.pass, msgEOFCompare.With(types.ExprString(rd.recv)))}
		if fix, ok := c.errorsIsFix(b, x); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.pass.Report(d)
		return true
	})
}

// isIOEOF reports whether e is io.EOF.
func isIOEOF(info *types.Info, e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "io" && v.Name() == "EOF"
}

// checkCommitMessages reports CommitMessages on a reader the package
// makes without a GroupID: it always fails.
func (c *checker) checkCommitMessages(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || c.readerGroup(sel.X) != groupNone {
		return // a group, or not known here
	}
	msgCommitNoGroup.Report(c.pass, call, types.ExprString(sel.X))
}
