package goerrgroup

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// A dropKind says how a goroutine loses an error.
type dropKind uint8

const (
	dropNone    dropKind = iota
	dropGo               // go f() with f returning an error: the go statement discards it
	dropSwallow          // looked at only to give up silently: if err != nil { return }
	dropStmt             // a call statement, or an error variable nothing reads: unhandled-error's finding
)

// A drop is the first error a goroutine loses, by kind.
type drop struct {
	kind dropKind
	call string // the function whose error is lost, spelled for a message
}

// claimed reports whether the loss is this rule's to report: the go
// statement itself discards the error, or the goroutine gives up on it
// without a word. A call statement or an unread variable is reported by
// the unhandled-error rule at the call.
func (d drop) claimed() bool { return d.kind == dropGo || d.kind == dropSwallow }

// droppedError returns how the goroutine of gs loses an error: the
// function started when it returns one (unless it serves a listener it
// is given), or, for a function literal, the first error it gives up on
// silently, else the first call statement whose results include an
// error or error assigned to a variable of the literal that nothing reads
// afterwards.
func (c *checker) droppedError(gs *ast.GoStmt) drop {
	info := c.info
	lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit)
	if !ok {
		if returnsError(info, gs.Call) && !isNeverFailing(info, gs.Call) && !servesListener(info, gs.Call) {
			return drop{dropGo, types.ExprString(gs.Call.Fun)}
		}
		return drop{}
	}
	var swallowed, dropped drop
	inspectGoroutine(lit.Body, func(n ast.Node, stack []ast.Node) bool {
		if swallowed.kind != dropNone {
			return false
		}
		switch n := n.(type) {
		case *ast.ExprStmt:
			call, ok := ast.Unparen(n.X).(*ast.CallExpr)
			if ok && dropped.kind == dropNone && returnsError(info, call) && !isNeverFailing(info, call) {
				dropped = drop{dropStmt, types.ExprString(call.Fun)}
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
				switch readAfter(info, lit, v, n, stack) {
				case readSwallowed:
					swallowed = drop{dropSwallow, types.ExprString(call.Fun)}
				case readNone:
					if dropped.kind == dropNone {
						dropped = drop{dropStmt, types.ExprString(call.Fun)}
					}
				}
			}
		}
		return true
	})
	if swallowed.kind != dropNone {
		return swallowed
	}
	return dropped
}

// servesListener reports whether call hands a net.Listener to the
// function it calls (http.Server.Serve(l), grpc's Serve(lis)): such a
// function returns when the listener is closed, and its error says that
// much and no more.
func servesListener(info *types.Info, call *ast.CallExpr) bool {
	sig, ok := info.TypeOf(call.Fun).(*types.Signature)
	if !ok {
		return false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if typesutil.IsNamed(sig.Params().At(i).Type(), "net", "Listener") {
			return true
		}
	}
	return false
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

// A reading says how an error variable is read after it is assigned.
type reading uint8

const (
	readNone      reading = iota // not at all
	readSwallowed                // only to give up silently
	readHandled                  // in a way that may hand the error on
)

// readAfter says how v, assigned by as, is read after as in lit:
// textually after it, or anywhere in a loop of lit around as.
func readAfter(info *types.Info, lit *ast.FuncLit, v *types.Var, as *ast.AssignStmt, stack []ast.Node) reading {
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
	res := readNone
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || res == readHandled {
			return res != readHandled
		}
		if id.Pos() < from || info.Uses[id] != v || assigned[id] || inNode(id, as) {
			return true // not a later read of v
		}
		if swallowed[id] {
			res = readSwallowed
		} else {
			res = readHandled
		}
		return true
	})
	return res
}

// swallowingChecks returns the mentions of v in body that look at the
// error only to give up silently: the v of `if v != nil { return }` (or
// continue or break, with nothing else in the branch), and of
// `if v == nil { … }` without an else. Such a check reads v, but the
// error goes no further than the goroutine. A return or break that ends
// an endless loop of the goroutine is how the loop ends (a connection
// closed, a stream ended), not an error given up on.
func swallowingChecks(info *types.Info, body *ast.BlockStmt, v *types.Var) map[*ast.Ident]bool {
	ids := map[*ast.Ident]bool{}
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false // another function
		}
		stack = append(stack, n)
		ifs, ok := n.(*ast.IfStmt)
		if !ok {
			return true
		}
		id, op := nilComparison(info, ifs.Cond, v)
		switch {
		case id == nil:
			// not a comparison of v with nil
		case op == token.NEQ && ifs.Else == nil && onlyGivesUp(info, ifs.Body) && !endsEndlessLoop(info, ifs.Body.List[len(ifs.Body.List)-1], stack):
			ids[id] = true
		case op == token.EQL && ifs.Else == nil:
			ids[id] = true
		}
		return true
	})
	return ids
}

