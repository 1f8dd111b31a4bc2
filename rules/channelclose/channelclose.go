package channelclose

import (
	"embed"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"sync"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/makeinit"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssapath"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the channel-close rule.
var Rule = rule.Define(rule.Spec{
	ID:       "channel-close",
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer, ssaflow.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

// A closeSite is a close(ch) call.
type closeSite struct {
	instr ssa.Instruction // *ssa.Call, or *ssa.Defer for a deferred close
	ch    ssa.Value
	t     ssapath.Tracked
	cur   inspector.Cursor // the call expression
}

// A chanOp is a send or a receive: an instruction, the channel, and the
// position of its arrow.
type chanOp struct {
	instr ssa.Instruction
	ch    ssa.Value
	arrow token.Pos
}

type checker struct {
	pass     *analysis.Pass
	syntax   *ssapath.Syntax
	globals  func(vars []*types.Var) *ssapath.Globals
	webs     func() *webs // what may happen to each channel of the package
	reported map[token.Pos]bool
	exits    *syncflow.Builder // may a fix leave a loop or the function (skips)
}

func run(pass *analysis.Pass, opts *rule.Options) error {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// No SSA form (the package does not type-check): no findings.
	return ssaflow.Run(pass, func(ssainput *ssaflow.Form) error {
		c := &checker{
			pass:   pass,
			syntax: ssapath.NewSyntax(in),
			// Both look at the whole package, and most functions need
			// neither: built on first use.
			globals: ssapath.FormGlobals(ssainput),
			webs: sync.OnceValue(func() *webs {
				ssainput.NeedWhole()
				return buildWebs(pass.Pkg, withInit(ssainput.Pkg, ssainput.SrcFuncs), func(c *ssa.CallCommon) bool { return isMessages(opts, c) })
			}),
			reported: make(map[token.Pos]bool),
		}
		focus := rule.FocusOf(pass)
		for _, fn := range ssainput.SrcFuncs {
			if focus.Has(fn.Pos()) {
				c.checkFunc(fn) // it reports only at fn's own closes, sends and receives
			}
		}
		return nil
	})
}

// closeArg returns the channel closed by a call, deferred call or go
// statement of the builtin close.
func closeArg(instr ssa.Instruction) (ssa.Value, bool) {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return nil, false
	}
	common := ci.Common()
	if b, ok := common.Value.(*ssa.Builtin); !ok || b.Name() != "close" || len(common.Args) != 1 {
		return nil, false
	}
	return common.Args[0], true
}

func (c *checker) checkFunc(fn *ssa.Function) {
	var closes, defers []*closeSite
	var sends, recvs []chanOp
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch i := instr.(type) {
			case *ssa.Call, *ssa.Defer:
				ch, ok := closeArg(i)
				if !ok {
					continue // not close(ch)
				}
				cur, ok := c.syntax.Call(i.(ssa.CallInstruction).Common().Pos())
				if !ok {
					continue // no syntax to point at
				}
				s := &closeSite{instr: i, ch: ch, t: ssapath.TrackedOf(ch), cur: cur}
				if _, ok := i.(*ssa.Defer); ok {
					defers = append(defers, s)
				} else {
					closes = append(closes, s)
				}
			case *ssa.Send:
				sends = append(sends, chanOp{i, i.Chan, i.Pos()})
			case *ssa.UnOp:
				if i.Op == token.ARROW && !i.CommaOk {
					recvs = append(recvs, chanOp{i, i.X, i.Pos()})
				}
			case *ssa.Select:
				for _, st := range i.States {
					switch st.Dir {
					case types.SendOnly:
						sends = append(sends, chanOp{i, st.Chan, st.Pos})
					case types.RecvOnly:
						recvs = append(recvs, chanOp{i, st.Chan, st.Pos})
					}
				}
			}
		}
	}
	if len(closes)+len(defers)+len(recvs) == 0 {
		return // nothing to check
	}
	f := ssapath.NewFunc(fn, c.globals)

	// close of a nil channel.
	nilClose := make(map[*closeSite]bool)
	for _, s := range closes {
		src, ok := f.NilAt(s.ch, s.instr)
		if !ok {
			continue // made (or unknown) on every feasible path
		}
		nilClose[s] = src.Always
		c.reportNilClose(s, src)
	}

	// A second close, or a send, after a close on one path.
	for _, s1 := range closes {
		if nilClose[s1] {
			continue // it panics itself: nothing after it runs
		}
		changes := func(instr ssa.Instruction) bool { return f.Changes(s1.t, instr) }
		for _, s2 := range closes {
			if nilClose[s2] || !s2.t.Same(s1.t) || c.reported[s2.cur.Node().Pos()] {
				continue // another channel, or already reported
			}
			if f.Reach(s1.instr, func(i ssa.Instruction) bool { return i == s2.instr }, changes) {
				c.reportDoubleClose(f, s1, s2)
			}
		}
		for _, op := range sends {
			if !ssapath.TrackedOf(op.ch).Same(s1.t) || c.reported[op.arrow] {
				continue // another channel, or already reported
			}
			if f.Reach(s1.instr, func(i ssa.Instruction) bool { return i == op.instr }, changes) {
				c.reportSend(s1, op)
			}
		}
	}

	// An explicit close and a deferred close of the same channel.
	isReturn := func(i ssa.Instruction) bool { _, ok := i.(*ssa.Return); return ok }
	never := func(ssa.Instruction) bool { return false }
	for _, d := range defers {
		changes := func(instr ssa.Instruction) bool { return f.Changes(d.t, instr) }
		for _, s := range closes {
			if nilClose[s] || !s.t.Same(d.t) || c.reported[s.cur.Node().Pos()] {
				continue // another channel, or already reported
			}
			// Either order panics once the function returns.
			later := ssa.Instruction(nil)
			switch {
			case f.Reach(d.instr, func(i ssa.Instruction) bool { return i == s.instr }, changes):
				later = s.instr
			case f.Reach(s.instr, func(i ssa.Instruction) bool { return i == d.instr }, changes):
				later = d.instr
			default:
				continue // not on one path
			}
			if !f.Reach(later, isReturn, never) {
				continue // the function never returns from there
			}
			c.reportDeferClose(f, d, s)
		}
	}

	// A receive loop that spins once the channel is closed.
	for _, op := range recvs {
		if !f.InEndlessLoop(op.instr.Block()) {
			continue // not in a loop, or the loop has a way out
		}
		if c.webs().neverClosed(op.ch) {
			continue // no channel it may hold can be closed: the receive blocks, it cannot spin
		}
		c.reportSpin(fn, op)
	}
}

