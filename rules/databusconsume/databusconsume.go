package databusconsume

import (
	"embed"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the databus-consume rule.
var Rule = rule.Define(rule.Spec{
	ID:       "databus-consume",
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, opts *rule.Options) error {
	if pass.TypesInfo == nil {
		return nil // no types: messages cannot be recognised
	}
	c := &checker{pass: pass, opts: opts, flow: syncflow.NewBuilder(pass.TypesInfo, pass.Files)}
	inspect := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// Each check reports at the node it looks at, and keeps nothing.
	for cur := range rule.FocusOf(pass).Preorder(inspect, (*ast.UnaryExpr)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.UnaryExpr:
			if n.Op != token.ARROW || !c.isMessageChan(pass.TypesInfo.TypeOf(n.X)) {
				continue // not a receive of databus messages
			}
			c.checkReceive(cur, n)
		case *ast.CallExpr:
			fn := typesutil.Callee(pass.TypesInfo, n)
			switch {
			case typesutil.IsFunc(fn, "encoding/json", "Unmarshal"):
				c.checkUnmarshal(cur, n)
			case fn != nil && fn.Name() == "Commit" && c.isMessageMethod(fn):
				c.checkCommit(cur, n)
			}
		}
	}
	return nil
}

type checker struct {
	pass *analysis.Pass
	opts *rule.Options
	flow *syncflow.Builder // control-flow graphs, by function
}

// isDatabus reports whether pkg is a framework queue/databus package.
func (c *checker) isDatabus(pkg *types.Package) bool {
	return pkg != nil && c.opts.FrameworkPackage(pkg.Path(), "queue/databus")
}

// isMessage reports whether t is databus.Message or a pointer to it.
func (c *checker) isMessage(t types.Type) bool {
	n := typesutil.NamedOf(t)
	return n != nil && n.Obj().Name() == "Message" && c.isDatabus(n.Obj().Pkg())
}

// isMessageChan reports whether t is a channel of databus messages.
func (c *checker) isMessageChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	return ok && c.isMessage(ch.Elem())
}

// isMessageMethod reports whether fn is a method of databus.Message.
func (c *checker) isMessageMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && c.isMessage(recv.Type())
}

// --- receives ---

// checkReceive reports a receive of databus messages in a loop that does
// not use the comma-ok form.
func (c *checker) checkReceive(cur inspector.Cursor, recv *ast.UnaryExpr) {
	pass := c.pass
	loop, ok := typesutil.EnclosingLoop(cur)
	if !ok {
		return // a single receive outside a loop
	}
	outer := cur
	for outer.ParentEdgeKind() == edge.ParenExpr_X {
		outer = outer.Parent()
	}
	var v *types.Var // the variable that receives the message, if any
	var assign *ast.AssignStmt
	switch p := outer.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 {
			break // several values: the receive is one of them
		}
		if len(p.Lhs) == 2 && !isBlank(p.Lhs[1]) {
			return // msg, ok := <-msgs
		}
		v = typesutil.LocalVar(pass.TypesInfo, p.Lhs[0])
		assign = p
	case *ast.ValueSpec:
		if len(p.Names) == 2 && p.Names[1].Name != "_" {
			return // var msg, ok = <-msgs
		}
		if len(p.Names) >= 1 {
			v, _ = pass.TypesInfo.Defs[p.Names[0]].(*types.Var)
		}
	}
	if v != nil && typesutil.ComparedWithNil(pass.TypesInfo, loop.Node(), v) {
		return // nil is what a closed channel gives: checked
	}
	ch := types.ExprString(recv.X)
	var name any = msgTheMessage.With()
	if v != nil {
		name = v.Name()
	}
	d := analysis.Diagnostic{
		Pos: recv.Pos(), End: recv.End(),
		Message: rule.Say(pass, msgRecvWithoutOK.With(ch, name)),
	}
	if assign != nil && assign.Tok == token.DEFINE && v != nil && len(assign.Lhs) == 1 {
		if fix, ok := c.rangeFix(loop, outer.Parent(), assign, recv, v); ok {
			d.SuggestedFixes = append(d.SuggestedFixes, fix)
		}
		if fix, ok := c.okFix(loop, outer.Parent(), assign, v); ok {
			d.SuggestedFixes = append(d.SuggestedFixes, fix)
		}
	}
	pass.Report(d)
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

// --- json.Unmarshal ---

type commitPlace int

const (
	noCommit commitPlace = iota
	commitBefore
	commitAfter
)

// commitOrder tells whether the loop commits v before or after call.
func (c *checker) commitOrder(loop inspector.Cursor, v *types.Var, call *ast.CallExpr) commitPlace {
	place := noCommit
	ast.Inspect(loop.Node(), func(n ast.Node) bool {
		commit, ok := n.(*ast.CallExpr)
		if !ok || place != noCommit {
			return place == noCommit
		}
		sel, ok := commit.Fun.(*ast.SelectorExpr)
		if ok && sel.Sel.Name == "Commit" && typesutil.ObjectOf(c.pass.TypesInfo, sel.X) == v {
			if commit.Pos() < call.Pos() {
				place = commitBefore
			} else {
				place = commitAfter
			}
		}
		return true
	})
	return place
}

