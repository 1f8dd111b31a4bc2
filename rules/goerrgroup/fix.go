package goerrgroup

// The fix rewrites the goroutines of one loop to an errgroup:
//
//   - a fan-out joined by a local sync.WaitGroup (wg.Add in or before the
//     loop, wg.Done in the goroutine, wg.Wait after the loop in the same
//     block) becomes g.Go + g.Wait, and the WaitGroup (and the sync
//     import, when nothing else uses it) goes away;
//   - a loop that starts short tasks and does not wait for them gets the
//     errgroup and a g.Wait after the loop; its title says the function
//     now blocks until they finish.
//
// For golang.org/x/sync/errgroup it writes `g, ctx := errgroup.WithContext(ctx)`
// when the goroutines use ctx (`g, gctx := …` with the goroutines' ctx
// renamed, when ctx is used outside them after the loop starts: x/sync
// cancels it once Wait returns), else `g := new(errgroup.Group)`, and
// `g.Go(func() error { …; return nil })`. For the kratos errgroup it writes
// `g := errgroup.WithContext(ctx)` (one result; it never cancels) and
// `g.Go(func(ctx context.Context) error { … })`, whose parameter carries
// the same ctx the goroutine used before.
//
// Bare returns in the goroutine become `return nil`: the fix does not
// invent error handling. The one exception is the error the goroutine
// gave up on: `if err != nil { return }` becomes `return err`, so that Wait
// returns it (the title says so). A goroutine that is a call (`go s.fetch(ctx, id)`)
// becomes `return s.fetch(ctx, id)` when it returns an error, so Wait now
// returns that error; the title says so. g.Wait is checked with
// `if err := g.Wait(); err != nil { return …, err }` where the function
// returns an error, logged with the framework's log.Error where the file
// uses it, else discarded with `_ = g.Wait()` (x/sync only: the kratos
// group turns panics into errors, and discarding them would hide panics).
//
// Loop variables keep their meaning: before Go 1.22 (the file's version)
// every loop variable the new closure captures is copied (`id := id`);
// parameters of `go func(id int64) { … }(id)` become copies in the loop
// body unless the argument is the same per-iteration variable.
//
// It is not offered when the goroutines hand results over a channel joined
// by hand, when the WaitGroup is used for anything else (passed on, waited
// in another goroutine, a field), when the loop starts more than one
// goroutine, or when the result would not be gofmt'd.

