package kafkaconsume

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// checkSaramaReceive reports a receive of sarama messages in a loop
// without the comma-ok form: the channel of a claim closes when the claim
// is released (every rebalance), a partition consumer's when it is
// closed; the receive then yields nil, and msg.Value panics.
func (c *checker) checkSaramaReceive(cur inspector.Cursor, recv *ast.UnaryExpr) {
	info := c.pass.TypesInfo
	loop, ok := typesutil.EnclosingLoop(cur)
	if !ok {
		return // a single receive outside a loop
	}
	outer := cur
	for outer.ParentEdgeKind() == edge.ParenExpr_X {
		outer = outer.Parent()
	}
	var v *types.Var
	var assign *ast.AssignStmt
	switch p := outer.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 {
			break
		}
		if len(p.Lhs) == 2 && !isBlank(p.Lhs[1]) {
			return // msg, ok := <-ch
		}
		v = typesutil.LocalVar(info, p.Lhs[0])
		assign = p
	case *ast.ValueSpec:
		if len(p.Names) == 2 && p.Names[1].Name != "_" {
			return // var msg, ok = <-ch
		}
		if len(p.Names) >= 1 {
			v, _ = info.Defs[p.Names[0]].(*types.Var)
		}
	case *ast.ExprStmt:
		return // a receive whose value is dropped: nothing dereferences it
	}
	if v != nil && typesutil.ComparedWithNil(c.pass.TypesInfo, loop.Node(), v) {
		return // nil is what a closed channel gives: checked
	}
	closes := c.channelCloses(recv.X)
	if closes == closesNever {
		return // the program's own channel, never closed: it never gives nil
	}
	name := "the message"
	if v != nil {
		name = v.Name()
	}
	msg := msgSaramaReceive
	if !c.isSaramaMessages(recv.X) {
		msg = msgReceiveClosed // the program's channel, or one passed in
	}
	d := analysis.Diagnostic{Pos: recv.Pos(), End: recv.End(), Message: rule.Say(c.pass, msg.With(types.ExprString(recv.X), name))}
	if assign != nil && assign.Tok == token.DEFINE && v != nil && len(assign.Lhs) == 1 {
		if fix, ok := c.saramaOkFix(outer.Parent(), assign, recv); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	if closes == closesUnknown {
		rule.ReportAt(c.pass, rule.Information, d) // a channel from elsewhere: it may never be closed
		return
	}
	c.pass.Report(d)
}

// What the package shows of whether a channel of messages gets closed.
type closing int

const (
	closesUnknown closing = iota // a channel from elsewhere
	closesNever                  // made here, and never closed here
	closes                       // sarama's (a claim's, a partition consumer's), or made and closed here
)

// channelCloses tells whether ch, a channel of sarama messages, is one
// that gets closed: a Messages() channel of sarama, directly or through
// the variables that hold it, or a channel the package makes and closes.
func (c *checker) channelCloses(ch ast.Expr) closing {
	info := c.pass.TypesInfo
	if _, ok := ast.Unparen(ch).(*ast.CallExpr); ok {
		if c.isSaramaMessages(ch) {
			return closes
		}
		return closesUnknown
	}
	srcs, ok := c.orig.sources(ch)
	if !ok {
		return closesUnknown
	}
	made := true
	for _, s := range srcs {
		switch c.channelCloses(s) {
		case closes:
			return closes
		case closesUnknown:
			if call, ok := ast.Unparen(s).(*ast.CallExpr); !ok || !isMake(info, call) {
				made = false
			}
		}
	}
	if !made {
		return closesUnknown
	}
	if len(c.orig.closeCalls(ch)) > 0 {
		return closes
	}
	return closesNever
}

// isSaramaMessages reports whether e is a call of a sarama Messages
// method (a claim's, a partition consumer's).
func (c *checker) isSaramaMessages(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := typesutil.Callee(c.pass.TypesInfo, call)
	return fn != nil && fn.Pkg() != nil && saramaPaths[fn.Pkg().Path()] && fn.Name() == "Messages"
}

// isMake reports whether call is a call of the builtin make.
func isMake(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "make"
}

// saramaOkFix adds the comma-ok form and returns from the function when
// the channel is closed: `msg, ok := <-claim.Messages()` and
// `if !ok { return nil }` (in ConsumeClaim, a released claim is no error).
func (c *checker) saramaOkFix(stmt inspector.Cursor, assign *ast.AssignStmt, recv *ast.UnaryExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	file := fixutil.FileOf(pass.Files, assign.Pos())
	if file == nil {
		return none, false
	}
	var at token.Pos
	var indent string
	switch stmt.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		if !fixutil.AloneOnLines(pass.Fset, stmt) {
			return none, false
		}
		at = fixutil.NextLineStart(pass.Fset, assign.End())
		indent = fixutil.Indent(pass.Fset, assign.Pos())
	case edge.CommClause_Comm:
		clause := stmt.Parent().Node().(*ast.CommClause)
		if len(clause.Body) == 0 || pass.Fset.Position(clause.Colon).Line == pass.Fset.Position(clause.Body[0].Pos()).Line {
			return none, false // an empty case, or one on one line
		}
		at = fixutil.LineStart(pass.Fset, clause.Body[0].Pos())
		indent = fixutil.Indent(pass.Fset, clause.Body[0].Pos())
	default:
		return none, false
	}
	fnCur, ok := typesutil.EnclosingFunc(stmt)
	if !ok {
		return none, false // package level
	}
	results, ok := typesutil.ResultsOf(pass.TypesInfo, fnCur.Node())
	if !ok {
		return none, false
	}
	vals, ok := typesutil.NewQualifier(file, pass.Pkg).ZeroReturn(results, "nil")
	if !ok {
		return none, false
	}
	if c.flow.SkipsCleanup(fnCur.Node(), assign, true, syncflow.Return) {
		return none, false // returning would skip an Unlock, Done, cancel or deferred Close
	}
	okName := fixutil.FreshName(pass.Pkg, assign.Pos(), "ok", nil)
	ret := strings.TrimSpace("return " + strings.Join(vals, ", "))
	lhs := assign.Lhs[0]
	edits, ok := fixutil.GofmtEdits(pass, file,
		analysis.TextEdit{Pos: lhs.End(), End: lhs.End(), NewText: []byte(", " + okName)},
		analysis.TextEdit{Pos: at, End: at, NewText: []byte(indent + "if !" + okName + " {\n" + indent + "\t" + ret + "\n" + indent + "}\n")})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(pass, fixSaramaOk.With(types.ExprString(recv.X))),
		TextEdits: edits,
	}, true
}

