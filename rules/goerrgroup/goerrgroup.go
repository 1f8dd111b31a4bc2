// Package goerrgroup defines the go-errgroup rule: goroutines started with
// a bare go statement lose their errors (nothing returns them to anyone)
// and crash the whole process when they panic; the team's notes ask for
// errgroup instead ("并发不用go关键字 … 子进程可能会err").
//
// It reports every go statement, at one of two severities:
//
//   - warning, for a fan-out: a go statement inside a finite loop (a
//     range over a slice, array, map, string, integer or function, or a
//     for loop with a condition) of the same function, whether or not the
//     function joins the goroutines after the loop (calls Wait on a
//     sync.WaitGroup that the loop or the goroutine uses, or receives from
//     or ranges over a channel that the goroutine sends on) and whether or
//     not errors are involved. A joined fan-out is the shape errgroup
//     exists for; in an unjoined one (fire-and-forget tasks, a worker
//     pool) nothing in the function learns how the goroutines end. The
//     message says which.
//   - warning, for a goroutine that drops an error it gets, wherever it
//     is: `go f()` where f returns an error, or a function literal whose
//     body calls a function returning an error as a statement, assigns a
//     call's error to a variable that nothing reads afterwards, or reads it
//     only to give up silently (`if err != nil { return }` with nothing
//     else in the branch, or `if err == nil { … }` without an else).
//   - information, for every other go statement (one goroutine, or one
//     per connection or message, that drops no error), and for every go
//     statement in a _test.go file (tests start goroutines to exercise
//     concurrency).
//
// A dropped error does not count for fmt printing, writes to a
// strings.Builder, bytes.Buffer or hash, a no-argument Close and
// CloseWithError: their errors are conventionally ignored. An error
// check whose branch does anything besides giving up (logs or sends the
// error, counts the failure, falls back) handles the error.
//
// It deliberately does not call these fan-outs: a go statement in an
// infinite loop (`for { conn, err := l.Accept(); …; go handle(conn) }`) or
// in a range over a channel (a per-connection or per-message goroutine,
// not a set of results anyone collects); they are information unless the
// goroutine drops an error. Calls to errgroup's g.Go (x/sync or kratos) are
// not go statements and are never reported. It does not look into the
// body of a named function started with go: the unhandled-error rule
// reports a dropped error where it is dropped.
//
// The fix rewrites a fan-out joined by a sync.WaitGroup, and a
// fire-and-forget loop of short tasks, to errgroup (see fix.go).
package goerrgroup

