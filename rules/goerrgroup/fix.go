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
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"go/version"
	"sort"
	"strconv"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// xsyncPath is the import path of x/sync's errgroup, and xsyncModule its module.
const (
	xsyncPath   = "golang.org/x/sync/errgroup"
	xsyncModule = "golang.org/x/sync"
)

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

// suggestFix returns the errgroup rewrite of the loop that starts the go
// statement at cur, when it can be made correct.
func suggestFix(pass *analysis.Pass, opts *rule.Options, mods *modCache, cur, fnCur inspector.Cursor, l launch, drops bool) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if !l.fan.Valid() {
		return none, false // not in a finite loop: nothing to wait for
	}
	if l.join != nil && l.join.wait == nil {
		return none, false // results collected from a channel by hand: the rewrite would have to restructure them
	}
	gs := cur.Node().(*ast.GoStmt)
	info := pass.TypesInfo
	file := fixutil.FileOf(pass.Files, gs.Pos())
	if file == nil || info.TypeOf(gs.Call.Fun) == nil {
		return none, false // no file or no types
	}
	src, ok := fixutil.Content(pass, file)
	if !ok {
		return none, false
	}
	f := &fixer{pass: pass, info: info, file: file, src: src, base: pass.Fset.File(file.FileStart).Base()}
	fset := pass.Fset

	// One go statement in the loop, of this function.
	n := 0
	for c := range l.fan.Preorder((*ast.GoStmt)(nil)) {
		if fc, ok := typesutil.OuterFunc(c); ok && fc == fnCur {
			n++
		}
	}
	if n != 1 {
		return none, false // several launches in one loop: rewrite them by hand
	}
	loopStmt := l.fan
	for loopStmt.ParentEdgeKind() == edge.LabeledStmt_Stmt {
		loopStmt = loopStmt.Parent()
	}
	if !isListElem(loopStmt) || !f.startsLine(loopStmt.Node().Pos()) {
		return none, false // the loop is not a statement of its own
	}
	if !f.startsLine(gs.Pos()) || !isListElem(cur) {
		return none, false // the go statement shares its line or is not in a block
	}
	if next, ok := cur.NextSibling(); ok && fset.Position(next.Node().Pos()).Line == fset.Position(gs.End()).Line {
		return none, false // another statement follows on the line
	}

	lit, _ := gs.Call.Fun.(*ast.FuncLit)
	if lit != nil && lit.Type.Results != nil && len(lit.Type.Results.List) > 0 {
		return none, false // go func() T {…}(): its results were discarded, g.Go wants error
	}
	if lit == nil && !isSimpleCall(gs.Call) {
		return none, false // the call evaluates something at the go statement that a closure would evaluate later
	}
	if l.join == nil && !isTaskLike(info, gs, lit) {
		return none, false // long-running workers: waiting for them would block forever
	}

	// The WaitGroup's statements, all of which must go.
	var wgDone ast.Stmt
	if l.join != nil {
		var ok bool
		if wgDone, ok = f.removeWaitGroup(fnCur, loopStmt, l, gs, lit); !ok {
			return none, false
		}
	} else if usesWaitGroup(info, gs.Call) {
		return none, false // a WaitGroup waited for elsewhere
	}

	// Which errgroup.
	path, kratos := errgroupTarget(file, opts)
	imports := []string{path}
	if kratos {
		imports = append(imports, "context")
	}
	names, importEdits, ok := addImports(fset, pass.Pkg, file, loopStmt.Node().Pos(), imports)
	if !ok {
		return none, false // the name errgroup or context is taken
	}
	name, ctxName := names[0], "context"
	if kratos {
		ctxName = names[1]
	}

	gName, ok := freshName(pass.Pkg, []token.Pos{loopStmt.Node().Pos(), gs.Pos(), loopStmt.Node().End()}, "g", "eg", "group")
	if !ok {
		return none, false
	}
	indent := fixutil.Indent(fset, l.fan.Node().Pos()) // a label is outdented: use the loop's own
	goIndent := fixutil.Indent(fset, gs.Pos())

	// The context.
	ctxObj := contextInScope(pass.Pkg, loopStmt.Node().Pos())
	usesCtx := ctxObj != nil && refersTo(info, gs.Call, ctxObj)
	renameCtx := ""
	var decl, title string
	switch {
	case kratos && ctxObj != nil:
		decl = fmt.Sprintf("%s := %s.WithContext(%s)", gName, name, ctxObj.Name())
	case kratos || !usesCtx:
		decl = fmt.Sprintf("%s := new(%s.Group)", gName, name)
	default:
		derived := ctxObj.Name()
		if usedOutside(info, fnCur, ctxObj, loopStmt.Node().Pos(), gs.Call) {
			derived, ok = freshName(pass.Pkg, []token.Pos{loopStmt.Node().Pos(), gs.Pos()}, "gctx", "egctx")
			if !ok {
				return none, false
			}
			renameCtx = derived
		}
		decl = fmt.Sprintf("%s, %s := %s.WithContext(%s)", gName, derived, name, ctxObj.Name())
	}

	// Loop variables and parameters the closure must copy.
	copies, ok := f.copies(fnCur, l, gs, lit)
	if !ok {
		return none, false
	}

	// The closure.
	param := ""
	if kratos {
		param = ctxName + ".Context"
		if ctxParamOK(info, gs.Call, ctxObj) {
			param = "ctx " + param
		}
	}
	head := fmt.Sprintf("%s.Go(func(%s) error {", gName, param)
	returnsErr := false
	var errCall ast.Expr // the call whose error Wait now returns
	if lit != nil {
		if errCall, ok = f.rewriteLit(gs, lit, wgDone, head, goIndent, ctxObj, renameCtx); !ok {
			return none, false
		}
		returnsErr = errCall != nil
	} else {
		errCall = gs.Call.Fun
		body, ok := f.callBody(gs.Call, goIndent, ctxObj, renameCtx)
		if !ok {
			return none, false
		}
		returnsErr = returnsError(info, gs.Call)
		f.add(gs.Pos(), gs.End(), head+"\n"+goIndent+"\t"+body+"\n"+goIndent+"})")
	}
	if len(copies) > 0 {
		var b strings.Builder
		for _, c := range copies {
			b.WriteString(goIndent + c + "\n")
		}
		at := fixutil.LineStart(fset, gs.Pos())
		f.add(at, at, b.String())
	}

	// The group and its Wait.
	at := fixutil.LineStart(fset, loopStmt.Node().Pos())
	f.add(at, at, indent+decl+"\n")
	wait, waitHow, ok := f.waitStmt(fnCur, gName, indent, kratos, opts)
	if !ok {
		return none, false
	}
	if l.join == nil && strings.HasPrefix(wait, "_ =") {
		return none, false // blocking on goroutines only to discard their errors helps no one
	}
	if l.join != nil {
		waitExpr := f.waitExprStmt(fnCur, l.join.wait)
		f.add(waitExpr.Pos(), waitExpr.End(), wait)
	} else {
		end := fixutil.LineEnd(fset, loopStmt.Node().End())
		f.add(end, end, "\n"+indent+wait)
	}

	// Imports: errgroup (and context) in, sync out when unused.
	f.edits = append(f.edits, importEdits...)
	if l.join != nil && !f.removeSyncImport() {
		return none, false
	}

	// The title says what changes.
	what := "Rewrite the WaitGroup to errgroup"
	if l.join == nil {
		what = "Wait for the goroutines with errgroup"
	}
	var changes []string
	if l.join == nil {
		changes = append(changes, fmt.Sprintf("%s now blocks until they finish", funcName(fnCur)))
	}
	if returnsErr && !strings.HasPrefix(wait, "_ =") {
		e := "Wait returns the first error of " + types.ExprString(errCall)
		if !kratos && usesCtx {
			e += " and cancels ctx"
		}
		changes = append(changes, e)
	}
	if kratos {
		changes = append(changes, "panics become errors")
	}
	if waitHow != "" {
		changes = append(changes, waitHow)
	}
	title = what
	if len(changes) > 0 {
		title += ": " + strings.Join(changes, ", ")
	}
	if mod := mods.missing(fset.File(file.FileStart).Name(), path, file); mod != "" {
		title += " (needs go get " + mod + ")"
	}

	// The result must be gofmt'd; otherwise the fix is not offered.
	fixed, ok := fixutil.Apply(src, f.base, f.edits)
	if !ok {
		return none, false
	}
	if formatted, err := format.Source(fixed); err != nil || !bytes.Equal(formatted, fixed) {
		return none, false
	}
	return analysis.SuggestedFix{Message: title, TextEdits: f.edits}, true
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