// endsEndlessLoop reports whether s, a return or break whose ancestors
// are stack, leaves an endless loop of the goroutine: a return inside
// one, or a break whose target is one.
func endsEndlessLoop(info *types.Info, s ast.Stmt, stack []ast.Node) bool {
	br, isBreak := s.(*ast.BranchStmt)
	if isBreak && br.Tok != token.BREAK {
		return false // continue: the loop goes on without the error
	}
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if !isFiniteLoop(info, n) {
				return true
			}
			if isBreak && br.Label == nil {
				return false // breaks out of a finite loop
			}
		case *ast.SelectStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
			if isBreak && br.Label == nil {
				return false // breaks out of the select or switch only
			}
		}
	}
	return false
}

// nilComparison returns the identifier of v in cond when cond is `v != nil`
// or `v == nil` (either way round), and the operator.
func nilComparison(info *types.Info, cond ast.Expr, v *types.Var) (*ast.Ident, token.Token) {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || (b.Op != token.NEQ && b.Op != token.EQL) {
		return nil, 0
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if typesutil.IsNil(info, x) {
		x, y = y, x
	}
	id, ok := x.(*ast.Ident)
	if !ok || info.Uses[id] != v || !typesutil.IsNil(info, y) {
		return nil, 0
	}
	return id, b.Op
}

// onlyGivesUp reports whether block is only a bare return, a continue or
// a break, after nothing but cleanups (an Unlock, a WaitGroup's Done, a
// cancel): it leaves without telling anyone why.
func onlyGivesUp(info *types.Info, block *ast.BlockStmt) bool {
	n := len(block.List)
	if n == 0 {
		return false
	}
	for _, st := range block.List[:n-1] {
		es, ok := st.(*ast.ExprStmt)
		if !ok {
			return false
		}
		call, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok || !isCleanup(info, call) {
			return false
		}
	}
	switch s := block.List[n-1].(type) {
	case *ast.ReturnStmt:
		return len(s.Results) == 0
	case *ast.BranchStmt:
		return s.Tok == token.CONTINUE || s.Tok == token.BREAK
	}
	return false
}

// isCloser reports whether gs starts the closer of a fan-out: a function
// literal that only waits for a sync.WaitGroup and closes channels
// (defer close(ch) included), the idiom that lets a range over the
// results end. It cannot fail, and only a second close could panic,
// which the channel-close rule reports.
func isCloser(info *types.Info, gs *ast.GoStmt) bool {
	lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit)
	if !ok || len(gs.Call.Args) > 0 {
		return false
	}
	waits, closes := 0, 0
	for _, st := range lit.Body.List {
		var call *ast.CallExpr
		switch st := st.(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(st.X).(*ast.CallExpr)
		case *ast.DeferStmt:
			call = st.Call
		}
		if call == nil {
			return false
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "close" {
			if _, ok := info.Uses[id].(*types.Builtin); ok {
				closes++
				continue
			}
		}
		fn := typesutil.Callee(info, call)
		if fn == nil || fn.Name() != "Wait" || fn.Signature().Recv() == nil ||
			!typesutil.IsNamed(fn.Signature().Recv().Type(), "sync", "WaitGroup") {
			return false
		}
		waits++
	}
	return waits > 0 && closes > 0
}

// isCleanup reports whether call releases a lock, marks a WaitGroup done
// or cancels a context: it tells no one about an error.
func isCleanup(info *types.Info, call *ast.CallExpr) bool {
	if lc, ok := syncflow.ClassifyLock(info, call); ok {
		return lc.Op.IsRelease()
	}
	if fn := typesutil.Callee(info, call); fn != nil && fn.Name() == "Done" && fn.Signature().Recv() != nil &&
		typesutil.IsNamed(fn.Signature().Recv().Type(), "sync", "WaitGroup") {
		return true
	}
	t := info.TypeOf(call.Fun)
	return t != nil && (typesutil.IsNamed(t, "context", "CancelFunc") || typesutil.IsNamed(t, "context", "CancelCauseFunc"))
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

// isNeverFailing reports whether call is one whose error is
// conventionally ignored: fmt printing, writes to a strings.Builder or
// bytes.Buffer, writes to a hash, Close and Shutdown.
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
		if fn.Name() == "Shutdown" {
			return true // a graceful stop at the end of a server's life: nothing is left to do
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