import (
	"embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the go-errgroup rule.
var Rule = rule.Define(rule.Spec{
	ID:       "go-errgroup",
	InTests:  rule.Information, // tests start goroutines to exercise concurrency
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Messages: messages,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, opts *rule.Options) error {
	inspect := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	mods := newModCache()
	for cur := range inspect.Root().Preorder((*ast.GoStmt)(nil)) {
		gs := cur.Node().(*ast.GoStmt)
		fnCur, ok := typesutil.OuterFunc(cur)
		if !ok {
			continue // not in a function: the code does not compile
		}
		info := pass.TypesInfo
		l := launchOf(info, cur, fnCur)
		drop := droppedError(info, gs)

		d := analysis.Diagnostic{Pos: gs.Pos(), End: gs.Call.Lparen}
		if lit, ok := gs.Call.Fun.(*ast.FuncLit); ok {
			d.End = lit.Type.End()
		}
		errs := drop != "" || getsError(info, gs)
		sev := rule.Warning
		switch {
		case l.join != nil && drop != "":
			d.Message = fmt.Sprintf("goroutines fanned out in a loop and %s drop the error of %s; use errgroup so it reaches the caller", l.join.describe(), drop)
		case l.join != nil && errs:
			d.Message = fmt.Sprintf("goroutines fanned out in a loop and %s; use errgroup, which returns the first error", l.join.describe())
		case l.join != nil:
			d.Message = fmt.Sprintf("goroutines fanned out in a loop and %s; a panic in one crashes the process", l.join.describe())
		case l.fan.Valid() && drop != "":
			d.Message = fmt.Sprintf("goroutines fanned out in a loop drop the error of %s; nothing here waits for them and the error reaches no one", drop)
		case l.fan.Valid():
			d.Message = "goroutines fanned out in a loop; nothing here waits for them or learns whether they fail"
		case drop != "":
			d.Message = fmt.Sprintf("goroutine drops the error of %s; no one sees it fail", drop)
		default:
			d.Message = fmt.Sprintf("go %s: a panic in the goroutine crashes the process and its errors reach no one", callName(gs.Call))
			sev = rule.Information // one goroutine, or one per connection or message, that drops no error
		}
		if fix, ok := suggestFix(pass, opts, mods, cur, fnCur, l, drop != ""); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		rule.ReportAt(pass, sev, d)
	}
	return nil
}

// callName names the function a go statement starts, for messages.
func callName(call *ast.CallExpr) string {
	if _, ok := call.Fun.(*ast.FuncLit); ok {
		return "func literal"
	}
	return types.ExprString(call.Fun) + "()"
}

// A launch describes where a go statement runs: the loops of its
// function that enclose it and, for a fan-out, the loop it fans out in
// and the join after that loop.
type launch struct {
	loops []inspector.Cursor // enclosing loops of the same function, innermost first
	fan   inspector.Cursor   // the loop whose iterations start the goroutines (fan-out or bare loop)
	join  *join              // how the function waits for them after fan; nil if it does not
}

// A join is how a function waits for the goroutines of a loop.
type join struct {
	wait   *ast.CallExpr // wg.Wait() call, for a WaitGroup join
	wg     types.Object  // the WaitGroup variable or field
	ch     types.Object  // the channel received from, for a channel join
	chName string
	pos    token.Pos // where it waits
}

// after reports whether the join comes after loop.
func (j *join) after(loop ast.Node) bool { return j.pos >= loop.End() }

func (j *join) describe() string {
	if j.wait != nil {
		return "joined by " + types.ExprString(j.wait.Fun)
	}
	return "collected from " + j.chName + " by hand"
}

// launchOf finds the loops around the go statement at cur (up to its
// function fnCur) and whether the function joins its goroutines.
func launchOf(info *types.Info, cur, fnCur inspector.Cursor) launch {
	var l launch
	for c := cur.Parent(); c != fnCur && c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			l.loops = append(l.loops, c)
		}
	}
	gs := cur.Node().(*ast.GoStmt)
	for _, loop := range l.loops {
		if !isFiniteLoop(info, loop.Node()) {
			break // a server or consumer loop: joins after it wait for shutdown, not results
		}
		if !l.fan.Valid() {
			l.fan = loop // the innermost finite loop, for the bare-loop fix
		}
		if l.join != nil {
			if l.join.after(loop.Node()) {
				l.fan = loop // the join follows this outer loop too: it fans out over both
				continue
			}
			break
		}
		if j := joinAfter(info, gs, loop, fnCur); j != nil {
			l.fan, l.join = loop, j
		}
	}
	return l
}

// isFiniteLoop reports whether loop iterates over a finite set: a range
// over anything but a channel, or a for loop with a condition.
func isFiniteLoop(info *types.Info, loop ast.Node) bool {
	switch loop := loop.(type) {
	case *ast.ForStmt:
		return loop.Cond != nil
	case *ast.RangeStmt:
		if loop.X == nil {
			return false
		}
		t := info.TypeOf(loop.X)
		if t == nil {
			return true // untyped: assume a collection
		}
		_, isChan := t.Underlying().(*types.Chan)
		return !isChan
	}
	return false
}

// joinAfter returns how the function fnCur waits, after loop, for the
// goroutines the go statement gs starts in it, or nil.
func joinAfter(info *types.Info, gs *ast.GoStmt, loop, fnCur inspector.Cursor) *join {
	wgs := map[types.Object]bool{}
	chans := map[types.Object]bool{}
	// WaitGroups the loop adds to or the goroutine refers to; channels
	// the goroutine sends on or is given.
	ast.Inspect(loop.Node(), func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Add" {
				if obj := waitGroupOf(info, sel.X); obj != nil {
					wgs[obj] = true
				}
			}
		}
		return true
	})
	ast.Inspect(gs.Call, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if obj := waitGroupOf(info, n.X); obj != nil {
				wgs[obj] = true
			}
		case *ast.Ident:
			if obj := waitGroupOf(info, n); obj != nil {
				wgs[obj] = true
			}
		case *ast.SendStmt:
			if obj := chanOf(info, n.Chan); obj != nil {
				chans[obj] = true
			}
		}
		return true
	})
	for _, arg := range gs.Call.Args {
		if obj := chanOf(info, arg); obj != nil {
			chans[obj] = true
		}
	}
	if len(wgs) == 0 && len(chans) == 0 {
		return nil
	}
	end := loop.Node().End()
	for c := range fnCur.Preorder((*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)) {
		if c.Node().Pos() < end {
			continue // before the loop ends: not a join after it
		}
		switch n := c.Node().(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" && len(n.Args) == 0 {
				if obj := waitGroupOf(info, sel.X); obj != nil && wgs[obj] {
					return &join{wait: n, wg: obj, pos: n.Pos()}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if obj := chanOf(info, n.X); obj != nil && chans[obj] {
					return &join{ch: obj, chName: types.ExprString(n.X), pos: n.Pos()}
				}
			}
		case *ast.RangeStmt:
			if obj := chanOf(info, n.X); obj != nil && chans[obj] {
				return &join{ch: obj, chName: types.ExprString(n.X), pos: n.Pos()}
			}
		}
	}
	return nil
}