// errgroupTarget returns the errgroup import path to rewrite to and
// whether it is a kratos errgroup: the one the file imports already, else
// the configured one.
func errgroupTarget(file *ast.File, opts *rule.Options) (string, bool) {
	for _, spec := range file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue // malformed import
		}
		if p == xsyncPath {
			return p, false
		}
		if opts.FrameworkPackage(p, "sync/errgroup") {
			return p, true
		}
	}
	p := opts.ErrgroupImport
	if p == "" {
		p = rule.DefaultErrgroupImport
	}
	return p, opts.FrameworkPackage(p, "sync/errgroup")
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

// removeWaitGroup deletes the WaitGroup's declaration, Adds and Done, and
// returns the Done statement of the goroutine. It reports false when the
// WaitGroup is used in any other way.
func (f *fixer) removeWaitGroup(fnCur, loopStmt inspector.Cursor, l launch, gs *ast.GoStmt, lit *ast.FuncLit) (ast.Stmt, bool) {
	info := f.info
	wg, ok := l.join.wg.(*types.Var)
	if !ok || wg.IsField() || lit == nil {
		return nil, false // a field lives on after the function; a call form gets wg as an argument
	}
	body := typesutil.FuncBody(fnCur.Node())
	if body == nil || wg.Pos() < body.Pos() || wg.Pos() > body.End() {
		return nil, false // a parameter or a captured variable: used beyond this function
	}
	waitStmt := f.waitExprStmt(fnCur, l.join.wait)
	if waitStmt == nil {
		return nil, false
	}
	// The Wait must be in the loop's block, after it.
	waitCur, ok := fnCur.FindNode(waitStmt)
	if !ok || waitCur.Parent() != loopStmt.Parent() || !isListElem(waitCur) {
		return nil, false // waited for in another block or goroutine
	}
	var done ast.Stmt
	handled := map[*ast.Ident]bool{}
	// Every use of wg must be one of the statements the rewrite removes.
	for c := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if info.ObjectOf(id) != wg || handled[id] {
			continue // another identifier
		}
		stmtCur, ok := stmtOf(c, fnCur)
		if !ok {
			return nil, false
		}
		stmt, _ := stmtCur.Node().(ast.Stmt)
		switch s := stmt.(type) {
		case *ast.DeclStmt:
			if !f.removeVarSpec(s, wg) {
				return nil, false // wg declared with others on a line, or with a value
			}
		case *ast.AssignStmt:
			if !isWaitGroupDecl(info, s, wg) {
				return nil, false // wg assigned again or used in an expression
			}
			if !f.deleteLine(s) {
				return nil, false
			}
		case *ast.ExprStmt, *ast.DeferStmt:
			m := methodCall(info, s, wg)
			switch {
			case m == "Add" && !inNode(id, gs) && (s.Pos() < loopStmt.Node().Pos() || inNode(id, loopStmt.Node())):
				if !f.deleteLine(s) {
					return nil, false
				}
			case m == "Done" && lit != nil && stmtCur.Parent().Node() == lit.Body && done == nil:
				if _, isExpr := s.(*ast.ExprStmt); isExpr && (lit.Body.List[len(lit.Body.List)-1] != s || hasReturn(lit)) {
					return nil, false // a Done that early returns skip: the original hangs on those paths
				}
				if !f.deleteLine(s) {
					return nil, false
				}
				done = s.(ast.Stmt)
			case m == "Wait" && s == waitStmt:
				// replaced by g.Wait
			default:
				return nil, false // passed on, or a second Wait or Done
			}
		default:
			return nil, false
		}
		handled[id] = true
	}
	if done == nil {
		return nil, false // the goroutine never calls Done: not the pattern
	}
	return done, true
}