import (
	"fmt"
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

// xsyncPath is the import path of x/sync's errgroup.
const xsyncPath = "golang.org/x/sync/errgroup"

// A fixer holds what one fix needs.
type fixer struct {
	pass    *analysis.Pass
	info    *types.Info
	file    *ast.File
	src     []byte
	base    int
	edits   []analysis.TextEdit
	deleted [][2]token.Pos // ranges of removed code, for the sync import check
}

func (f *fixer) text(n ast.Node) string {
	return string(f.src[int(n.Pos())-f.base : int(n.End())-f.base])
}

func (f *fixer) add(pos, end token.Pos, text string) {
	f.edits = append(f.edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

// deleteLine removes the statement n with its line, and reports false if
// something else shares the line.
func (f *fixer) deleteLine(n ast.Node) bool {
	start := fixutil.LineStart(f.pass.Fset, n.Pos())
	end := fixutil.NextLineStart(f.pass.Fset, n.End())
	if strings.TrimSpace(string(f.src[int(start)-f.base:int(n.Pos())-f.base])) != "" {
		return false
	}
	rest := strings.TrimSpace(string(f.src[int(n.End())-f.base : int(end)-f.base]))
	if rest != "" && !strings.HasPrefix(rest, "//") {
		return false
	}
	f.add(start, end, "")
	f.deleted = append(f.deleted, [2]token.Pos{n.Pos(), n.End()})
	return true
}

// startsLine reports whether only indentation precedes pos on its line.
func (f *fixer) startsLine(pos token.Pos) bool {
	start := fixutil.LineStart(f.pass.Fset, pos)
	return strings.TrimSpace(string(f.src[int(start)-f.base:int(pos)-f.base])) == ""
}

// A rewrite is one errgroup rewrite being built: the fixer's edits and
// what the steps of suggestFix decide for the ones after them.
type rewrite struct {
	*fixer
	opts     *rule.Options
	cur      inspector.Cursor // the go statement
	fnCur    inspector.Cursor // its function
	l        launch
	gs       *ast.GoStmt
	lit      *ast.FuncLit     // the goroutine's literal, or nil for go f(…)
	loopStmt inspector.Cursor // the fan-out loop, with its labels
	wgDone   ast.Stmt         // the goroutine's wg.Done(), removed

	path       string // the errgroup import path
	kratos     bool   // the kratos errgroup, not x/sync's
	gName      string
	ctxName    string     // the name of package context, for the kratos closure
	ctxObj     *types.Var // the ctx in scope, or nil
	usesCtx    bool       // the goroutine uses ctx
	renameCtx  string     // the goroutine's ctx is renamed to this, or ""
	returnsErr bool       // the closure returns an error the goroutine lost
	errCall    ast.Expr   // the call whose error Wait now returns
	waitHow    rule.Text  // how Wait's error is handled, when not returned
	wait       string     // the statement that waits
	mods       *shared    // what the fixes of the pass share
	instead    string     // the configured errgroup the module cannot import, or ""
}

// suggestFix returns the errgroup rewrite of the loop that starts the go
// statement at cur, when it can be made correct and improves something:
// an error the goroutines lose now reaches Wait, whose error is returned,
// logged or fails the test; or the kratos errgroup turns their panics
// into that error. x/sync's errgroup does not recover panics, so a
// rewrite to it that only moves the goroutines into a group is not
// offered.
func suggestFix(pass *analysis.Pass, opts *rule.Options, mods *shared, cur, fnCur inspector.Cursor, l launch) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	r, ok := newRewrite(pass, opts, cur, fnCur, l)
	if !ok {
		return none, false
	}
	r.mods = mods
	if l.join != nil {
		if r.wgDone, ok = r.removeWaitGroup(fnCur, r.loopStmt, l, r.gs, r.lit); !ok {
			return none, false // the WaitGroup is used for something else too
		}
	} else if usesWaitGroup(r.info, r.gs.Call) {
		return none, false // a WaitGroup waited for elsewhere
	}
	decl, importEdits, ok := r.group()
	if !ok {
		return none, false
	}
	if !r.closure() || !r.waitFor(decl) {
		return none, false
	}
	if !r.kratos && (!r.returnsErr || strings.HasPrefix(r.wait, "_ =")) {
		// x/sync's errgroup does not recover panics: the rewrite helps only
		// when an error the goroutines lose now reaches someone.
		return none, false
	}
	r.edits = append(r.edits, importEdits...)
	if l.join != nil && !r.removeSyncImport() {
		return none, false
	}
	title := r.title()
	if r.instead != "" {
		title = msgWithInstead.With(title, r.path, r.instead)
	}
	// The result must be gofmt'd; otherwise the fix is not offered.
	edits, ok := fixutil.GofmtStrict(pass, r.file, r.edits)
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, title), TextEdits: edits}, true
}

// newRewrite checks that the go statement at cur can be rewritten: one
// go statement of the function in a finite loop that no other function
// waits for, the loop and the go statement statements of their own, and
// a goroutine that a closure can run as it stands.
func newRewrite(pass *analysis.Pass, opts *rule.Options, cur, fnCur inspector.Cursor, l launch) (*rewrite, bool) {
	switch {
	case !l.fan.Valid():
		return nil, false // not in a finite loop: nothing to wait for
	case l.remote != nil:
		return nil, false // another function waits for them: waiting here too would be wrong
	case l.join != nil && l.join.wait == nil:
		return nil, false // results collected from a channel by hand: the rewrite would have to restructure them
	}
	gs := cur.Node().(*ast.GoStmt)
	info := pass.TypesInfo
	file := fixutil.FileOf(pass.Files, gs.Pos())
	if file == nil || info.TypeOf(gs.Call.Fun) == nil {
		return nil, false // no file or no types
	}
	src, ok := fixutil.Content(pass, file)
	if !ok {
		return nil, false
	}
	f := &fixer{pass: pass, info: info, file: file, src: src, base: pass.Fset.File(file.FileStart).Base()}
	r := &rewrite{fixer: f, opts: opts, cur: cur, fnCur: fnCur, l: l, gs: gs}
	n := 0
	for c := range l.fan.Preorder((*ast.GoStmt)(nil)) {
		if fc, ok := typesutil.OuterFunc(c); ok && fc == fnCur {
			n++
		}
	}
	if n != 1 {
		return nil, false // several launches in one loop: rewrite them by hand
	}
	r.loopStmt = l.fan
	for r.loopStmt.ParentEdgeKind() == edge.LabeledStmt_Stmt {
		r.loopStmt = r.loopStmt.Parent()
	}
	fset := pass.Fset
	switch {
	case !isListElem(r.loopStmt) || !f.startsLine(r.loopStmt.Node().Pos()):
		return nil, false // the loop is not a statement of its own
	case !f.startsLine(gs.Pos()) || !isListElem(cur):
		return nil, false // the go statement shares its line or is not in a block
	}
	if next, ok := cur.NextSibling(); ok && fset.Position(next.Node().Pos()).Line == fset.Position(gs.End()).Line {
		return nil, false // another statement follows on the line
	}
	r.lit, _ = gs.Call.Fun.(*ast.FuncLit)
	switch {
	case r.lit != nil && r.lit.Type.Results != nil && len(r.lit.Type.Results.List) > 0:
		return nil, false // go func() T {…}(): its results were discarded, g.Go wants error
	case r.lit == nil && !isSimpleCall(gs.Call):
		return nil, false // the call evaluates something at the go statement that a closure would evaluate later
	case l.join == nil && !isTaskLike(info, gs, r.lit):
		return nil, false // long-running workers: waiting for them would block forever
	}
	return r, true
}

