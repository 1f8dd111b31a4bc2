package concurrentmap

import (
	"embed"
	"fmt"
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
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the concurrent-map rule.
var Rule = rule.Define(rule.Spec{
	ID:       "concurrent-map",
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	opts  *rule.Options
	b     *syncflow.Builder
	held  map[ast.Node]*syncflow.Held
	byFun map[ast.Node][]*launch
}

func run(pass *analysis.Pass, opts *rule.Options) error {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:  pass,
		info:  pass.TypesInfo,
		opts:  opts,
		b:     syncflow.NewBuilder(pass.TypesInfo, pass.Files),
		held:  make(map[ast.Node]*syncflow.Held),
		byFun: make(map[ast.Node][]*launch),
	}
	var launches []*launch
	for cur := range in.Root().Preorder((*ast.FuncLit)(nil)) {
		l, ok := c.launchOf(cur)
		if !ok {
			continue // not started as a goroutine
		}
		launches = append(launches, l)
		c.byFun[l.launcher.Node()] = append(c.byFun[l.launcher.Node()], l)
	}
	for _, l := range launches {
		c.check(l)
	}
	c.checkNamedLaunches(in)
	return nil
}

// A launch is a function literal started as a goroutine.
type launch struct {
	lit      *ast.FuncLit
	cur      inspector.Cursor // of lit
	call     *ast.CallExpr    // go lit(args), g.Go(lit), wg.Go(lit)
	group    string           // key of the errgroup or WaitGroup whose Go started it
	launcher inspector.Cursor // the function whose code starts it
	g        *syncflow.Graph  // the launcher's graph
	node     ast.Node         // the launcher's graph node that starts it
	loc      syncflow.Loc
	kind     string // "go", "errgroup", "waitgroup"
}

// launchOf returns the launch of the literal at cur, if it is started as
// a goroutine.
func (c *checker) launchOf(cur inspector.Cursor) (*launch, bool) {
	l := &launch{lit: cur.Node().(*ast.FuncLit), cur: cur}
	switch cur.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		if cur.Parent().ParentEdgeKind() != edge.GoStmt_Call {
			return nil, false // called in place
		}
		l.call, l.kind = cur.Parent().Node().(*ast.CallExpr), "go"
	case edge.CallExpr_Args:
		call := cur.Parent().Node().(*ast.CallExpr)
		fn := typesutil.Callee(c.info, call)
		switch {
		case c.isGroupGo(fn):
			l.kind = "errgroup"
		case typesutil.IsMethod(fn, "sync", "WaitGroup", "Go"):
			l.kind = "waitgroup"
		default:
			return nil, false // an ordinary argument
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		if key, _, ok := syncflow.PathKey(c.info, sel.X); ok {
			l.group = key
		}
		l.call = call
	default:
		return nil, false
	}
	found := false
	for p := range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		l.launcher, found = p, true
		break
	}
	if !found {
		return nil, false // package level (in code half typed)
	}
	l.g = c.b.Graph(l.launcher.Node())
	if l.g == nil {
		return nil, false
	}
	n, loc, ok := l.g.Enclosing(l.call)
	if !ok {
		return nil, false // unreachable code
	}
	l.node, l.loc = n, loc
	return l, true
}

// isGroupGo reports whether fn is the Go or TryGo method of an errgroup:
// golang.org/x/sync/errgroup or the framework's sync/errgroup.
func (c *checker) isGroupGo(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || (fn.Name() != "Go" && fn.Name() != "TryGo") {
		return false
	}
	path := fn.Pkg().Path()
	if path != "golang.org/x/sync/errgroup" && !c.opts.FrameworkPackage(path, "sync/errgroup") {
		return false
	}
	return typesutil.IsMethod(fn, path, "Group", fn.Name())
}

// A write is a statement that writes a map.
type write struct {
	stmt ast.Stmt // the assignment, inc/dec or delete/clear statement
	pos  ast.Node // where the diagnostic goes: the statement or the call
	m    ast.Expr // the map expression, as written
	key  string   // the map's path in the launcher
	root types.Object
	text string // the map's spelling in the launcher
}