// checkMark reports sess.MarkMessage(msg, …) before msg is processed in
// the same iteration: auto-commit may commit the offset before the work
// is done (at-most-once). Information: it may be what the service wants.
func (c *checker) checkMark(cur inspector.Cursor, call *ast.CallExpr) {
	if len(call.Args) == 0 {
		return
	}
	v := typesutil.LocalVar(c.pass.TypesInfo, call.Args[0])
	if v == nil {
		return // not a variable holding the message
	}
	stmt, ok := fixutil.EnclosingStmt(cur)
	if !ok {
		return
	}
	if _, isExpr := stmt.Node().(*ast.ExprStmt); !isExpr {
		return // deferred, or in an expression
	}
	stop := ast.Node(nil)
	if loop, ok := typesutil.EnclosingLoop(cur); ok {
		stop = loopBody(loop.Node())
	} else if fn, ok := typesutil.EnclosingFunc(cur); ok {
		stop = typesutil.FuncBody(fn.Node())
	}
	use := c.processedAfter(stmt, v, stop)
	if use == nil {
		return // marked after the work
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: rule.Say(c.pass, msgMarkBefore.With(v.Name())),
		Related: []analysis.RelatedInformation{{Pos: use.Pos(), End: use.End(), Message: rule.Say(c.pass, msgProcessedHere.With(v.Name()))}},
	}
	rule.ReportAt(c.pass, rule.Information, d) // at-most-once may be what the service wants
}

// checkConsume reports group.Consume called once, not in a loop: with
// the default (eager) rebalance strategy, Consume returns at the first
// rebalance, and the member stops consuming.
func (c *checker) checkConsume(cur inspector.Cursor, call *ast.CallExpr) {
	if c.retried(cur) {
		return // in a loop, here or in a caller
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: rule.Say(c.pass, msgConsumeOnce.With(types.ExprString(sel.X)))}
	if c.cooperative() {
		rule.ReportAt(c.pass, rule.Information, d) // a cooperative strategy keeps Consume running across rebalances
		return
	}
	if _, isReturn := cur.Parent().Node().(*ast.ReturnStmt); isReturn && !c.calledHere(cur) {
		rule.ReportAt(c.pass, rule.Information, d) // a wrapper whose callers, elsewhere, may loop
		return
	}
	c.pass.Report(d)
}

// calledHere reports whether the package calls the named function around
// cur (or cur is in a function literal).
func (c *checker) calledHere(cur inspector.Cursor) bool {
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return false
	}
	decl, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok {
		return true // a function literal: run where it is
	}
	fn := c.pass.TypesInfo.Defs[decl.Name]
	for id, obj := range c.pass.TypesInfo.Uses {
		if obj == fn && (id.Pos() < decl.Pos() || id.Pos() >= decl.End()) {
			return true
		}
	}
	return false
}

// retried reports whether the code at cur may run again when it
// returns: it is in a loop; in a function literal that is handed on or
// stored (its receiver may retry it); or in a named function that the
// package calls from such a place, or uses as a value. A named function
// that the package never calls (a Start method the framework calls once)
// is not retried.
func (c *checker) retried(cur inspector.Cursor) bool {
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit:
			if p.ParentEdgeKind() == edge.CallExpr_Fun {
				continue // called at once: go func() { … }(), func() { … }()
			}
			return true
		case *ast.FuncDecl:
			return c.calledAgain(n)
		}
	}
	return false
}

// calledAgain reports whether the function declared by decl is called
// from a place that may run again (see retried), or used as a value.
func (c *checker) calledAgain(decl *ast.FuncDecl) bool {
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	if c.visiting[decl] {
		return false // recursion: answered by the first visit
	}
	c.visiting[decl] = true
	defer delete(c.visiting, decl)
	for cur := range c.inspect.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if c.pass.TypesInfo.Uses[id] != fn {
			continue
		}
		call := cur
		if call.ParentEdgeKind() == edge.SelectorExpr_Sel {
			call = call.Parent()
		}
		if call.ParentEdgeKind() != edge.CallExpr_Fun {
			return true // a method value or function value: whoever holds it may call it again
		}
		if c.retried(call.Parent()) {
			return true
		}
	}
	return false
}

// cooperative reports whether the package uses a cooperative rebalance
// strategy, with which Consume keeps running across rebalances.
func (c *checker) cooperative() bool {
	for _, obj := range c.pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() != nil && saramaPaths[fn.Pkg().Path()] &&
			strings.Contains(fn.Name(), "Cooperative") {
			return true
		}
	}
	return false
}
