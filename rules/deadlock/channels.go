package deadlock

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// A madeChan is a local channel variable defined by make in the function.
type madeChan struct {
	v      *types.Var
	make   *ast.CallExpr
	def    ast.Node // the graph node of the definition
	buffer bool     // made with a capacity that is not the constant 0
}

// madeChans returns the channel variables the function itself defines by
// make, and that are never assigned again.
func (f *function) madeChans() []*madeChan {
	var out []*madeChan
	f.g.Nodes(func(n ast.Node, _ syncflow.Loc) {
		var names []*ast.Ident
		var values []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE || len(n.Lhs) != len(n.Rhs) {
				return
			}
			for _, l := range n.Lhs {
				id, _ := l.(*ast.Ident)
				names = append(names, id)
			}
			values = n.Rhs
		case *ast.ValueSpec:
			if len(n.Names) != len(n.Values) {
				return
			}
			names, values = n.Names, n.Values
		default:
			return
		}
		for i, id := range names {
			if id == nil {
				continue // not a name
			}
			v, ok := f.info.Defs[id].(*types.Var)
			if !ok || v == nil {
				continue // redeclared by :=, or no type information
			}
			call, ok := ast.Unparen(values[i]).(*ast.CallExpr)
			if !ok || !isMakeChan(f.info, call) {
				continue // not made here
			}
			mc := &madeChan{v: v, make: call, def: n}
			if len(call.Args) > 1 {
				tv := f.info.Types[call.Args[1]]
				mc.buffer = tv.Value == nil || constant.Sign(tv.Value) != 0
			}
			out = append(out, mc)
		}
	})
	return out
}

// isMakeChan reports whether call is make(chan T, …).
func isMakeChan(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) == 0 {
		return false
	}
	if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
		return false
	}
	t := info.TypeOf(call.Args[0])
	if t == nil {
		return false
	}
	_, ok = t.Underlying().(*types.Chan)
	return ok
}

// A chanUse is a use of a channel variable.
type chanUse int

const (
	useEscape  chanUse = iota // anything that lets someone else get at it
	useSend                   // ch <- v in the function itself, outside a select
	useNeutral                // a receive, a range, len, cap, a send in a select
	useClose                  // close(ch)
)

// useOf classifies the use of a channel variable at the identifier c
// (the function's own code; inLit says whether it is inside a literal).
func (f *function) useOf(c inspector.Cursor, inLit bool) chanUse {
	for c.ParentEdgeKind() == edge.ParenExpr_X {
		c = c.Parent()
	}
	switch c.ParentEdgeKind() {
	case edge.SendStmt_Chan:
		if inLit {
			return useNeutral
		}
		if c.Parent().ParentEdgeKind() == edge.CommClause_Comm {
			return useNeutral // may take another case
		}
		return useSend
	case edge.UnaryExpr_X:
		if c.Parent().Node().(*ast.UnaryExpr).Op == token.ARROW {
			return useNeutral
		}
	case edge.RangeStmt_X:
		return useNeutral
	case edge.CallExpr_Args:
		call := c.Parent().Node().(*ast.CallExpr)
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := f.info.Uses[id].(*types.Builtin); ok {
				switch b.Name() {
				case "len", "cap":
					return useNeutral
				case "close":
					return useClose
				}
			}
		}
	}
	return useEscape
}

// usesOf calls fn for each use of v in the function, with whether it is
// inside a function literal.
func (f *function) usesOf(v *types.Var, fn func(id inspector.Cursor, inLit bool)) {
	for c := range f.cur.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if f.info.Uses[id] != v {
			continue // another name
		}
		inLit := false
		for p := range c.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			inLit = p != f.cur
			break
		}
		fn(c, inLit)
	}
}