// writesIn returns the map writes of the launch's body that are not in
// goroutines it starts itself.
func (c *checker) writesIn(l *launch) []*write {
	var out []*write
	l.cur.Inspect(nil, func(cur inspector.Cursor) bool {
		n := cur.Node()
		if lit, ok := n.(*ast.FuncLit); ok && lit != l.lit {
			if _, nested := c.launchOf(cur); nested {
				return false // a goroutine of its own, checked as its own launch
			}
		}
		var targets []ast.Expr
		var at ast.Node = n
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				return true
			}
			targets = n.Lhs
		case *ast.IncDecStmt:
			targets = []ast.Expr{n.X}
		case *ast.ExprStmt:
			call, ok := ast.Unparen(n.X).(*ast.CallExpr)
			if !ok || !c.isBuiltin(call, "delete", "clear") || len(call.Args) == 0 {
				return true
			}
			if _, ok := c.mapType(call.Args[0]); ok {
				if w := c.resolve(l, n, call, call.Args[0]); w != nil {
					out = append(out, w)
				}
			}
			return true
		default:
			return true
		}
		for _, t := range targets {
			ix, ok := ast.Unparen(t).(*ast.IndexExpr)
			if !ok {
				continue // not an element
			}
			if _, ok := c.mapType(ix.X); !ok {
				continue // a slice or array element
			}
			if w := c.resolve(l, n.(ast.Stmt), at, ix.X); w != nil {
				out = append(out, w)
			}
		}
		return true
	})
	return out
}

// resolve returns the write of map expression m in the launch's body, if
// m is a path rooted outside the goroutine (a parameter of the literal
// stands for its argument).
func (c *checker) resolve(l *launch, stmt ast.Stmt, at ast.Node, m ast.Expr) *write {
	key, root, ok := syncflow.PathKey(c.info, m)
	if !ok {
		return nil // an index or a call in the path
	}
	text := types.ExprString(m)
	if inside(root, l.lit) {
		v, isVar := root.(*types.Var)
		arg, isParam := c.argOf(l, v)
		if !isVar || !isParam {
			return nil // the goroutine's own map
		}
		akey, aroot, ok := syncflow.PathKey(c.info, arg)
		if !ok {
			return nil // made for it, or reached through an index or call
		}
		suffix := strings.TrimPrefix(key, fmt.Sprintf("v%p", root))
		key, root = akey+suffix, aroot
		text = types.ExprString(arg) + strings.TrimPrefix(text, v.Name())
	}
	if _, isVar := root.(*types.Var); !isVar {
		return nil
	}
	return &write{stmt: stmt, pos: at, m: m, key: key, root: root, text: text}
}

// argOf returns the argument passed for parameter v of a go statement's
// literal.
func (c *checker) argOf(l *launch, v *types.Var) (ast.Expr, bool) {
	if l.kind != "go" || v == nil {
		return nil, false
	}
	sig, ok := c.info.TypeOf(l.lit).(*types.Signature)
	if !ok || sig.Variadic() {
		return nil, false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == v && i < len(l.call.Args) {
			return l.call.Args[i], true
		}
	}
	return nil, false
}

// inside reports whether obj is declared inside node n.
func inside(obj types.Object, n ast.Node) bool {
	return obj != nil && obj.Pos().IsValid() && n.Pos() <= obj.Pos() && obj.Pos() < n.End()
}

func (c *checker) mapType(e ast.Expr) (*types.Map, bool) {
	t := c.info.TypeOf(e)
	if t == nil {
		return nil, false
	}
	m, ok := t.Underlying().(*types.Map)
	return m, ok
}

func (c *checker) isBuiltin(call *ast.CallExpr, names ...string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := c.info.Uses[id].(*types.Builtin)
	if !ok {
		return false
	}
	for _, n := range names {
		if b.Name() == n {
			return true
		}
	}
	return false
}