// withInit returns funcs and the package initializer with its function
// literals, which hold the initializers of package-level variables.
func withInit(pkg *ssa.Package, funcs []*ssa.Function) []*ssa.Function {
	all := append([]*ssa.Function(nil), funcs...)
	if pkg == nil {
		return all
	}
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		all = append(all, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	if init := pkg.Func("init"); init != nil {
		add(init)
	}
	return all
}

// line returns the line of pos.
func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// chanText returns the source expression of the channel of a close call.
func chanText(call *ast.CallExpr) string {
	if len(call.Args) != 1 {
		return "the channel"
	}
	return types.ExprString(call.Args[0])
}

func (c *checker) report(d analysis.Diagnostic) { c.reportAt(rule.Warning, d) }

// reportAt reports d at severity s, once per position.
func (c *checker) reportAt(s rule.Severity, d analysis.Diagnostic) {
	if c.reported[d.Pos] {
		return
	}
	c.reported[d.Pos] = true
	rule.ReportAt(c.pass, s, d)
}

// reportNilClose reports close(ch) of a channel that src says is nil.
func (c *checker) reportNilClose(s *closeSite, src ssapath.NilSource) {
	call := s.cur.Node().(*ast.CallExpr)
	ch := chanText(call)
	var x ast.Expr = call // close has one argument in well-typed code
	if len(call.Args) == 1 {
		x = call.Args[0]
	}
	why := src.Why(c.pass.TypesInfo, c.pass.Files, x, ch)
	d := analysis.Diagnostic{
		Pos:     call.Pos(),
		End:     call.End(),
		Message: rule.Say(c.pass, msgNilClose.With(ch, why)),
	}
	if len(call.Args) == 1 {
		var fix analysis.SuggestedFix
		var ok bool
		switch x := ast.Unparen(call.Args[0]).(type) {
		case *ast.Ident:
			if v, isVar := typesutil.ObjectOf(c.pass.TypesInfo, x).(*types.Var); isVar && src.Loc.Path == "" {
				fix, ok = makeinit.ForVar(c.pass, v)
			}
		case *ast.SelectorExpr:
			if src.Kind == ssapath.NilLocal {
				fix, ok = makeinit.ForField(c.pass, x)
				if lit, isLit := ssapath.LiteralOf(src.Loc); !ok && isLit {
					fix, ok = makeinit.ForLiteral(c.pass, lit, x) // the struct is built by a literal, not where x is declared
				}
			}
		}
		if ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.report(d)
}

// reportDoubleClose reports s2, reached from s1 on one path.
func (c *checker) reportDoubleClose(f *ssapath.Func, s1, s2 *closeSite) {
	call := s2.cur.Node().(*ast.CallExpr)
	ch := chanText(call)
	var msg rule.Text
	if s1 == s2 {
		msg = msgClosedLoop.With(ch)
	} else {
		msg = msgClosedAt.With(ch, c.line(s1.cur.Node().Pos()))
	}
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: rule.Say(c.pass, msg)}
	if s1 != s2 && dominates(f, s1.instr, s2.instr) && !changedBetween(f, s1, s2.instr) {
		if fix, ok := c.deleteStmt(s2.cur, msgRemoveSecond.With(ch), msgRemoveSecondPruned.With(ch)); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.report(d)
}

// reportSend reports a send reached from the close s on one path.
func (c *checker) reportSend(s *closeSite, op chanOp) {
	cur, ok := c.syntax.Send(op.arrow)
	if !ok {
		return // no syntax to point at
	}
	send := cur.Node().(*ast.SendStmt)
	c.report(analysis.Diagnostic{
		Pos:     send.Pos(),
		End:     send.End(),
		Message: rule.Say(c.pass, msgSend.With(types.ExprString(send.Chan), c.line(s.cur.Node().Pos()))),
	})
}

// reportDeferClose reports the explicit close s of a channel that the
// deferred close d closes again when the function returns.
func (c *checker) reportDeferClose(f *ssapath.Func, d, s *closeSite) {
	call := s.cur.Node().(*ast.CallExpr)
	ch := chanText(call)
	diag := analysis.Diagnostic{
		Pos:     call.Pos(),
		End:     call.End(),
		Message: rule.Say(c.pass, msgClosedDefer.With(ch, c.line(d.cur.Node().Pos()))),
	}
	// Without the defer, the channel is still closed on every path that
	// returns: the explicit close follows the defer in straight-line code.
	if d.instr.Block() == s.instr.Block() && f.Index(d.instr) < f.Index(s.instr) && !changedBetween(f, d, s.instr) {
		if fix, ok := c.deleteStmt(d.cur, msgRemoveDefer.With(ch), msgRemoveDeferPruned.With(ch)); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.report(diag)
}

// reportSpin reports a receive without ok in an endless loop.
func (c *checker) reportSpin(fn *ssa.Function, op chanOp) {
	cur, ok := c.syntax.Recv(op.arrow)
	if !ok {
		return // no syntax to point at
	}
	recv := cur.Node().(*ast.UnaryExpr)
	if hasOK(cur) {
		return // case v, ok := <-ch: the ok is checked
	}
	ch := types.ExprString(recv.X)
	d := analysis.Diagnostic{
		Pos:     recv.Pos(),
		End:     recv.End(),
		Message: rule.Say(c.pass, msgSpin.With(ch, ch)),
	}
	d.SuggestedFixes = c.spinFixes(cur, recv)
	if !c.webs().seenClosed(op.ch) {
		// Whoever owns the channel may close it, or may not: the loop
		// cannot end, but whether it spins is out of sight.
		c.reportAt(rule.Information, d)
		return
	}
	c.report(d)
}

// isMessages reports whether c calls a databus consumer's Messages,
// whose channel Close closes.
func isMessages(opts *rule.Options, c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	if fn == nil || fn.Name() != "Messages" || fn.Pkg == nil || fn.Signature.Recv() == nil {
		return false
	}
	if opts == nil || !opts.FrameworkPackage(fn.Pkg.Pkg.Path(), "queue/databus") {
		return false
	}
	n := typesutil.NamedOf(fn.Signature.Recv().Type())
	return n != nil && n.Obj().Name() == "Databus"
}

// hasOK reports whether the receive at cur assigns a second, non-blank
// ok result.
func hasOK(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 {
		return false
	}
	id, isIdent := as.Lhs[1].(*ast.Ident)
	return !isIdent || id.Name != "_"
}

// dominates reports whether every path to b passes through a.
func dominates(f *ssapath.Func, a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		return f.Index(a) < f.Index(b)
	}
	return a.Block().Dominates(b.Block())
}

// changedBetween reports whether anything on any path from s to to may
// make s's channel another one.
func changedBetween(f *ssapath.Func, s *closeSite, to ssa.Instruction) bool {
	from := s.instr
	if from.Block() == to.Block() && f.Index(from) < f.Index(to) {
		for _, instr := range from.Block().Instrs[f.Index(from)+1 : f.Index(to)] {
			if f.Changes(s.t, instr) {
				return true
			}
		}
		return false
	}
	for b := range ssapath.Between(from.Block(), to.Block()) {
		for i, instr := range b.Instrs {
			if b == from.Block() && i <= f.Index(from) || b == to.Block() && i >= f.Index(to) {
				continue // outside the stretch between the two
			}
			if f.Changes(s.t, instr) {
				return true
			}
		}
	}
	return false
}

// deleteStmt deletes the statement (close(ch) or defer close(ch)) that
// holds the call at cur, with its lines, and an if it leaves empty (see
// makeinit.DeleteStmts); title and prunedTitle name the fix without and
// with the if.
func (c *checker) deleteStmt(cur inspector.Cursor, title, prunedTitle rule.Text) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	stmt, ok := cur.Parent().Node().(ast.Stmt)
	if !ok {
		return none, false
	}
	switch stmt.(type) {
	case *ast.ExprStmt, *ast.DeferStmt:
	default:
		return none, false // the call is part of a larger statement
	}
	file := fixutil.FileOf(c.pass.Files, stmt.Pos())
	if file == nil {
		return none, false
	}
	edits, pruned, ok := makeinit.DeleteStmts(c.pass, file, []ast.Stmt{stmt})
	if !ok {
		return none, false
	}
	edits, laid := makeinit.Layout(c.pass, file, edits)
	if !laid {
		return none, false
	}
	if pruned {
		title = prunedTitle
	}
	return analysis.SuggestedFix{Message: rule.Say(c.pass, title), TextEdits: edits}, true
}

// --- the receive loop fixes ---

// spinFixes rewrites an endless receive loop so that it ends when the
// channel is closed: `for v := range ch`, or `v, ok := <-ch` with
// `if !ok { break }` (`return` in a select case). Both need a function
// without results, where ending the loop (or returning) needs no values.
func (c *checker) spinFixes(cur inspector.Cursor, recv *ast.UnaryExpr) []analysis.SuggestedFix {
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok || hasResults(c.pass.TypesInfo, fnCur.Node()) {
		return nil // ending the loop would need a return value
	}
	file := fixutil.FileOf(c.pass.Files, recv.Pos())
	if file == nil {
		return nil
	}
	// The statement of the receive: v := <-ch, v = <-ch, <-ch, or a select case.
	stmtCur := cur
	for stmtCur.ParentEdgeKind() == edge.ParenExpr_X {
		stmtCur = stmtCur.Parent()
	}
	stmtCur = stmtCur.Parent()
	stmt, ok := stmtCur.Node().(ast.Stmt)
	if !ok {
		return nil
	}
	if as, ok := stmt.(*ast.AssignStmt); ok && (len(as.Lhs) != 1 || len(as.Rhs) != 1) {
		return nil
	}
	if stmtCur.ParentEdgeKind() == edge.CommClause_Comm {
		if fix, ok := c.selectFix(file, stmtCur, stmt, recv); ok {
			return []analysis.SuggestedFix{fix}
		}
		return nil
	}
	var fixes []analysis.SuggestedFix
	if fix, ok := c.rangeFix(file, stmtCur, stmt, recv); ok {
		fixes = append(fixes, fix)
	}
	if fix, ok := c.breakFix(file, stmtCur, stmt, recv); ok {
		fixes = append(fixes, fix)
	}
	return fixes
}

// rangeFix turns `for { v := <-ch; … }` into `for v := range ch { … }`
// when the receive is the first statement of the body of a bare for.
func (c *checker) rangeFix(file *ast.File, stmtCur inspector.Cursor, stmt ast.Stmt, recv *ast.UnaryExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if stmtCur.ParentEdgeKind() != edge.BlockStmt_List {
		return none, false
	}
	body := stmtCur.Parent()
	loop, ok := body.Parent().Node().(*ast.ForStmt)
	if !ok || body.ParentEdgeKind() != edge.ForStmt_Body || loop.Init != nil || loop.Cond != nil || loop.Post != nil {
		return none, false // not the body of a bare for
	}
	if loop.Body.List[0] != stmt {
		return none, false // code before the receive would run at another time
	}
	if !isPure(recv.X) || assignedIn(c.pass.TypesInfo, loop.Body, recv.X) {
		return none, false // the channel expression could change between iterations
	}
	if c.skips(stmtCur, stmt, false, syncflow.Break(loop)) {
		return none, false // ending the loop there would skip an Unlock, Done, cancel or deferred Close
	}
	header := "for range " + types.ExprString(recv.X) + " {"
	if as, ok := stmt.(*ast.AssignStmt); ok {
		if as.Tok == token.DEFINE && capturedOld(c.pass, file, loop.Body, as.Lhs[0]) {
			return none, false // before Go 1.22 a range variable is shared by closures
		}
		header = "for " + types.ExprString(as.Lhs[0]) + " " + as.Tok.String() + " range " + types.ExprString(recv.X) + " {"
	}
	fset := c.pass.Fset
	if c.line(stmt.End()) == c.line(loop.Body.Rbrace) || c.line(stmt.Pos()) == c.line(loop.Body.Lbrace) {
		return none, false // not on a line of its own
	}
	edits := []analysis.TextEdit{
		{Pos: loop.For, End: loop.Body.Lbrace + 1, NewText: []byte(header)},
		{Pos: fixutil.LineStart(fset, stmt.Pos()), End: fixutil.NextLineStart(fset, fixutil.End(fset, stmt))},
	}
	edits, laid := makeinit.Layout(c.pass, file, edits)
	if !laid {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(c.pass, msgRange.With(types.ExprString(recv.X))), TextEdits: edits}, true
}

// breakFix adds an ok check that breaks the loop: `v, ok := <-ch` and
// `if !ok { break }`, when a break there leaves the loop.
func (c *checker) breakFix(file *ast.File, stmtCur inspector.Cursor, stmt ast.Stmt, recv *ast.UnaryExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if !breaksLoop(stmtCur) {
		return none, false
	}
	switch stmtCur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return none, false
	}
	if loop, ok := innermostFor(stmtCur); !ok || c.skips(stmtCur, stmt, true, syncflow.Break(loop)) {
		return none, false // the break would skip an Unlock, Done, cancel or deferred Close
	}
	fset := c.pass.Fset
	indent := fixutil.Indent(fset, stmt.Pos())
	ok := fixutil.FreshName(c.pass.Pkg, stmt.Pos(), "ok", nil)
	check := "if !" + ok + " {\n" + indent + "\tbreak\n" + indent + "}"
	var edits []analysis.TextEdit
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return none, false // v = <-ch: ok would need a declaration of its own
		}
		at := fixutil.LineEnd(fset, fixutil.End(fset, stmt))
		edits = []analysis.TextEdit{
			{Pos: s.Lhs[0].End(), End: s.Lhs[0].End(), NewText: []byte(", " + ok)},
			{Pos: at, End: at, NewText: []byte("\n" + indent + check)},
		}
	case *ast.ExprStmt:
		// <-ch → if _, ok := <-ch; !ok { break }, keeping a trailing comment on the first line
		at := fixutil.LineEnd(fset, fixutil.End(fset, stmt))
		edits = []analysis.TextEdit{
			{Pos: s.Pos(), End: s.End(), NewText: []byte("if _, " + ok + " := " + types.ExprString(recv) + "; !" + ok + " {")},
			{Pos: at, End: at, NewText: []byte("\n" + indent + "\tbreak\n" + indent + "}")},
		}
	default:
		return none, false
	}
	edits, laid := makeinit.Layout(c.pass, file, edits)
	if !laid {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(c.pass, msgStopWhenClosed.With(types.ExprString(recv.X))), TextEdits: edits}, true
}