// checkSends reports sends on unbuffered channels made here that no
// goroutine can have received from.
func (f *function) checkSends() {
	for _, mc := range f.madeChans() {
		if mc.buffer {
			continue // a buffer takes sends without a receiver
		}
		var sends []*ast.SendStmt
		var escapes []ast.Node
		f.usesOf(mc.v, func(c inspector.Cursor, inLit bool) {
			use := f.useOf(c, inLit)
			if inLit {
				use = useEscape // a literal may run as a goroutine that receives
			}
			switch use {
			case useSend:
				for c.ParentEdgeKind() == edge.ParenExpr_X {
					c = c.Parent()
				}
				sends = append(sends, c.Parent().Node().(*ast.SendStmt))
			case useEscape:
				if n, _, ok := f.g.Enclosing(c.Node()); ok {
					escapes = append(escapes, n)
				}
			}
		})
		if len(sends) == 0 {
			continue // nothing sent by the function itself
		}
		// Nodes where someone else may hold the channel.
		tainted := make(map[ast.Node]bool)
		for _, e := range escapes {
			tainted[e] = true
			l, _ := f.g.Loc(e)
			f.g.Walk(l, func(n ast.Node, _ syncflow.Loc) bool {
				tainted[n] = true
				return true
			})
		}
		var flagged []*ast.SendStmt
		for _, s := range sends {
			if _, live := f.g.Loc(s); !live || tainted[s] {
				continue // unreachable, or someone may be receiving
			}
			flagged = append(flagged, s)
		}
		for _, s := range flagged {
			d := analysis.Diagnostic{
				Pos:     s.Pos(),
				End:     s.End(),
				Message: rule.Say(f.pass, msgSendBlocks.With(mc.v.Name(), mc.v.Name())),
				Related: []analysis.RelatedInformation{{Pos: mc.make.Pos(), End: mc.make.End(), Message: rule.Say(f.pass, msgMadeUnbuffered.With(mc.v.Name()))}},
			}
			if fix, ok := f.bufferFix(mc, sends, s); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			f.pass.Report(d)
		}
	}
}

// bufferFix gives the channel a buffer of one. That is what the code
// means when the function itself sends exactly once, not in a loop: the
// value waits in the buffer for whoever receives it later.
func (f *function) bufferFix(mc *madeChan, sends []*ast.SendStmt, s *ast.SendStmt) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if len(sends) != 1 {
		return none, false // more sends need a larger buffer
	}
	sc, ok := f.cur.FindNode(s)
	if !ok {
		return none, false
	}
	for p := range sc.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if _, loop := p.Node().(ast.Stmt); !loop {
			break // reached the function
		}
		if !(p.Node().Pos() <= mc.make.Pos() && mc.make.End() <= p.Node().End()) {
			return none, false // sends once per iteration of a loop the channel outlives
		}
	}
	var edit analysis.TextEdit
	switch len(mc.make.Args) {
	case 1:
		at := mc.make.Args[0].End()
		edit = analysis.TextEdit{Pos: at, End: at, NewText: []byte(", 1")}
	case 2:
		lit, ok := mc.make.Args[1].(*ast.BasicLit)
		if !ok || lit.Value != "0" {
			return none, false // a named constant: leave it to the author
		}
		edit = analysis.TextEdit{Pos: lit.Pos(), End: lit.End(), NewText: []byte("1")}
	default:
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(f.pass, msgBuffer.With(mc.v.Name())),
		TextEdits: []analysis.TextEdit{edit},
	}, true
}

// checkRanges reports range loops over channels made here that nothing
// can close.
func (f *function) checkRanges() {
	chans := make(map[*types.Var]*madeChan)
	for _, mc := range f.madeChans() {
		chans[mc.v] = mc
	}
	if len(chans) == 0 {
		return
	}
	for c := range f.cur.Preorder((*ast.RangeStmt)(nil)) {
		rs := c.Node().(*ast.RangeStmt)
		if fc, ok := typesutil.OuterFunc(c); !ok || fc != f.cur {
			continue // not a range of this function's own code
		}
		id, ok := ast.Unparen(rs.X).(*ast.Ident)
		if !ok {
			continue // not a variable
		}
		v, _ := f.info.Uses[id].(*types.Var)
		mc := chans[v]
		if mc == nil {
			continue // not a channel made here
		}
		if _, live := f.g.Loc(rs.X); !live {
			continue // unreachable
		}
		closed, escapes := false, false
		var senders []inspector.Cursor
		f.usesOf(v, func(u inspector.Cursor, inLit bool) {
			switch f.useOf(u, inLit) {
			case useClose:
				closed = true
			case useEscape:
				escapes = true
			case useSend:
				senders = append(senders, u)
			case useNeutral:
				if inLit && isSendChan(u) {
					senders = append(senders, u)
				}
			}
		})
		if closed || escapes {
			continue // closed here, or someone else may close it
		}
		if leavesLoop(rs) {
			continue // the body can end the loop itself
		}
		d := analysis.Diagnostic{
			Pos:     rs.Range,
			End:     rs.X.End(),
			Message: rule.Say(f.pass, msgRangeNeverEnds.With(v.Name(), v.Name())),
			Related: []analysis.RelatedInformation{{Pos: mc.make.Pos(), End: mc.make.End(), Message: rule.Say(f.pass, msgNeverClosed.With(v.Name()))}},
		}
		if fix, ok := f.closeFix(c, rs, mc, senders); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		f.pass.Report(d)
	}
}