// check reports the unguarded writes of launch l to shared maps.
func (c *checker) check(l *launch) {
	writes := c.writesIn(l)
	if len(writes) == 0 {
		return
	}
	sync := c.syncNodes(l)
	isSync := func(n ast.Node) bool { return sync[n] }
	loops := l.g.Reaches(l.loc, l.loc, isSync) && !c.serialised(l)
	for _, w := range writes {
		locks, protected := c.protection(l, w)
		if protected {
			continue // a lock, or sync.Once, serialises it
		}
		var msg rule.Text
		var others []analysis.RelatedInformation
		selfRace := loops && c.outlivesIteration(l, w)
		if selfRace {
			msg = msgLoopRace.With(w.text)
		} else if acc, ok := c.launcherAccess(l, w, isSync); ok {
			verb := msgReads.With()
			if acc.write {
				verb = msgWrites.With()
			}
			msg = msgLauncherRace.With(w.text, verb, c.line(acc.node.Pos()))
			others = append(others, analysis.RelatedInformation{Pos: acc.node.Pos(), End: acc.node.End(), Message: rule.Say(c.pass, msgUsedHere.With(w.text))})
		} else if o, ok := c.otherLaunch(l, w, isSync); ok {
			msg = msgOtherLaunch.With(w.text, c.line(o.call.Pos()))
			others = append(others, analysis.RelatedInformation{Pos: o.call.Pos(), End: o.call.End(), Message: rule.Say(c.pass, msgAnotherRoutine.With(w.text))})
		} else {
			continue // no other goroutine can touch it meanwhile
		}
		if locks.Read() {
			msg = msgReadLock.With(msg)
		}
		d := analysis.Diagnostic{Pos: w.pos.Pos(), End: w.pos.End(), Message: rule.Say(c.pass, msg), Related: others}
		if !locks.Read() {
			if fix, ok := c.fix(l, w, writes, c.racers(l, w, writes, isSync)); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		c.pass.Report(d)
	}
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// heldIn returns the lock analysis of function fn.
func (c *checker) heldIn(fn ast.Node) *syncflow.Held {
	if h, ok := c.held[fn]; ok {
		return h
	}
	var h *syncflow.Held
	if g := c.b.Graph(fn); g != nil {
		h = syncflow.NewHeld(g, c.info)
	}
	c.held[fn] = h
	return h
}

// protection returns the locks held at the write, and whether the write
// is serialised (see guard).
func (c *checker) protection(l *launch, w *write) (syncflow.LockSet, bool) {
	return c.guard(l.cur, w.stmt, w.pos)
}

// guard returns the locks held where x (inside the statement or
// expression n) runs, and whether that is serialised: a write lock is
// held, in its function or at each literal around it up to the function
// top, or a literal around it is run by sync.Once.Do or by a function
// whose name says it locks.
func (c *checker) guard(top inspector.Cursor, n, x ast.Node) (syncflow.LockSet, bool) {
	cur, ok := top.FindNode(n)
	if !ok {
		return nil, false
	}
	all := syncflow.LockSet{}
	for fc := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		fn := fc.Node()
		if h := c.heldIn(fn); h != nil {
			if s, ok := h.At(x); ok {
				for k := range s {
					all[k] = true
				}
				if s.Write() {
					return all, true
				}
			}
		}
		if fn == top.Node() {
			break
		}
		if fc.ParentEdgeKind() == edge.CallExpr_Args {
			call := fc.Parent().Node().(*ast.CallExpr)
			f := typesutil.Callee(c.info, call)
			if typesutil.IsMethod(f, "sync", "Once", "Do") {
				return all, true // one goroutine at a time, and only once
			}
			if name := calleeName(call); strings.Contains(strings.ToLower(name), "lock") {
				return all, true // withLock(func() { … })
			}
		}
		x = fn
	}
	return all, false
}

func calleeName(call *ast.CallExpr) string {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// outlivesIteration reports whether the map of w is the same for every
// goroutine of a loop launch: its root is declared outside the innermost
// loop of the launcher around the launch.
func (c *checker) outlivesIteration(l *launch, w *write) bool {
	for p := range l.cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return !inside(w.root, p.Node())
		}
		if p == l.cur {
			continue // the goroutine's own literal
		}
		return false // reached the launcher: a loop made of goto
	}
	return false
}