// group decides which errgroup, its name and its context, and returns
// the declaration of the group and the edits that import errgroup.
func (r *rewrite) group() (string, []analysis.TextEdit, bool) {
	pass, fset, loopPos := r.pass, r.pass.Fset, r.loopStmt.Node().Pos()
	tgt, ok := r.mods.errgroupTarget(r.file, r.opts)
	if !ok {
		return "", nil, false // no errgroup package that go.mod provides for
	}
	r.path, r.kratos, r.instead = tgt.path, tgt.kratos, tgt.instead
	kratos := r.kratos
	imports := []string{r.path}
	if kratos {
		imports = append(imports, "context")
	}
	names, importEdits, ok := addImports(fset, pass.Pkg, r.file, loopPos, imports)
	if !ok {
		return "", nil, false // the name errgroup or context is taken
	}
	name := names[0]
	if kratos {
		r.ctxName = names[1]
	}
	r.gName, ok = freshName(pass.Pkg, []token.Pos{loopPos, r.gs.Pos(), r.loopStmt.Node().End()}, "g", "eg", "group")
	if !ok {
		return "", nil, false
	}
	r.ctxObj = contextInScope(pass.Pkg, loopPos)
	r.usesCtx = r.ctxObj != nil && refersTo(r.info, r.gs.Call, r.ctxObj)
	switch {
	case kratos && r.ctxObj != nil:
		return fmt.Sprintf("%s := %s.WithContext(%s)", r.gName, name, r.ctxObj.Name()), importEdits, true
	case kratos || !r.usesCtx:
		return fmt.Sprintf("%s := new(%s.Group)", r.gName, name), importEdits, true
	}
	derived := r.ctxObj.Name()
	if usedOutside(r.info, r.fnCur, r.ctxObj, loopPos, r.gs.Call) {
		derived, ok = freshName(pass.Pkg, []token.Pos{loopPos, r.gs.Pos()}, "gctx", "egctx")
		if !ok {
			return "", nil, false
		}
		r.renameCtx = derived
	}
	return fmt.Sprintf("%s, %s := %s.WithContext(%s)", r.gName, derived, name, r.ctxObj.Name()), importEdits, true
}

// closure rewrites the go statement to g.Go, with the copies of the loop
// variables and parameters the closure must make.
func (r *rewrite) closure() bool {
	fset := r.pass.Fset
	copies, ok := r.copies(r.fnCur, r.l, r.gs, r.lit)
	if !ok {
		return false
	}
	param := ""
	if r.kratos {
		param = r.ctxName + ".Context"
		if ctxParamOK(r.info, r.gs.Call, r.ctxObj) {
			param = "ctx " + param
		}
	}
	head := fmt.Sprintf("%s.Go(func(%s) error {", r.gName, param)
	goIndent := fixutil.Indent(fset, r.gs.Pos())
	if r.lit != nil {
		if r.errCall, ok = r.rewriteLit(r.gs, r.lit, r.wgDone, head, goIndent, r.ctxObj, r.renameCtx); !ok {
			return false
		}
		r.returnsErr = r.errCall != nil
	} else {
		r.errCall = r.gs.Call.Fun
		body, ok := r.callBody(r.gs.Call, goIndent, r.ctxObj, r.renameCtx)
		if !ok {
			return false
		}
		r.returnsErr = returnsError(r.info, r.gs.Call)
		r.add(r.gs.Pos(), r.gs.End(), head+"\n"+goIndent+"\t"+body+"\n"+goIndent+"})")
	}
	if len(copies) > 0 {
		var b strings.Builder
		for _, c := range copies {
			b.WriteString(goIndent + c + "\n")
		}
		at := fixutil.LineStart(fset, r.gs.Pos())
		r.add(at, at, b.String())
	}
	return true
}