// waitExprStmt returns the expression statement of the Wait call, or nil.
func (f *fixer) waitExprStmt(fnCur inspector.Cursor, wait *ast.CallExpr) ast.Stmt {
	c, ok := fnCur.FindNode(wait)
	if !ok {
		return nil
	}
	if s, ok := c.Parent().Node().(*ast.ExprStmt); ok {
		return s
	}
	return nil
}

// stmtOf returns the innermost statement around c within fnCur.
func stmtOf(c, fnCur inspector.Cursor) (inspector.Cursor, bool) {
	for p := c.Parent(); p != fnCur && p.Node() != nil; p = p.Parent() {
		if _, ok := p.Node().(ast.Stmt); ok {
			return p, true
		}
	}
	return inspector.Cursor{}, false
}

// isWaitGroupDecl reports whether s declares wg alone with its zero value:
// var wg sync.WaitGroup, wg := sync.WaitGroup{}, &sync.WaitGroup{} or
// new(sync.WaitGroup).
func isWaitGroupDecl(info *types.Info, s ast.Stmt, wg *types.Var) bool {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE || len(s.Lhs) != 1 || len(s.Rhs) != 1 || info.Defs[s.Lhs[0].(*ast.Ident)] != wg {
			return false
		}
		switch r := ast.Unparen(s.Rhs[0]).(type) {
		case *ast.CompositeLit:
			return len(r.Elts) == 0
		case *ast.UnaryExpr:
			cl, ok := r.X.(*ast.CompositeLit)
			return ok && r.Op == token.AND && len(cl.Elts) == 0
		case *ast.CallExpr:
			id, ok := r.Fun.(*ast.Ident)
			return ok && id.Name == "new" && len(r.Args) == 1
		}
	}
	return false
}