// syncNodes returns the nodes of the launcher after which the goroutine
// of l has finished its writes: a Wait on the WaitGroup it calls Done on
// or on the group that started it, a receive from or range over a
// channel it sends on or closes, and the loops that repeat such receives.
func (c *checker) syncNodes(l *launch) map[ast.Node]bool {
	done := make(map[string]bool)  // WaitGroups the goroutine calls Done on
	chans := make(map[string]bool) // channels it sends on or closes
	ast.Inspect(l.lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if typesutil.IsMethod(typesutil.Callee(c.info, n), "sync", "WaitGroup", "Done") {
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					if k, ok := c.launcherKey(l, sel.X); ok {
						done[k] = true
					}
				}
			}
			if c.isBuiltin(n, "close") && len(n.Args) == 1 {
				if k, ok := c.launcherKey(l, n.Args[0]); ok {
					chans[k] = true
				}
			}
		case *ast.SendStmt:
			if k, ok := c.launcherKey(l, n.Chan); ok {
				chans[k] = true
			}
		}
		return true
	})
	ranges := make(map[ast.Node]bool) // X of the launcher's range statements
	for rc := range l.launcher.Preorder((*ast.RangeStmt)(nil)) {
		ranges[rc.Node().(*ast.RangeStmt).X] = true
	}
	sync := make(map[ast.Node]bool)
	l.g.Nodes(func(n ast.Node, _ syncflow.Loc) {
		if ranges[n] {
			if k, _, ok := syncflow.PathKey(c.info, n.(ast.Expr)); ok && chans[k] {
				sync[n] = true
			}
		}
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				fn := typesutil.Callee(c.info, x)
				if fn == nil || fn.Name() != "Wait" {
					return true
				}
				sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
				if !ok {
					return true
				}
				k, _, ok := syncflow.PathKey(c.info, sel.X)
				if !ok {
					return true
				}
				if typesutil.IsMethod(fn, "sync", "WaitGroup", "Wait") && done[k] || l.group != "" && k == l.group {
					sync[n] = true
				}
			case *ast.UnaryExpr:
				if x.Op == token.ARROW {
					if k, _, ok := syncflow.PathKey(c.info, x.X); ok && chans[k] {
						sync[n] = true
					}
				}
			}
			return true
		})
	})
	// A receive repeated by a loop that does not start the goroutine
	// waits for as many goroutines as the loop runs.
	for n := range sync {
		cur, ok := l.launcher.FindNode(n)
		if !ok {
			continue // not the launcher's own node
		}
		for p := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			if p == cur {
				continue // the node itself
			}
			if p.Contains(l.cur) {
				break // the loop that starts it
			}
			switch loop := p.Node().(type) {
			case *ast.ForStmt:
				if loop.Cond != nil {
					sync[loop.Cond] = true
				}
				continue // and the loops around it
			case *ast.RangeStmt:
				sync[loop.X] = true
				continue // and the loops around it
			}
			break // reached a function
		}
	}
	return sync
}

// launcherKey returns the path key of e, an expression in the body of
// l's literal, as the launcher sees it: a parameter of the literal stands
// for its argument.
func (c *checker) launcherKey(l *launch, e ast.Expr) (string, bool) {
	key, root, ok := syncflow.PathKey(c.info, e)
	if !ok {
		return "", false
	}
	if !inside(root, l.lit) {
		return key, true
	}
	v, _ := root.(*types.Var)
	arg, ok := c.argOf(l, v)
	if !ok {
		return "", false
	}
	akey, _, ok := syncflow.PathKey(c.info, arg)
	if !ok {
		return "", false
	}
	return akey + strings.TrimPrefix(key, fmt.Sprintf("v%p", root)), true
}

// An access is a use of a map's contents.
type access struct {
	node  ast.Node
	write bool
}

// pathAt returns the cursor of the largest field path expression that
// the identifier at cur starts (x → x.f → x.f.g).
func (c *checker) pathAt(cur inspector.Cursor) inspector.Cursor {
	for {
		switch cur.ParentEdgeKind() {
		case edge.SelectorExpr_X:
			sel := cur.Parent().Node().(*ast.SelectorExpr)
			if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
				return cur
			}
		case edge.ParenExpr_X, edge.StarExpr_X:
		default:
			return cur
		}
		cur = cur.Parent()
	}
}