// selectFix adds an ok check to a select case that returns from the
// function when the channel is closed.
func (c *checker) selectFix(file *ast.File, stmtCur inspector.Cursor, stmt ast.Stmt, recv *ast.UnaryExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	clause, ok := stmtCur.Parent().Node().(*ast.CommClause)
	if !ok {
		return none, false
	}
	fset := c.pass.Fset
	if len(clause.Body) > 0 && c.line(clause.Body[0].Pos()) == c.line(clause.Colon) {
		return none, false // the body starts on the case line
	}
	indent := fixutil.Indent(fset, clause.Pos()) + "\t"
	if _, ok := stmt.(*ast.ExprStmt); ok && isSignal(c.pass.TypesInfo.TypeOf(recv.X)) {
		// case <-done: a signal, sent by closing: return once it is handled.
		at, last := fixutil.LineEnd(fset, clause.Colon), stmt
		if n := len(clause.Body); n > 0 {
			at, last = fixutil.LineEnd(fset, fixutil.End(fset, clause.Body[n-1])), clause.Body[n-1]
		}
		if c.skips(stmtCur, last, true, syncflow.Return) {
			return none, false // the return would skip an Unlock, Done, cancel or deferred Close
		}
		edits := []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + indent + "return")}}
		edits, laid := makeinit.Layout(c.pass, file, edits)
		if !laid {
			return none, false
		}
		return analysis.SuggestedFix{Message: rule.Say(c.pass, msgReturnAfter.With(types.ExprString(recv.X))), TextEdits: edits}, true
	}
	if c.skips(stmtCur, stmt, true, syncflow.Return) {
		return none, false // the return would skip an Unlock, Done, cancel or deferred Close
	}
	ok2 := fixutil.FreshName(c.pass.Pkg, clause.Colon, "ok", nil)
	var edits []analysis.TextEdit
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return none, false
		}
		edits = append(edits, analysis.TextEdit{Pos: s.Lhs[0].End(), End: s.Lhs[0].End(), NewText: []byte(", " + ok2)})
	case *ast.ExprStmt:
		edits = append(edits, analysis.TextEdit{Pos: s.Pos(), End: s.Pos(), NewText: []byte("_, " + ok2 + " := ")})
	default:
		return none, false
	}
	at := fixutil.LineEnd(fset, clause.Colon) // after a trailing comment
	edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(
		"\n" + indent + "if !" + ok2 + " {\n" + indent + "\treturn\n" + indent + "}")})
	edits, laid := makeinit.Layout(c.pass, file, edits)
	if !laid {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(c.pass, msgReturnWhenClosed.With(types.ExprString(recv.X))), TextEdits: edits}, true
}