// removeVarSpec deletes the declaration of wg from a var declaration:
// the whole statement when wg is all it declares, else wg's line of the
// var block, which is then laid out again as gofmt aligns it.
func (f *fixer) removeVarSpec(s *ast.DeclStmt, wg *types.Var) bool {
	g, ok := s.Decl.(*ast.GenDecl)
	if !ok || g.Tok != token.VAR {
		return false
	}
	var spec *ast.ValueSpec
	for _, sp := range g.Specs {
		if vs, ok := sp.(*ast.ValueSpec); ok && len(vs.Names) == 1 && f.info.Defs[vs.Names[0]] == wg && len(vs.Values) == 0 {
			spec = vs
		}
	}
	if spec == nil {
		return false
	}
	if len(g.Specs) == 1 {
		return f.deleteLine(s)
	}
	if !g.Lparen.IsValid() {
		return false
	}
	fset := f.pass.Fset
	line := func(p token.Pos) int { return fset.Position(p).Line }
	for _, sp := range g.Specs {
		if sp != spec && (line(sp.End()) == line(spec.Pos()) || line(sp.Pos()) == line(spec.End())) {
			return false // another spec on wg's line
		}
	}
	start := fixutil.LineStart(fset, spec.Pos())
	end := fixutil.NextLineStart(fset, spec.End())
	text := string(f.src[int(g.Pos())-f.base:int(start)-f.base]) + string(f.src[int(end)-f.base:int(g.End())-f.base])
	indent := fixutil.Indent(fset, s.Pos())
	out, err := format.Source([]byte("package p\n\nfunc _() {\n\t" + fixutil.Reindent(text, indent, "\t") + "\n}\n"))
	if err != nil {
		return false
	}
	body := string(out)
	i := strings.Index(body, "{\n")
	j := strings.LastIndex(body, "\n}")
	if i < 0 || j < i {
		return false
	}
	body = strings.TrimPrefix(body[i+2:j], "\t")
	f.add(g.Pos(), g.End(), fixutil.Reindent(body, "\t", indent))
	f.deleted = append(f.deleted, [2]token.Pos{spec.Pos(), spec.End()})
	return true
}

// methodCall returns the name of the method of wg that statement s calls
// (wg.M(…) or defer wg.M(…)), or "".
func methodCall(info *types.Info, s ast.Node, wg *types.Var) string {
	var call *ast.CallExpr
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, _ = s.X.(*ast.CallExpr)
	case *ast.DeferStmt:
		call = s.Call
	}
	if call == nil {
		return ""
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || objectOf(info, ast.Unparen(sel.X)) != wg {
		return ""
	}
	return sel.Sel.Name
}

// hasReturn reports whether lit's body has a return statement of its own.
func hasReturn(lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}

// freshName returns the first of names that is neither visible at any of
// positions nor declared in the block around the first of them.
func freshName(pkg *types.Package, positions []token.Pos, names ...string) (string, bool) {
	if pkg == nil || len(positions) == 0 {
		return "", false
	}
next:
	for _, name := range names {
		if !fixutil.Free(pkg, positions[0], name) {
			continue // shadows or clashes where it is declared
		}
		for _, pos := range positions[1:] {
			if fixutil.Visible(pkg, pos, name) {
				continue next // would hide something where it is used
			}
		}
		return name, true
	}
	return "", false
}

// contextInScope returns the context.Context variable named ctx visible
// at pos, or nil.
func contextInScope(pkg *types.Package, pos token.Pos) *types.Var {
	if pkg == nil {
		return nil
	}
	scope := pkg.Scope().Innermost(pos)
	if scope == nil {
		return nil
	}
	_, obj := scope.LookupParent("ctx", pos)
	v, ok := obj.(*types.Var)
	if !ok || !typesutil.IsNamed(v.Type(), "context", "Context") {
		return nil
	}
	return v
}

// refersTo reports whether n refers to obj.
func refersTo(info *types.Info, n ast.Node, obj types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}

// usedOutside reports whether obj is used in fnCur at or after from,
// outside the goroutine's call.
func usedOutside(info *types.Info, fnCur inspector.Cursor, obj types.Object, from token.Pos, call *ast.CallExpr) bool {
	for c := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if id.Pos() >= from && info.Uses[id] == obj && !inNode(id, call) {
			return true
		}
	}
	return false
}

// ctxParamOK reports whether the kratos closure's parameter may be named
// ctx: every ctx the goroutine refers to is the one the group gets (or it
// refers to none), so that the parameter shadows nothing else.
func ctxParamOK(info *types.Info, call *ast.CallExpr, group *types.Var) bool {
	ok := true
	ast.Inspect(call, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || id.Name != "ctx" {
			return ok
		}
		if obj := info.ObjectOf(id); obj != nil && obj != types.Object(group) {
			ok = false
		}
		return ok
	})
	return ok
}