// accessOf classifies the use of a map at the path cursor p: an element
// read or write, a range, len, delete or clear, a call argument, a
// returned value. Anything else (assigning the variable, taking its
// address) is not a use of its contents.
func (c *checker) accessOf(p inspector.Cursor, skip *ast.CallExpr) (write, ok bool) {
	switch p.ParentEdgeKind() {
	case edge.IndexExpr_X:
		ix := p.Parent()
		for ix.ParentEdgeKind() == edge.ParenExpr_X {
			ix = ix.Parent()
		}
		switch ix.ParentEdgeKind() {
		case edge.AssignStmt_Lhs:
			return ix.Parent().Node().(*ast.AssignStmt).Tok != token.DEFINE, true
		case edge.IncDecStmt_X:
			return true, true
		}
		return false, true
	case edge.RangeStmt_X, edge.ReturnStmt_Results:
		return false, true
	case edge.CallExpr_Args:
		call := p.Parent().Node().(*ast.CallExpr)
		if call == skip {
			return false, false // passed to the goroutine as it starts
		}
		if c.isBuiltin(call, "delete", "clear") {
			return true, true
		}
		return false, true
	}
	return false, false
}

// launcherAccess returns the first use of the map of w by the launcher's
// own code that may run while the goroutine writes.
func (c *checker) launcherAccess(l *launch, w *write, isSync func(ast.Node) bool) (access, bool) {
	var best access
	found := false
	for cur := range l.launcher.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[cur.Node().(*ast.Ident)] != w.root {
			continue // another name
		}
		if c.inLaunch(l.launcher.Node(), cur) {
			continue // a goroutine's own use
		}
		p := c.pathAt(cur)
		if k, _, ok := syncflow.PathKey(c.info, p.Node().(ast.Expr)); !ok || k != w.key {
			continue // another field, or a larger value
		}
		write, ok := c.accessOf(p, l.call)
		if !ok {
			continue // not a use of the contents
		}
		n, loc, ok := l.g.Enclosing(p.Node())
		if !ok || !l.g.Reaches(l.loc, loc, isSync) || isSync(n) && p.ParentEdgeKind() == edge.ReturnStmt_Results {
			continue // before the launch, after a wait, or returned by return m, g.Wait()
		}
		if !found || n.Pos() < best.node.Pos() {
			best, found = access{n, write}, true
		}
	}
	return best, found
}

// inLaunch reports whether cur is inside a literal that the function fn
// starts as a goroutine.
func (c *checker) inLaunch(fn ast.Node, cur inspector.Cursor) bool {
	for _, o := range c.byFun[fn] {
		if o.cur.Contains(cur) {
			return true
		}
	}
	return false
}

// otherLaunch returns another goroutine of the same launcher that uses
// the map of w and may run at the same time as l's.
func (c *checker) otherLaunch(l *launch, w *write, isSync func(ast.Node) bool) (*launch, bool) {
	for _, o := range c.byFun[l.launcher.Node()] {
		if o == l || !c.uses(o, w.key) {
			continue // itself, or another map
		}
		oSync := c.syncNodes(o)
		if l.g.Reaches(l.loc, o.loc, isSync) || l.g.Reaches(o.loc, l.loc, func(n ast.Node) bool { return oSync[n] }) {
			return o, true
		}
	}
	return nil, false
}

// uses reports whether the body of o uses the contents of the map with
// the launcher path key.
func (c *checker) uses(o *launch, key string) bool {
	for cur := range o.cur.Preorder((*ast.Ident)(nil)) {
		if _, ok := c.info.Uses[cur.Node().(*ast.Ident)].(*types.Var); !ok {
			continue // not a variable
		}
		p := c.pathAt(cur)
		if k, ok := c.launcherKey(o, p.Node().(ast.Expr)); !ok || k != key {
			continue // another map
		}
		if _, ok := c.accessOf(p, nil); ok {
			return true
		}
	}
	return false
}