// waitFor declares the group before the loop and waits for it where the
// WaitGroup was waited for, or after the loop.
func (r *rewrite) waitFor(decl string) bool {
	fset := r.pass.Fset
	indent := fixutil.Indent(fset, r.l.fan.Node().Pos()) // a label is outdented: use the loop's own
	at := fixutil.LineStart(fset, r.loopStmt.Node().Pos())
	r.add(at, at, indent+decl+"\n")
	var leaves, ok bool
	r.wait, r.waitHow, leaves, ok = r.waitStmt(r.fnCur, r.gName, indent, r.kratos, r.opts)
	if !ok {
		return false
	}
	var waitAfter ast.Stmt = r.loopStmt.Node().(ast.Stmt) // where the wait goes: after it
	if r.l.join != nil {
		waitAfter = r.waitExprStmt(r.fnCur, r.l.join.wait)
	}
	if leaves && r.mods.exits.SkipsCleanup(r.fnCur.Node(), waitAfter, true, syncflow.Return) {
		return false // returning on Wait's error would skip an Unlock, Done, cancel or deferred Close
	}
	if r.l.join != nil {
		r.add(waitAfter.Pos(), waitAfter.End(), r.wait)
	} else {
		end := fixutil.LineEnd(fset, r.loopStmt.Node().End())
		r.add(end, end, "\n"+indent+r.wait)
	}
	return true
}

// title says what the rewrite changes.
func (r *rewrite) title() rule.Text {
	what, whatWith := msgRewrite, msgRewriteWith
	var changes []rule.Text
	if r.l.join == nil {
		what, whatWith = msgWait, msgWaitWith
		var name any = msgTheFunction.With()
		if fd, ok := r.fnCur.Node().(*ast.FuncDecl); ok {
			name = fd.Name.Name
		}
		changes = append(changes, msgBlocks.With(name))
	}
	if r.returnsErr && !strings.HasPrefix(r.wait, "_ =") {
		e := msgFirstErr
		if !r.kratos && r.usesCtx {
			e = msgFirstErrCancels
		}
		changes = append(changes, e.With(types.ExprString(r.errCall)))
	}
	if r.kratos {
		changes = append(changes, msgPanicsErrors.With())
	}
	if !r.waitHow.IsZero() {
		changes = append(changes, r.waitHow)
	}
	if len(changes) == 0 {
		return what.With()
	}
	list := changes[0]
	for _, c := range changes[1:] {
		list = msgAnd.With(list, c)
	}
	return whatWith.With(list)
}

// isListElem reports whether the statement at cur is an element of a
// block or case body.
func isListElem(cur inspector.Cursor) bool {
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return true
	}
	return false
}

// funcName names the function of fnCur for a title.
func funcName(fnCur inspector.Cursor) string {
	if fd, ok := fnCur.Node().(*ast.FuncDecl); ok {
		return fd.Name.Name
	}
	return "the function"
}

// isSimpleCall reports whether evaluating call's function and arguments
// later, in a closure, reads the same variables as now: they are
// identifiers, literals, selectors, &x, *x and indexes of those.
func isSimpleCall(call *ast.CallExpr) bool {
	if call.Ellipsis.IsValid() && len(call.Args) == 0 {
		return false
	}
	if !isSimpleExpr(call.Fun) {
		return false
	}
	for _, a := range call.Args {
		if !isSimpleExpr(a) {
			return false
		}
	}
	return true
}

func isSimpleExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return isSimpleExpr(e.X)
	case *ast.SelectorExpr:
		return isSimpleExpr(e.X)
	case *ast.UnaryExpr:
		return e.Op == token.AND && isSimpleExpr(e.X)
	case *ast.StarExpr:
		return isSimpleExpr(e.X)
	case *ast.IndexExpr:
		return isSimpleExpr(e.X) && isSimpleExpr(e.Index)
	}
	return false
}

// isTaskLike reports whether the goroutine of gs looks like a task that
// finishes (so that waiting for it is right) rather than a worker: a
// function literal with no endless loop or select, or a call to a
// function that returns an error and is not named like a server or loop.
func isTaskLike(info *types.Info, gs *ast.GoStmt, lit *ast.FuncLit) bool {
	if lit == nil {
		fn := typesutil.Callee(info, gs.Call)
		if fn == nil || !returnsError(info, gs.Call) {
			return false
		}
		name := strings.ToLower(fn.Name())
		for _, w := range []string{"serve", "run", "listen", "loop", "proc", "daemon", "watch", "start", "consume", "worker"} {
			if strings.Contains(name, w) {
				return false
			}
		}
		return true
	}
	task := true
	inspectGoroutine(lit.Body, func(n ast.Node, _ []ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectStmt:
			task = false
		case *ast.ForStmt:
			if n.Cond == nil {
				task = false
			}
		case *ast.RangeStmt:
			if !isFiniteLoop(info, n) {
				task = false
			}
		}
		return task
	})
	return task
}

// usesWaitGroup reports whether a WaitGroup appears in call.
func usesWaitGroup(info *types.Info, call *ast.CallExpr) bool {
	found := false
	ast.Inspect(call, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && !found {
			if t := info.TypeOf(e); t != nil && typesutil.IsNamed(t, "sync", "WaitGroup") {
				found = true
			}
		}
		return !found
	})
	return found
}