// copies returns the statements that copy, before g.Go, the loop
// variables and parameters the new closure captures.
func (f *fixer) copies(fnCur inspector.Cursor, l launch, gs *ast.GoStmt, lit *ast.FuncLit) ([]string, bool) {
	info := f.info
	old := isOldLoopSemantics(f.pass, f.file)
	loopVars := map[types.Object]bool{}
	for _, loop := range l.loops {
		for _, v := range loopVarsOf(info, loop.Node()) {
			loopVars[v] = true
		}
		if loop == l.fan {
			break
		}
	}
	scope := f.pass.Pkg.Scope().Innermost(gs.Pos())
	if scope == nil {
		return nil, false
	}
	var out []string
	seen := map[string]bool{}
	declare := func(name, expr string) bool {
		if seen[name] {
			return true
		}
		if scope.Lookup(name) != nil {
			return false // declared in the go statement's block already
		}
		seen[name] = true
		out = append(out, name+" := "+expr)
		return true
	}
	fanBody := loopBody(l.fan.Node())
	if lit != nil {
		params := lit.Type.Params.List
		i := 0
		for _, field := range params {
			if _, ok := field.Type.(*ast.Ellipsis); ok {
				return nil, false // variadic: the arguments would need a slice
			}
			names := field.Names
			if len(names) == 0 {
				names = []*ast.Ident{nil}
			}
			for _, name := range names {
				if i >= len(gs.Call.Args) {
					return nil, false
				}
				arg := gs.Call.Args[i]
				i++
				if name == nil || name.Name == "_" {
					if !isSimpleExpr(arg) {
						return nil, false // an argument evaluated for its effect
					}
					continue
				}
				if id, ok := ast.Unparen(arg).(*ast.Ident); ok && id.Name == name.Name {
					obj := info.Uses[id]
					perIteration := obj != nil && (loopVars[obj] && !old ||
						!loopVars[obj] && fanBody != nil && obj.Pos() > fanBody.Pos() && obj.Pos() < fanBody.End())
					if perIteration && !assignedAfter(info, fnCur, obj, gs.End(), nil) {
						continue // the closure captures the same per-iteration variable
					}
					if !declare(name.Name, id.Name) {
						return nil, false
					}
					continue
				}
				if _, obj := scope.LookupParent(name.Name, gs.Pos()); obj != nil {
					return nil, false // the copy would shadow a visible name below it
				}
				if !declare(name.Name, f.text(arg)) {
					return nil, false
				}
			}
		}
		if i != len(gs.Call.Args) {
			return nil, false
		}
	}
	// Variables the closure now reads later than the go statement did.
	var captured []*ast.Ident
	var closure ast.Node = gs.Call // a call's function and arguments are now evaluated in the closure
	if lit != nil {
		closure = lit.Body // the arguments are evaluated by the copies above, as before
	}
	ast.Inspect(closure, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			captured = append(captured, id)
		}
		return true
	})
	for _, id := range captured {
		obj, ok := info.Uses[id].(*types.Var)
		if !ok || obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() {
			continue // not a local variable
		}
		inArgs := lit == nil || !inNode(id, lit)
		switch {
		case loopVars[obj] && old:
			// Before Go 1.22 the loop shares one variable: copy it.
		case inArgs && !loopVars[obj] && assignedAfter(info, fnCur, obj, gs.End(), l.fan.Node()):
			// Assigned after the go statement (or on a later iteration): copy it.
		default:
			continue
		}
		if !declare(obj.Name(), obj.Name()) {
			return nil, false
		}
	}
	return out, true
}

// loopBody returns the body of a for or range statement.
func loopBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	}
	return nil
}

// loopVarsOf returns the variables a for or range statement declares.
func loopVarsOf(info *types.Info, loop ast.Node) []types.Object {
	var out []types.Object
	addIdent := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok {
			if obj := info.Defs[id]; obj != nil {
				out = append(out, obj)
			}
		}
	}
	switch loop := loop.(type) {
	case *ast.RangeStmt:
		if loop.Tok == token.DEFINE {
			addIdent(loop.Key)
			addIdent(loop.Value)
		}
	case *ast.ForStmt:
		if as, ok := loop.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, l := range as.Lhs {
				addIdent(l)
			}
		}
	}
	return out
}

// assignedAfter reports whether obj is assigned (or has its address
// taken) in fnCur after pos, or anywhere inside loop (a later iteration).
func assignedAfter(info *types.Info, fnCur inspector.Cursor, obj types.Object, pos token.Pos, loop ast.Node) bool {
	found := false
	check := func(e ast.Expr, at token.Pos) {
		for {
			switch x := e.(type) {
			case *ast.SelectorExpr:
				e = x.X
				continue
			case *ast.IndexExpr:
				e = x.X
				continue
			case *ast.ParenExpr:
				e = x.X
				continue
			case *ast.StarExpr:
				e = x.X
				continue
			}
			break
		}
		id, ok := e.(*ast.Ident)
		if !ok || info.ObjectOf(id) != obj || info.Defs[id] == obj {
			return
		}
		if at > pos || loop != nil && at >= loop.Pos() && at < loop.End() {
			found = true
		}
	}
	ast.Inspect(fnCur.Node(), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				check(l, n.Pos())
			}
		case *ast.IncDecStmt:
			check(n.X, n.Pos())
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				check(n.X, n.Pos())
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				if n.Key != nil {
					check(n.Key, n.Pos())
				}
				if n.Value != nil {
					check(n.Value, n.Pos())
				}
			}
		}
		return !found
	})
	return found
}