// isSendChan reports whether the identifier at c is the channel of a send.
func isSendChan(c inspector.Cursor) bool {
	for c.ParentEdgeKind() == edge.ParenExpr_X {
		c = c.Parent()
	}
	return c.ParentEdgeKind() == edge.SendStmt_Chan
}

// leavesLoop reports whether the body of rs can end the loop: a return,
// a break or goto that leaves it, a labeled continue of an outer loop.
func leavesLoop(rs *ast.RangeStmt) bool {
	leaves := false
	var walk func(n ast.Node, depth int) // depth: breakable statements entered
	walk = func(n ast.Node, depth int) {
		ast.Inspect(n, func(x ast.Node) bool {
			if leaves || x == nil {
				return false
			}
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				leaves = true
			case *ast.BranchStmt:
				switch x.Tok {
				case token.GOTO:
					leaves = true
				case token.BREAK:
					leaves = x.Label != nil || depth == 0
				case token.CONTINUE:
					leaves = x.Label != nil && !labels(rs.Body, x.Label.Name)
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if x == n {
					return true
				}
				walk(x, depth+1)
				return false
			}
			return true
		})
	}
	walk(rs.Body, 0)
	return leaves
}

// labels reports whether body declares the label name.
func labels(body ast.Node, name string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok && l.Label.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// closeFix closes the channel once the goroutines that send on it are
// done. It is offered when every send is in a goroutine started by the
// function, before the range, each of which defers Done on one
// sync.WaitGroup. With no wg.Wait() before the range, a goroutine waits
// and closes; with one (and a buffered channel, so that the senders
// could finish) the close goes right after it.
func (f *function) closeFix(rc inspector.Cursor, rs *ast.RangeStmt, mc *madeChan, senders []inspector.Cursor) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if len(senders) == 0 || f.file == nil || !fixutil.IsListElem(rc) || !f.startsLine(rs.Pos()) {
		return none, false
	}
	var wgKey string
	var wgExpr ast.Expr
	var wgRoot types.Object
	for _, s := range senders {
		lit, ok := f.launchOf(s)
		if !ok || lit.Pos() > rs.Pos() {
			return none, false // not sent from a goroutine started before the range
		}
		key, expr, root, ok := f.deferredDone(lit)
		if !ok || (wgKey != "" && key != wgKey) {
			return none, false // no WaitGroup tells when it is done
		}
		wgKey, wgExpr, wgRoot = key, expr, root
	}
	if wgRoot == nil || !typesutil.InScope(f.pass.Pkg, rs.Pos(), wgRoot.Name(), wgRoot) {
		return none, false // the WaitGroup cannot be named at the range
	}
	wg := types.ExprString(wgExpr)
	ch := mc.v.Name()
	indent := fixutil.Indent(f.pass.Fset, rs.Pos())
	// A Wait before the range?
	for prev, ok := rc.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
		es, isExpr := prev.Node().(*ast.ExprStmt)
		if !isExpr {
			continue // another statement
		}
		call, isCall := ast.Unparen(es.X).(*ast.CallExpr)
		if !isCall || !f.isWait(call, wgKey) {
			continue // not the Wait
		}
		if !mc.buffer || !f.ownsLine(es) {
			return none, false // the senders block before Wait returns: no close after it helps
		}
		eol := f.lineEnd(fixutil.End(f.pass.Fset, es))
		return analysis.SuggestedFix{
			Message:   rule.Say(f.pass, msgCloseAfterWait.With(ch, wg)),
			TextEdits: []analysis.TextEdit{{Pos: eol, End: eol, NewText: []byte("\n" + indent + "close(" + ch + ")")}},
		}, true
	}
	if f.waitsBefore(rs, wgKey) {
		return none, false // a Wait elsewhere on the way to the range
	}
	text := "go func() {\n" + indent + "\t" + wg + ".Wait()\n" + indent + "\tclose(" + ch + ")\n" + indent + "}()\n" + indent
	at := rs.Pos()
	return analysis.SuggestedFix{
		Message:   rule.Say(f.pass, msgCloseInGo.With(ch, wg)),
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}, true
}