// isSignal reports whether t is a channel of struct{}: one whose
// receives carry no value, only the event.
func isSignal(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	st, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// breaksLoop reports whether a break at stmtCur leaves the innermost
// loop around it (no switch or select lies between) and that loop is a
// bare for.
func breaksLoop(stmtCur inspector.Cursor) bool {
	for c := stmtCur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.RangeStmt, *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.ForStmt:
			return n.Cond == nil
		}
	}
	return false
}

// hasResults reports whether the function fn returns something (or its
// type is unknown).
func hasResults(info *types.Info, fn ast.Node) bool {
	results, ok := typesutil.ResultsOf(info, fn)
	return !ok || results.Len() > 0
}

// isPure reports whether evaluating e twice is the same as once: a
// variable or a field path of one.
func isPure(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPure(e.X)
	}
	return false
}

// assignedIn reports whether body assigns the expression e (or takes its
// address).
func assignedIn(info *types.Info, body ast.Node, e ast.Expr) bool {
	want := types.ExprString(e)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if types.ExprString(lhs) == want {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && types.ExprString(n.X) == want {
				found = true
			}
		}
		return !found
	})
	return found
}

// capturedOld reports whether, in a file whose Go version is before 1.22
// (or unknown), a function literal in body refers to the variable v.
func capturedOld(pass *analysis.Pass, file *ast.File, body ast.Node, v ast.Expr) bool {
	if gv := pass.TypesInfo.FileVersions[file]; gv != "" && version.Compare(gv, "go1.22") >= 0 {
		return false // each iteration has its own range variable
	}
	obj := typesutil.ObjectOf(pass.TypesInfo, v)
	if obj == nil {
		return true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			return !found
		}
		ast.Inspect(lit, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && pass.TypesInfo.Uses[id] == obj {
				found = true
			}
			return !found
		})
		return false
	})
	return found
}