// isOldLoopSemantics reports whether file is compiled with a Go version
// before 1.22, where a loop shares one variable across iterations. An
// unknown version counts as old: the copies are harmless after 1.22.
func isOldLoopSemantics(pass *analysis.Pass, file *ast.File) bool {
	v := pass.TypesInfo.FileVersions[file]
	if v == "" && pass.Module != nil {
		v = pass.Module.GoVersion
		if v != "" && !strings.HasPrefix(v, "go") {
			v = "go" + v
		}
	}
	if !version.IsValid(v) {
		return true
	}
	return version.Compare(v, "go1.22") < 0
}

// rewriteLit turns `go func(…) { … }(…)` into `g.Go(func() error { … })`:
// it replaces the head and the tail, removes the Done, and makes every
// bare return of the literal return nil, except the return of
// `if err != nil { return }`, which gave up on the error of a call and now
// returns it. A last statement that drops the error of a call becomes
// `return call`. rewriteLit returns the function of the first call whose
// error the closure now returns, or nil.
func (f *fixer) rewriteLit(gs *ast.GoStmt, lit *ast.FuncLit, done ast.Stmt, head, indent string, ctxObj *types.Var, renameCtx string) (ast.Expr, bool) {
	fset := f.pass.Fset
	body := lit.Body
	line := func(p token.Pos) int { return fset.Position(p).Line }
	if line(body.Lbrace) != line(gs.Pos()) || !f.startsLine(body.Rbrace) {
		return nil, false // a one-line or oddly laid out literal
	}
	var stmts []ast.Stmt
	for _, s := range body.List {
		if s != done {
			stmts = append(stmts, s)
		}
	}
	if len(stmts) > 0 && line(stmts[0].Pos()) == line(body.Lbrace) {
		return nil, false // a statement on the line of the brace
	}
	f.add(gs.Pos(), body.Lbrace+1, head)
	swallowed := f.swallowingReturns(lit)
	var errCall ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				at := n.Pos() + token.Pos(len("return"))
				if sw, ok := swallowed[n]; ok {
					f.add(at, at, " "+sw.name) // the error the goroutine gave up on
					if errCall == nil {
						errCall = sw.call
					}
				} else {
					f.add(at, at, " nil")
				}
			}
		case *ast.Ident:
			if renameCtx != "" && ctxObj != nil && f.info.Uses[n] == types.Object(ctxObj) {
				f.add(n.Pos(), n.End(), renameCtx)
			}
		}
		return true
	})
	switch {
	case len(stmts) > 0 && f.isErrorStatement(stmts[len(stmts)-1]):
		last := stmts[len(stmts)-1].(*ast.ExprStmt)
		f.add(last.Pos(), last.Pos(), "return ")
		if errCall == nil {
			errCall = last.X.(*ast.CallExpr).Fun
		}
	case len(stmts) == 0 || !isTerminating(stmts[len(stmts)-1]):
		at := fixutil.LineStart(fset, body.Rbrace)
		f.add(at, at, indent+"\treturn nil\n")
	}
	f.add(body.Rbrace+1, gs.End(), ")")
	return errCall, true
}

// A swallow is a bare return that gives up on an error: the name of the
// error variable, and the function of the call it holds the error of.
type swallow struct {
	name string
	call ast.Expr
}

// swallowingReturns finds, in the goroutine lit (not in function literals
// within it), the bare returns of `if err != nil { return }` where err is
// an error variable of lit assigned from a call by the if's init or by
// the statement just before the if. As g.Go closures they return err, so
// that the error reaches Wait.
func (f *fixer) swallowingReturns(lit *ast.FuncLit) map[*ast.ReturnStmt]swallow {
	res := map[*ast.ReturnStmt]swallow{}
	var visit func(list []ast.Stmt)
	visit = func(list []ast.Stmt) {
		for i, s := range list {
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false // another function's returns
				case *ast.BlockStmt:
					visit(n.List)
					return false
				case *ast.CaseClause:
					visit(n.Body)
					return false
				case *ast.CommClause:
					visit(n.Body)
					return false
				case *ast.IfStmt:
					if n != s {
						return true // nested in another statement: its previous statement is unknown
					}
					var prev ast.Stmt
					if i > 0 {
						prev = list[i-1]
					}
					if sw, ret, ok := f.swallowOf(lit, n, prev); ok {
						res[ret] = sw
					}
				}
				return true
			})
		}
	}
	visit(lit.Body.List)
	return res
}