// waitGroupOf returns the variable or field that e denotes (x, &x, p.f)
// when it is a sync.WaitGroup or a pointer to one, or nil.
func waitGroupOf(info *types.Info, e ast.Expr) types.Object {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if !typesutil.IsNamed(info.TypeOf(e), "sync", "WaitGroup") {
		return nil
	}
	return objectOf(info, e)
}

// chanOf returns the variable or field that e denotes when it is a
// channel, or nil.
func chanOf(info *types.Info, e ast.Expr) types.Object {
	e = ast.Unparen(e)
	t := info.TypeOf(e)
	if t == nil {
		return nil
	}
	if _, ok := t.Underlying().(*types.Chan); !ok {
		return nil
	}
	return objectOf(info, e)
}

// objectOf returns the variable an identifier or selector denotes.
func objectOf(info *types.Info, e ast.Expr) types.Object {
	switch e := e.(type) {
	case *ast.Ident:
		if v, ok := info.ObjectOf(e).(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if v, ok := info.ObjectOf(e.Sel).(*types.Var); ok {
			return v
		}
	}
	return nil
}

// droppedError returns the call whose error the goroutine of gs drops,
// spelled for a message, or "": the function started when it returns an
// error, or, for a function literal, a call statement in its body whose
// results include an error, or an error assigned to a variable of the
// literal that nothing reads afterwards.
func droppedError(info *types.Info, gs *ast.GoStmt) string {
	lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit)
	if !ok {
		if returnsError(info, gs.Call) {
			return types.ExprString(gs.Call.Fun)
		}
		return ""
	}
	found := ""
	inspectGoroutine(lit.Body, func(n ast.Node, stack []ast.Node) bool {
		if found != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.ExprStmt:
			call, ok := ast.Unparen(n.X).(*ast.CallExpr)
			if ok && returnsError(info, call) && !isNeverFailing(info, call) {
				found = types.ExprString(call.Fun)
			}
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 {
				return true // a, b = x, y: no call results to drop
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok {
				return true
			}
			for _, lhs := range n.Lhs {
				v, ok := typesutil.ObjectOf(info, lhs).(*types.Var)
				if !ok || !typesutil.IsError(v.Type()) {
					continue // not an error variable
				}
				if v.Pos() < lit.Pos() || v.Pos() > lit.End() {
					continue // an outer variable: assigning it hands the error out
				}
				if !readAfter(info, lit, v, n, stack) {
					found = types.ExprString(call.Fun)
				}
			}
		}
		return true
	})
	return found
}

// inspectGoroutine walks the statements a goroutine runs: body and the
// function literals it calls or defers directly, not those it starts or
// stores. f receives each node and the stack of its ancestors.
func inspectGoroutine(body *ast.BlockStmt, f func(n ast.Node, stack []ast.Node) bool) {
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if lit, ok := n.(*ast.FuncLit); ok && !isCalledHere(lit, stack) {
			return false // another goroutine, or a function stored for later
		}
		descend := f(n, stack)
		if descend {
			stack = append(stack, n)
		}
		return descend
	})
}

// isCalledHere reports whether lit, whose ancestors are stack, is called
// (or deferred) where it stands, rather than started or stored.
func isCalledHere(lit *ast.FuncLit, stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	call, ok := stack[len(stack)-1].(*ast.CallExpr)
	if !ok || call.Fun != lit {
		return false
	}
	if len(stack) >= 2 {
		if _, ok := stack[len(stack)-2].(*ast.GoStmt); ok {
			return false
		}
	}
	return true
}

// readAfter reports whether v, assigned by as, is read after as in lit:
// textually after it, or anywhere in a loop of lit around as.
func readAfter(info *types.Info, lit *ast.FuncLit, v *types.Var, as *ast.AssignStmt, stack []ast.Node) bool {
	from := as.End()
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() < from {
				from = n.Pos() // read on the next iteration
			}
		}
	}
	assigned := map[*ast.Ident]bool{} // plain assignments are not reads
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if a, ok := n.(*ast.AssignStmt); ok && a.Tok == token.ASSIGN {
			for _, l := range a.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					assigned[id] = true
				}
			}
		}
		return true
	})
	swallowed := swallowingChecks(info, lit.Body, v)
	read := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || read {
			return !read
		}
		if id.Pos() >= from && info.Uses[id] == v && !assigned[id] && !swallowed[id] && !inNode(id, as) {
			read = true
		}
		return true
	})
	return read
}