// A racer is an access to a map that may run at the same time as a
// goroutine's write to it.
type racer struct {
	node  ast.Node
	locks syncflow.LockSet // write locks held there
	safe  bool             // serialised some other way (sync.Once, withLock)
	write *write           // the unguarded write statement of the same goroutine it is in, if any
}

// racers returns the accesses to the map of w that may run while w does:
// the other uses in the goroutine's literal (which runs in every
// goroutine of the launch), the launcher's uses after the launch before a
// wait, and the uses by goroutines the launcher starts at the same time.
func (c *checker) racers(l *launch, w *write, writes []*write, isSync func(ast.Node) bool) []racer {
	var out []racer
	add := func(top inspector.Cursor, p inspector.Cursor, own *launch) {
		locks, protected := c.guard(top, p.Node(), p.Node())
		r := racer{node: p.Node(), locks: locks, safe: protected && !locks.Write()}
		if own == l {
			for _, o := range writes {
				if o.key == w.key && o.stmt.Pos() <= p.Node().Pos() && p.Node().End() <= o.stmt.End() {
					if _, prot := c.protection(l, o); !prot {
						r.write = o
					}
				}
			}
		}
		out = append(out, r)
	}
	// In the goroutine itself, and in the launcher's other goroutines.
	for _, o := range c.byFun[l.launcher.Node()] {
		if o != l {
			oSync := c.syncNodes(o)
			if !l.g.Reaches(l.loc, o.loc, isSync) && !l.g.Reaches(o.loc, l.loc, func(n ast.Node) bool { return oSync[n] }) {
				continue // not at the same time
			}
		}
		for cur := range o.cur.Preorder((*ast.Ident)(nil)) {
			if _, ok := c.info.Uses[cur.Node().(*ast.Ident)].(*types.Var); !ok {
				continue // not a variable
			}
			p := c.pathAt(cur)
			if k, ok := c.launcherKey(o, p.Node().(ast.Expr)); !ok || k != w.key {
				continue // another map
			}
			if _, ok := c.accessOf(p, nil); !ok {
				continue // not a use of its contents
			}
			if o == l && w.stmt.Pos() <= p.Node().Pos() && p.Node().End() <= w.stmt.End() {
				continue // the write itself
			}
			add(o.cur, p, o)
		}
	}
	// In the launcher, after the launch and before a wait.
	for cur := range l.launcher.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[cur.Node().(*ast.Ident)] != w.root || c.inLaunch(l.launcher.Node(), cur) {
			continue // another name, or a goroutine's use
		}
		p := c.pathAt(cur)
		if k, _, ok := syncflow.PathKey(c.info, p.Node().(ast.Expr)); !ok || k != w.key {
			continue // another field
		}
		if _, ok := c.accessOf(p, l.call); !ok {
			continue // not a use of the contents
		}
		if n, loc, ok := l.g.Enclosing(p.Node()); !ok || !l.g.Reaches(l.loc, loc, isSync) || isSync(n) && p.ParentEdgeKind() == edge.ReturnStmt_Results {
			continue // before the launch, after a wait, or returned by return m, g.Wait()
		}
		add(l.launcher, p, nil)
	}
	return out
}

// serialised reports whether the group that starts l runs one goroutine
// at a time: g.SetLimit(1) (x/sync; each goroutine's end happens before
// the next one's start) or g.GOMAXPROCS(1) (kratos).
func (c *checker) serialised(l *launch) bool {
	if l.kind != "errgroup" || l.group == "" {
		return false
	}
	found := false
	for cur := range l.launcher.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := typesutil.Callee(c.info, call)
		if fn == nil || (fn.Name() != "SetLimit" && fn.Name() != "GOMAXPROCS") || len(call.Args) != 1 {
			continue // not a limit
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue // not a method call
		}
		if k, _, ok := syncflow.PathKey(c.info, sel.X); !ok || k != l.group {
			continue // another group
		}
		if tv := c.info.Types[call.Args[0]]; tv.Value != nil && tv.Value.String() == "1" {
			found = true
		}
	}
	return found
}