// swallowOf reports whether ifs is `if err != nil { return }` giving up
// on the error of a call assigned by its init or by prev, and returns it.
func (f *fixer) swallowOf(lit *ast.FuncLit, ifs *ast.IfStmt, prev ast.Stmt) (swallow, *ast.ReturnStmt, bool) {
	if ifs.Else != nil || len(ifs.Body.List) != 1 {
		return swallow{}, nil, false
	}
	ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 0 {
		return swallow{}, nil, false
	}
	b, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return swallow{}, nil, false
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if isNil(f.info, x) {
		x, y = y, x
	}
	id, ok := x.(*ast.Ident)
	if !ok || !isNil(f.info, y) {
		return swallow{}, nil, false
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || !typesutil.IsError(v.Type()) || v.Pos() < lit.Pos() || v.Pos() > lit.End() {
		return swallow{}, nil, false // not an error variable of the goroutine
	}
	assign := ifs.Init
	if assign == nil {
		assign = prev
	}
	as, ok := assign.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return swallow{}, nil, false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return swallow{}, nil, false
	}
	for _, l := range as.Lhs {
		if typesutil.ObjectOf(f.info, l) == types.Object(v) {
			return swallow{name: id.Name, call: call.Fun}, ret, true
		}
	}
	return swallow{}, nil, false
}

// isErrorStatement reports whether s is a call statement whose only
// result, an error, it drops.
func (f *fixer) isErrorStatement(s ast.Stmt) bool {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok || isNeverFailing(f.info, call) {
		return false
	}
	sig, ok := f.info.TypeOf(call.Fun).(*types.Signature)
	return ok && sig.Results().Len() == 1 && typesutil.IsError(sig.Results().At(0).Type())
}

// isTerminating reports whether s ends its function: a return, a panic,
// or an if/else or block whose branches all end it. It is the spec's
// terminating statement (a body that ends in one needs no final return),
// not noreturn's question: a closure ending in log.Fatal still needs
// its return to compile.
func isTerminating(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := call.Fun.(*ast.Ident)
		return ok && id.Name == "panic"
	case *ast.BlockStmt:
		return len(s.List) > 0 && isTerminating(s.List[len(s.List)-1])
	case *ast.IfStmt:
		if s.Else == nil {
			return false
		}
		return isTerminating(s.Body) && isTerminating(s.Else)
	}
	return false
}

// callBody returns the body of the closure that runs call.
func (f *fixer) callBody(call *ast.CallExpr, indent string, ctxObj *types.Var, renameCtx string) (string, bool) {
	var renames []analysis.TextEdit
	if renameCtx != "" && ctxObj != nil {
		ast.Inspect(call, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && f.info.Uses[id] == types.Object(ctxObj) {
				renames = append(renames, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(renameCtx)})
			}
			return true
		})
	}
	text, ok := fixutil.Apply(f.src[int(call.Pos())-f.base:int(call.End())-f.base], int(call.Pos()), renames)
	if !ok {
		return "", false
	}
	callText := fixutil.Reindent(string(text), indent, indent+"\t")
	sig, ok := f.info.TypeOf(call.Fun).(*types.Signature)
	if !ok {
		return "", false
	}
	res := sig.Results()
	errAt := -1
	for i := 0; i < res.Len(); i++ {
		if typesutil.IsError(res.At(i).Type()) {
			errAt = i
		}
	}
	switch {
	case errAt < 0:
		return callText + "\n" + indent + "\treturn nil", true
	case res.Len() == 1:
		return "return " + callText, true
	}
	lhs := make([]string, res.Len())
	for i := range lhs {
		lhs[i] = "_"
	}
	lhs[errAt] = "err"
	return strings.Join(lhs, ", ") + " := " + callText + "\n" + indent + "\treturn err", true
}

// waitStmt returns the statement that waits for the group, and how it
// handles Wait's error when it does not return it.
func (f *fixer) waitStmt(fnCur inspector.Cursor, g, indent string, kratos bool, opts *rule.Options) (string, string, bool) {
	results, ok := typesutil.ResultsOf(f.info, fnCur.Node())
	if !ok {
		return "", "", false
	}
	if typesutil.ReturnsError(results) {
		q := typesutil.NewQualifier(f.file, f.pass.Pkg)
		vals, ok := q.ZeroReturn(results, "err")
		if !ok {
			return "", "", false
		}
		return fmt.Sprintf("if err := %s.Wait(); err != nil {\n%s\treturn %s\n%s}", g, indent, strings.Join(vals, ", "), indent), "", true
	}
	if t := typesutil.TestingParam(f.info, fnCur.Node()); t != "" {
		return fmt.Sprintf("if err := %s.Wait(); err != nil {\n%s\t%s.Fatal(err)\n%s}", g, indent, t, indent), "fails the test on its error", true
	}
	for _, spec := range f.file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || !opts.FrameworkPackage(p, "log") {
			continue // not the framework's log
		}
		name, ok := fixutil.ImportName(f.file, f.pass.Pkg, p)
		if !ok {
			continue
		}
		msg := strconv.Quote(funcName(fnCur) + ": %v")
		if funcName(fnCur) == "the function" {
			msg = strconv.Quote("errgroup: %v")
		}
		return fmt.Sprintf("if err := %s.Wait(); err != nil {\n%s\t%s.Error(%s, err)\n%s}", g, indent, name, msg, indent), "logs Wait's error", true
	}
	if kratos {
		return "", "", false // discarding Wait's error would hide the panics it now recovers
	}
	return "_ = " + g + ".Wait()", "discards Wait's error", true
}