// --- Commit ---

// checkCommit reports msg.Commit() on a path that goes on to process msg
// in the same iteration (or, outside a loop, in the rest of the function).
func (c *checker) checkCommit(cur inspector.Cursor, call *ast.CallExpr) {
	pass := c.pass
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	switch cur.Parent().Node().(type) {
	case *ast.DeferStmt, *ast.GoStmt:
		return // runs later, not here
	}
	v := typesutil.LocalVar(pass.TypesInfo, sel.X)
	if v == nil {
		return // not a variable holding the message
	}
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return // package level
	}
	g := c.flow.Graph(fnCur.Node())
	if g == nil {
		return // no body
	}
	var loop ast.Node
	if l, ok := typesutil.EnclosingLoop(cur); ok {
		loop = l.Node()
	}
	use := c.usedAfter(g.CFG, call, v, loop)
	if use == nil {
		return // committed after the work, or only metadata read after it
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: rule.Say(pass, msgCommitFirst.With(v.Name())),
		Related: []analysis.RelatedInformation{{Pos: use.Pos(), End: use.End(), Message: rule.Say(pass, msgProcessedHere.With(v.Name()))}},
	}
	rule.ReportAt(pass, rule.Information, d) // at-most-once may be what the service wants
}

// usedAfter returns the first place where v's message is processed on a
// path from the commit call, within one iteration of loop (nil: the rest
// of the function): its Value or Key read, or v passed on.
func (c *checker) usedAfter(g *cfg.CFG, commit *ast.CallExpr, v *types.Var, loop ast.Node) ast.Node {
	// Find the commit's block and node.
	var start *cfg.Block
	idx := -1
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n.Pos() <= commit.Pos() && commit.End() <= n.End() {
				start, idx = b, i
			}
		}
	}
	if start == nil {
		return nil
	}
	var found ast.Node
	visit := func(n ast.Node, after token.Pos) {
		ast.Inspect(n, func(n ast.Node) bool {
			if found != nil || n == nil {
				return false
			}
			if n.Pos() < after && n.End() <= after {
				return false // evaluated before the commit
			}
			if call, ok := n.(*ast.CallExpr); ok && c.isLogging(typesutil.Callee(c.pass.TypesInfo, call)) {
				return false // logging the message is not processing it
			}
			if u := c.processing(n, v); u != nil && u.Pos() >= after {
				found = u
				return false
			}
			return true
		})
	}
	for _, n := range start.Nodes[idx:] {
		visit(n, commit.End())
		if found != nil {
			return found
		}
	}
	seen := map[*cfg.Block]bool{start: true}
	queue := append([]*cfg.Block(nil), start.Succs...)
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if seen[b] || loop != nil && isLoopHeader(b, loop) {
			continue // visited, or the next iteration
		}
		seen[b] = true
		for _, n := range b.Nodes {
			visit(n, commit.End())
			if found != nil {
				return found
			}
		}
		queue = append(queue, b.Succs...)
	}
	return nil
}

// isLoopHeader reports whether b is where loop begins its next
// iteration: its condition, post statement or range step, or for a loop
// without condition and post (the target of its continue and back edge)
// its body.
func isLoopHeader(b *cfg.Block, loop ast.Node) bool {
	switch b.Kind {
	case cfg.KindForLoop, cfg.KindForPost, cfg.KindForBody, cfg.KindRangeLoop:
		return b.Stmt == loop
	}
	return false
}

// processing returns n if it processes v's message: a read of v.Value or
// v.Key, or v itself used as a value (passed, assigned, sent). Commits and
// reads of metadata (Topic, Partition, Offset, Timestamp) are not.
func (c *checker) processing(n ast.Node, v *types.Var) ast.Node {
	info := c.pass.TypesInfo
	switch n := n.(type) {
	case *ast.SelectorExpr:
		if typesutil.ObjectOf(info, n.X) != v {
			return nil
		}
		switch n.Sel.Name {
		case "Value", "Key":
			return n
		}
	case *ast.CallExpr:
		for _, a := range n.Args {
			if typesutil.ObjectOf(info, a) == v {
				return a
			}
		}
	case *ast.AssignStmt:
		for _, r := range n.Rhs {
			if typesutil.ObjectOf(info, r) == v {
				return r
			}
		}
	case *ast.SendStmt:
		if typesutil.ObjectOf(info, n.Value) == v {
			return n.Value
		}
	}
	return nil
}

// isLogging reports whether fn logs or prints: a function of the
// framework's log package, of the standard log package, or fmt's Print
// and Sprint functions.
func (c *checker) isLogging(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch path := fn.Pkg().Path(); {
	case path == "log" || c.opts.FrameworkPackage(path, "log"):
		return true
	case path == "fmt":
		return strings.Contains(fn.Name(), "print") || strings.Contains(fn.Name(), "Print")
	}
	return false
}