// swallowingChecks returns the mentions of v in body that look at the
// error only to give up silently: the v of `if v != nil { return }` (or
// continue or break, with nothing else in the branch), and of
// `if v == nil { … }` without an else. Such a check reads v, but the
// error goes no further than the goroutine.
func swallowingChecks(info *types.Info, body *ast.BlockStmt, v *types.Var) map[*ast.Ident]bool {
	ids := map[*ast.Ident]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok {
			return true
		}
		id, op := nilComparison(info, ifs.Cond, v)
		switch {
		case id == nil:
			// not a comparison of v with nil
		case op == token.NEQ && ifs.Else == nil && onlyGivesUp(ifs.Body):
			ids[id] = true
		case op == token.EQL && ifs.Else == nil:
			ids[id] = true
		}
		return true
	})
	return ids
}

// nilComparison returns the identifier of v in cond when cond is `v != nil`
// or `v == nil` (either way round), and the operator.
func nilComparison(info *types.Info, cond ast.Expr, v *types.Var) (*ast.Ident, token.Token) {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || (b.Op != token.NEQ && b.Op != token.EQL) {
		return nil, 0
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if isNil(info, x) {
		x, y = y, x
	}
	id, ok := x.(*ast.Ident)
	if !ok || info.Uses[id] != v || !isNil(info, y) {
		return nil, 0
	}
	return id, b.Op
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// onlyGivesUp reports whether block is only a bare return, a continue or
// a break: it leaves without telling anyone why.
func onlyGivesUp(block *ast.BlockStmt) bool {
	if len(block.List) != 1 {
		return false
	}
	switch s := block.List[0].(type) {
	case *ast.ReturnStmt:
		return len(s.Results) == 0
	case *ast.BranchStmt:
		return s.Tok == token.CONTINUE || s.Tok == token.BREAK
	}
	return false
}

// inNode reports whether id lies within n.
func inNode(id *ast.Ident, n ast.Node) bool { return n.Pos() <= id.Pos() && id.End() <= n.End() }

// returnsError reports whether call's results include an error.
func returnsError(info *types.Info, call *ast.CallExpr) bool {
	sig, ok := info.TypeOf(call.Fun).(*types.Signature)
	if !ok {
		return false // a conversion, a builtin, or untyped
	}
	res := sig.Results()
	for i := 0; i < res.Len(); i++ {
		if typesutil.IsError(res.At(i).Type()) {
			return true
		}
	}
	return false
}

// getsError reports whether the goroutine of gs calls anything that
// returns an error: the function it starts, or a call in its body.
func getsError(info *types.Info, gs *ast.GoStmt) bool {
	lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit)
	if !ok {
		return returnsError(info, gs.Call)
	}
	found := false
	inspectGoroutine(lit.Body, func(n ast.Node, _ []ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && returnsError(info, call) && !isNeverFailing(info, call) {
			found = true
		}
		return !found
	})
	return found
}

// isNeverFailing reports whether call is one whose error is
// conventionally ignored: fmt printing, writes to a strings.Builder or
// bytes.Buffer, writes to a hash, and Close.
func isNeverFailing(info *types.Info, call *ast.CallExpr) bool {
	fn := typesutil.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg().Path() == "fmt" && fn.Signature().Recv() == nil {
		switch fn.Name() {
		case "Print", "Printf", "Println", "Fprint", "Fprintf", "Fprintln":
			return true
		}
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if fn.Name() == "Close" && len(call.Args) == 0 || fn.Name() == "CloseWithError" {
			return true // a Close whose error nobody acts on; CloseWithError of io.Pipe returns nil
		}
		if typesutil.IsNamed(recv.Type(), "strings", "Builder") || typesutil.IsNamed(recv.Type(), "bytes", "Buffer") {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && fn.Name() == "Write" {
			if t := info.TypeOf(sel.X); t != nil && isHash(t) {
				return true
			}
		}
	}
	return false
}

// isHash reports whether t has hash.Hash's Sum and BlockSize methods.
func isHash(t types.Type) bool {
	ms := types.NewMethodSet(t)
	return ms.Lookup(nil, "Sum") != nil && ms.Lookup(nil, "BlockSize") != nil
}