// removeSyncImport deletes the import of sync when the rewrite removed
// its last use, and reports false when it cannot.
func (f *fixer) removeSyncImport() bool {
	var spec *ast.ImportSpec
	for _, s := range f.file.Imports {
		if p, err := strconv.Unquote(s.Path.Value); err == nil && p == "sync" && s.Name == nil {
			spec = s
		}
	}
	if spec == nil {
		return true // named or dot import: leave it
	}
	for id, obj := range f.info.Uses {
		pn, ok := obj.(*types.PkgName)
		if !ok || pn.Imported().Path() != "sync" || id.Pos() < f.file.FileStart || id.Pos() > f.file.FileEnd {
			continue // another package, or another file
		}
		removed := false
		for _, r := range f.deleted {
			if r[0] <= id.Pos() && id.Pos() < r[1] {
				removed = true
			}
		}
		if !removed {
			return true // sync is still used
		}
	}
	// Find the spec's declaration and neighbours.
	for _, d := range f.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue // not an import declaration
		}
		for i, s := range g.Specs {
			if s != spec {
				continue // another import
			}
			if !g.Lparen.IsValid() || len(g.Specs) == 1 {
				return false // the declaration would go too: rare, leave it to the user
			}
			line := func(p token.Pos) int { return f.pass.Fset.Position(p).Line }
			var prev, next ast.Spec
			if i > 0 {
				prev = g.Specs[i-1]
			}
			if i+1 < len(g.Specs) {
				next = g.Specs[i+1]
			}
			end := spec.End()
			if spec.Comment != nil {
				end = spec.Comment.End()
			}
			switch {
			case prev != nil && line(prev.End()) == line(spec.Pos())-1:
				f.add(prev.End(), end, "") // last or middle of its group
			case next != nil && line(next.Pos()) == line(end)+1:
				f.add(spec.Pos(), next.Pos(), "") // first of its group
			case prev != nil:
				f.add(prev.End(), end, "") // alone in its group: drop the group's blank line too
			default:
				f.add(spec.Pos(), next.Pos(), "")
			}
			return true
		}
	}
	return false
}

// addImports returns the names by which code at pos can refer to the
// packages at paths (named after their last element), and the edits that
// import them. fixutil.AddImport adds one import; two of its edits would
// overlap where the file has a single unparenthesized import, so that
// declaration is rewritten here as a whole.
func addImports(fset *token.FileSet, pkg *types.Package, file *ast.File, pos token.Pos, paths []string) ([]string, []analysis.TextEdit, bool) {
	var names, missing []string
	var edits []analysis.TextEdit
	for _, p := range paths {
		name, e, ok := fixutil.AddImport(fset, pkg, file, pos, p, p[strings.LastIndex(p, "/")+1:])
		if !ok {
			return nil, nil, false
		}
		names = append(names, name)
		if len(e) > 0 {
			missing = append(missing, p)
			edits = append(edits, e...)
		}
	}
	if len(missing) < 2 {
		return names, edits, true
	}
	var decl *ast.GenDecl
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			decl = g
			break
		}
	}
	if decl == nil || decl.Lparen.IsValid() {
		return names, edits, true // separate insertions, checked for overlap and layout later
	}
	old := decl.Specs[0].(*ast.ImportSpec)
	oldText := old.Path.Value
	if old.Name != nil {
		oldText = old.Name.Name + " " + oldText
	}
	oldPath, _ := strconv.Unquote(old.Path.Value)
	type spec struct{ path, text string }
	all := []spec{{oldPath, oldText}}
	for _, p := range missing {
		all = append(all, spec{p, strconv.Quote(p)})
	}
	isStd := func(p string) bool { return !strings.Contains(strings.SplitN(p, "/", 2)[0], ".") }
	sort.Slice(all, func(i, j int) bool {
		if isStd(all[i].path) != isStd(all[j].path) {
			return isStd(all[i].path)
		}
		return all[i].path < all[j].path
	})
	var b strings.Builder
	b.WriteString("import (\n")
	for i, sp := range all {
		if i > 0 && isStd(all[i-1].path) != isStd(sp.path) {
			b.WriteString("\n")
		}
		b.WriteString("\t" + sp.text + "\n")
	}
	b.WriteString(")")
	return names, []analysis.TextEdit{{Pos: decl.Pos(), End: decl.End(), NewText: []byte(b.String())}}, true
}