// launchOf returns the function literal started by a go statement (or
// a WaitGroup's Go) of the function's own code that holds c.
func (f *function) launchOf(c inspector.Cursor) (*ast.FuncLit, bool) {
	var outer inspector.Cursor
	found := false
	for p := range c.Enclosing((*ast.FuncLit)(nil)) {
		if fc, ok := typesutil.OuterFunc(p); ok && fc == f.cur {
			outer, found = p, true
			break
		}
	}
	if !found {
		return nil, false // in no function literal (of code half typed)
	}
	lit := outer.Node().(*ast.FuncLit)
	if outer.ParentEdgeKind() == edge.CallExpr_Fun && outer.Parent().ParentEdgeKind() == edge.GoStmt_Call {
		return lit, true
	}
	if outer.ParentEdgeKind() == edge.CallExpr_Args {
		call := outer.Parent().Node().(*ast.CallExpr)
		if typesutil.IsMethod(typesutil.Callee(f.info, call), "sync", "WaitGroup", "Go") {
			return lit, true
		}
	}
	return nil, false
}

// deferredDone returns the WaitGroup a goroutine's body calls Done on in
// a defer statement of its own, or that started it with Go.
func (f *function) deferredDone(lit *ast.FuncLit) (string, ast.Expr, types.Object, bool) {
	if c, ok := f.cur.FindNode(lit); ok && c.ParentEdgeKind() == edge.CallExpr_Args {
		call := c.Parent().Node().(*ast.CallExpr)
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if key, root, ok := syncflow.PathKey(f.info, sel.X); ok {
				return key, sel.X, root, true
			}
		}
		return "", nil, nil, false
	}
	for _, st := range lit.Body.List {
		d, ok := st.(*ast.DeferStmt)
		if !ok || !typesutil.IsMethod(typesutil.Callee(f.info, d.Call), "sync", "WaitGroup", "Done") {
			continue // not defer wg.Done()
		}
		sel, ok := ast.Unparen(d.Call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue // a method expression: no receiver to name
		}
		key, root, ok := syncflow.PathKey(f.info, sel.X)
		if !ok || root.Pos() >= lit.Pos() && root.Pos() < lit.End() {
			continue // a WaitGroup of the goroutine's own
		}
		return key, sel.X, root, true
	}
	return "", nil, nil, false
}

// isWait reports whether call is Wait on the WaitGroup with the key.
func (f *function) isWait(call *ast.CallExpr, key string) bool {
	if !typesutil.IsMethod(typesutil.Callee(f.info, call), "sync", "WaitGroup", "Wait") {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	k, _, ok := syncflow.PathKey(f.info, sel.X)
	return ok && k == key
}

// waitsBefore reports whether a Wait on the WaitGroup may run before rs.
func (f *function) waitsBefore(rs *ast.RangeStmt, key string) bool {
	to, ok := f.g.Loc(rs.X)
	if !ok {
		return true
	}
	found := false
	f.g.Nodes(func(n ast.Node, l syncflow.Loc) {
		for _, call := range syncflow.Calls(n) {
			if f.isWait(call, key) && f.g.Reaches(l, to, func(ast.Node) bool { return false }) {
				found = true
			}
		}
	})
	return found
}
