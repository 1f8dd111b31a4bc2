package deadlock

import (
	"embed"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
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

// Rule is the deadlock rule.
var Rule = rule.Define(rule.Spec{
	ID:       "deadlock",
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, _ *rule.Options) error {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	b := syncflow.NewBuilder(pass.TypesInfo, pass.Files)
	focus := rule.FocusOf(pass)
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if !focus.Has(cur.Node().Pos()) || !mayLockOrMake(cur.Node()) {
			continue // its findings would not be shown, or nothing to follow: no Lock and no make of its own
		}
		g := b.Graph(cur.Node())
		if g == nil {
			continue // a function declared without a body
		}
		f := &function{
			pass:    pass,
			info:    pass.TypesInfo,
			cur:     cur,
			g:       g,
			events:  make(map[ast.Node][]event),
			file:    fixutil.FileOf(pass.Files, cur.Node().Pos()),
			doubles: make(map[*ast.CallExpr]int),
		}
		if fd, ok := cur.Node().(*ast.FuncDecl); ok {
			f.decl = fd
		}
		f.checkLocks()
		f.checkSends()
		f.checkRanges()
	}
	return nil
}

// mayLockOrMake reports whether the body of fn (not its literals) calls a
// method named like a lock (Lock, RLock, TryLock, TryRLock) or make: only
// then can it have something to report. It spares building graphs for
// most functions.
func mayLockOrMake(fn ast.Node) bool {
	body := typesutil.FuncBody(fn)
	if body == nil {
		return false // declared without a body
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			switch f := ast.Unparen(n.Fun).(type) {
			case *ast.SelectorExpr:
				switch f.Sel.Name {
				case "Lock", "RLock", "TryLock", "TryRLock":
					found = true
				}
			case *ast.Ident:
				found = found || f.Name == "make"
			}
		}
		return !found
	})
	return found
}

// A function is the state of the check of one function body.
type function struct {
	pass    *analysis.Pass
	info    *types.Info
	cur     inspector.Cursor
	g       *syncflow.Graph
	decl    *ast.FuncDecl // nil for a literal
	file    *ast.File
	events  map[ast.Node][]event
	doubles map[*ast.CallExpr]int // second Locks found: index in found
	found   []foundDouble         // in the order found

	// Computed by scan.
	sites       []*site
	released    map[string]bool     // keys released in the function, deferred or not
	handedOff   map[string]bool     // keys released in a function literal that is not deferred
	helperRel   []syncflow.LockCall // releases by helpers or of unknown mutexes, anywhere
	deferredRel []ast.Node          // defer statements that release a lock
}

// An event is a lock operation a node of the graph performs, now or, for
// a defer statement, when the function returns.
type event struct {
	lc       syncflow.LockCall
	deferred bool
}

// A site is a place where a lock is taken.
type site struct {
	lc    syncflow.LockCall
	node  ast.Node // the graph node holding the call
	loc   syncflow.Loc
	index int        // of its event in the node's events
	from  *cfg.Block // for a TryLock: the successor where it succeeded
	read  bool       // RLock or TryRLock
}

// eventsOf returns the lock operations of a graph node in order.
func (f *function) eventsOf(n ast.Node) []event {
	if evs, ok := f.events[n]; ok {
		return evs
	}
	var evs []event
	switch n := n.(type) {
	case *ast.DeferStmt:
		if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
			for _, lc := range releasesIn(f.info, lit.Body) {
				evs = append(evs, event{lc, true})
			}
		} else if lc, ok := syncflow.ClassifyLock(f.info, n.Call); ok && lc.Op.IsRelease() {
			evs = append(evs, event{lc, true})
		}
	case *ast.GoStmt:
		// Its call runs in another goroutine.
	default:
		for _, call := range syncflow.Calls(n) {
			if lc, ok := syncflow.ClassifyLock(f.info, call); ok {
				evs = append(evs, event{lc, false})
			}
		}
	}
	f.events[n] = evs
	return evs
}

// releasesIn returns the lock releases anywhere in n.
func releasesIn(info *types.Info, n ast.Node) []syncflow.LockCall {
	var out []syncflow.LockCall
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok {
			if lc, ok := syncflow.ClassifyLock(info, call); ok && lc.Op.IsRelease() {
				out = append(out, lc)
			}
		}
		return true
	})
	return out
}

// releaseValuesIn returns the releases in n, outside function literals,
// that are method values rather than calls (mu.Unlock, not mu.Unlock()):
// whoever they are handed to may call them.
func releaseValuesIn(info *types.Info, n ast.Node) []syncflow.LockCall {
	called := make(map[ast.Expr]bool)
	var out []syncflow.LockCall
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false // its releases are handed off as a literal's
		case *ast.CallExpr:
			called[ast.Unparen(x.Fun)] = true
		case *ast.SelectorExpr:
			if !called[x] {
				if lc, ok := syncflow.ClassifyLock(info, &ast.CallExpr{Fun: x}); ok && lc.Op.IsRelease() {
					out = append(out, lc)
				}
			}
		}
		return true
	})
	return out
}

// scan finds the lock sites of the function and what releases locks.
func (f *function) scan() {
	f.released = make(map[string]bool)
	f.handedOff = make(map[string]bool)
	f.g.Nodes(func(n ast.Node, l syncflow.Loc) {
		for i, ev := range f.eventsOf(n) {
			switch {
			case ev.lc.Op.IsRelease():
				if ev.lc.Op == syncflow.HelperUnlock || ev.lc.Key == "" {
					f.helperRel = append(f.helperRel, ev.lc)
				}
				f.released[ev.lc.Key] = true
				if ev.deferred && (len(f.deferredRel) == 0 || f.deferredRel[len(f.deferredRel)-1] != n) {
					f.deferredRel = append(f.deferredRel, n)
				}
			case ev.deferred:
				// Only releases are deferred events.
			case (ev.lc.Op == syncflow.Lock || ev.lc.Op == syncflow.RLock) && ev.lc.Key != "":
				f.sites = append(f.sites, &site{lc: ev.lc, node: n, loc: l, index: i, read: ev.lc.Op == syncflow.RLock})
			}
		}
		// go s.resetAndUnlock() releases in another goroutine.
		if gs, ok := n.(*ast.GoStmt); ok {
			if lc, ok := syncflow.ClassifyLock(f.info, gs.Call); ok && lc.Op.IsRelease() {
				f.helperRel = append(f.helperRel, lc)
			}
		}
		// Locks released by other function literals are handed off.
		if d, ok := n.(*ast.DeferStmt); ok {
			if _, lit := ast.Unparen(d.Call.Fun).(*ast.FuncLit); lit {
				return // a deferred literal's releases are events above
			}
		}
		var handed []syncflow.LockCall
		for _, lit := range syncflow.FuncLitsIn(n) {
			handed = append(handed, releasesIn(f.info, lit.Body)...)
		}
		// So are those passed on as method values: t.Cleanup(mu.Unlock).
		handed = append(handed, releaseValuesIn(f.info, n)...)
		for _, lc := range handed {
			if lc.Op == syncflow.HelperUnlock || lc.Key == "" {
				f.helperRel = append(f.helperRel, lc)
			}
			f.handedOff[lc.Key] = true
			f.released[lc.Key] = true
		}
	})
	// if mu.TryLock() { … } and if !mu.TryLock() { return }.
	for _, b := range f.g.CFG.Blocks {
		if !b.Live || len(b.Succs) != 2 || len(b.Nodes) == 0 {
			continue // not a live conditional block
		}
		cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
		if !ok {
			continue // not a condition
		}
		succ := 0
		cond = ast.Unparen(cond)
		if u, ok := cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
			cond, succ = ast.Unparen(u.X), 1
		}
		call, ok := cond.(*ast.CallExpr)
		if !ok {
			continue // not a call
		}
		lc, ok := syncflow.ClassifyLock(f.info, call)
		if !ok || (lc.Op != syncflow.TryLock && lc.Op != syncflow.TryRLock) || lc.Key == "" {
			continue // not a TryLock of a known mutex
		}
		l, _ := f.g.Loc(b.Nodes[len(b.Nodes)-1])
		f.sites = append(f.sites, &site{lc: lc, node: b.Nodes[len(b.Nodes)-1], loc: l, index: -1, from: b.Succs[succ], read: lc.Op == syncflow.TryRLock})
	}
}

// A walk is what follows a lock site on the paths from it.
type walk struct {
	returns  []*ast.ReturnStmt // reached with the lock held
	releases []release         // the first release on each path
	doubles  []double          // Locks of the same mutex while it is held
	defers   bool              // a defer statement runs while it is held
}

type release struct {
	node ast.Node
	ev   event
}

type double struct {
	call *ast.CallExpr
	lc   syncflow.LockCall
	self bool // the site itself, on the next loop iteration
	// read is an RLock while the site's read lock is held: it blocks
	// only when a writer waits in between.
	read bool
	// deferred is the defer statement whose release the path went
	// through: the lock is held until the function returns.
	deferred ast.Node
}

// follow walks the paths from s until the lock is released. A deferred
// release ends a path for the question whether a return leaves the lock
// held, but the lock stays held until the function returns: the paths
// from each such defer statement are walked again for a second Lock,
// until an explicit release.
func (f *function) follow(s *site) *walk {
	w := new(walk)
	var deferred ast.Node // the defer statement of the second walks, nil in the first
	var defers []ast.Node // deferred releases met in the first walk
	// process handles the events of node n from index i; it reports
	// whether the path goes on.
	process := func(n ast.Node, evs []event, i int) bool {
		for ; i < len(evs); i++ {
			ev := evs[i]
			lc := ev.lc
			switch {
			case lc.Op.IsRelease():
				if !syncflow.Covers(lc, s.lc.Key, s.lc.Op) {
					continue // another mutex
				}
				if !ev.deferred {
					if deferred == nil {
						w.releases = append(w.releases, release{n, ev})
					}
					return false
				}
				if deferred == nil {
					w.releases = append(w.releases, release{n, ev})
					if !slices.Contains(defers, n) {
						defers = append(defers, n)
					}
					return false
				}
				// Deferred again: still held until the function returns.
			case ev.deferred:
			case lc.Key == s.lc.Key && lc.Op.IsAcquire():
				if s.read && lc.Op == syncflow.RLock {
					w.doubles = append(w.doubles, double{call: lc.Call, lc: lc, self: lc.Call == s.lc.Call, read: true, deferred: deferred})
					continue // the path goes on: a later Lock still blocks for good
				}
				w.doubles = append(w.doubles, double{call: lc.Call, lc: lc, self: lc.Call == s.lc.Call, deferred: deferred})
				return false
			}
		}
		if deferred != nil {
			_, ret := n.(*ast.ReturnStmt)
			return !ret // the deferred release runs at the return
		}
		if _, ok := n.(*ast.DeferStmt); ok {
			w.defers = true
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			w.returns = append(w.returns, ret)
			return false
		}
		return true
	}
	visit := func(n ast.Node) bool { return process(n, f.eventsOf(n), 0) }
	if s.from != nil || process(s.node, f.eventsOf(s.node), s.index+1) {
		f.walkFlags(s.loc, s.from, visit)
	}
	for _, d := range defers {
		l, ok := f.g.Loc(d)
		if !ok {
			continue // not a node of the graph
		}
		deferred = d
		f.walkFlags(l, nil, visit)
	}
	return w
}

func (f *function) checkLocks() {
	f.scan()
	wrongDefer := f.checkDeferredLocks()
	for _, s := range f.sites {
		if wrongDefer[s.lc.Call] {
			continue // reported at its deferred Lock, which was meant to be the Unlock
		}
		w := f.follow(s)
		again := false
		for _, d := range w.doubles {
			f.addDouble(s, d)
			again = again || d.self
		}
		if again {
			continue // reported as locked again on the next iteration
		}
		if len(w.returns) == 0 || f.leftHeldOnPurpose(s) {
			continue // no path returns with it held, or that is the contract
		}
		aliases := f.aliasesOf(s)
		var leaks []*ast.ReturnStmt
		for _, ret := range w.returns {
			if !f.handsOver(ret, aliases, s.lc.Root) && !f.handsToCallee(ret, s) {
				leaks = append(leaks, ret)
			}
		}
		if len(leaks) == 0 {
			continue // every such return hands the lock to its result
		}
		w.returns = leaks
		f.reportHeld(s, w)
	}
	for _, fd := range f.found {
		f.reportDouble(fd.s, fd.d)
	}
}

// leftHeldOnPurpose reports whether the function returns with the lock of
// s held by design.
func (f *function) leftHeldOnPurpose(s *site) bool {
	key := s.lc.Key
	if f.decl != nil && strings.HasSuffix(f.decl.Name.Name, "Locked") {
		return true // the caller holds the lock
	}
	if f.handedOff[key] {
		return true // a goroutine or a stored closure releases it
	}
	for _, h := range f.helperRel {
		if syncflow.Covers(h, key, s.lc.Op) {
			return true // a helper (or go s.resetAndUnlock()) may release it
		}
	}
	if f.unlocksFirst(key) {
		return true // entered with the lock held: it gives it back as it found it
	}
	if f.deferredBefore(key, s) {
		return true // a defer registered earlier releases it
	}
	if !f.released[key] && (f.acquires(s) || !f.mayForget(s)) {
		return true // a function whose job is to take the lock
	}
	if f.commentSaysReleased(s) {
		return true // the comment at the Lock says who releases it
	}
	return false
}

// unlocksFirst reports whether some path from the function's entry
// releases the mutex before it takes it: the caller holds it.
func (f *function) unlocksFirst(key string) bool {
	found := false
	f.g.WalkBlock(f.g.Entry(), func(n ast.Node, _ syncflow.Loc) bool {
		if found {
			return false
		}
		for _, ev := range f.eventsOf(n) {
			if ev.lc.Key != key || ev.deferred {
				continue // another mutex, or not now
			}
			if ev.lc.Op.IsRelease() {
				found = true
				return false
			}
			if ev.lc.Op.IsAcquire() || ev.lc.Op == syncflow.TryLock || ev.lc.Op == syncflow.TryRLock {
				return false
			}
		}
		return true
	})
	return found
}

// deferredBefore reports whether a defer statement that releases the
// mutex may run before the lock at s.
func (f *function) deferredBefore(key string, s *site) bool {
	for _, d := range f.deferredRel {
		match := false
		for _, ev := range f.eventsOf(d) {
			if syncflow.Covers(ev.lc, key, s.lc.Op) {
				match = true
			}
		}
		if !match {
			continue // releases another mutex
		}
		dl, _ := f.g.Loc(d)
		if f.g.Reaches(dl, s.loc, func(ast.Node) bool { return false }) {
			return true
		}
	}
	return false
}

// acquires reports whether the function, which never releases the mutex
// of s, says that taking it is what it is for: by its name, its doc
// comment, a body that does nothing but lock, or by returning something
// that will release it later (a closure, or the mutex's owner).
func (f *function) acquires(s *site) bool {
	if f.decl != nil {
		if isAcquireName(f.decl.Name.Name) {
			return true
		}
		if doc := f.decl.Doc.Text(); lockedDoc.MatchString(doc) && mentions(doc, s.lc.Mutex) {
			return true // "returns with s.mu held", "leaves the store locked"
		}
	}
	onlyLocks := true
	for _, st := range f.g.Body.List {
		es, ok := st.(*ast.ExprStmt)
		if !ok {
			onlyLocks = false
			break
		}
		call, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok {
			onlyLocks = false
			break
		}
		if lc, ok := syncflow.ClassifyLock(f.info, call); !ok || !lc.Op.IsAcquire() {
			onlyLocks = false
			break
		}
	}
	return onlyLocks
}

// aliasesOf returns the owner of the mutex of s and the local variables
// that hold a value made from it (tx := &txn{s: s}; t.init(db)).
func (f *function) aliasesOf(s *site) map[types.Object]bool {
	aliases := map[types.Object]bool{}
	if s.lc.Root == nil {
		return aliases
	}
	aliases[s.lc.Root] = true
	mark := func(e ast.Expr) {
		if _, root, ok := syncflow.PathKey(f.info, e); ok && root != s.lc.Root {
			if v, ok := root.(*types.Var); ok && !v.IsField() && v.Parent() != nil && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() {
				aliases[root] = true
			}
		}
	}
	for range 2 {
		ast.Inspect(f.g.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, r := range n.Rhs {
					if refersAsValue(f.info, r, aliases) {
						mark(n.Lhs[i])
					}
				}
			case *ast.CallExpr:
				// x.init(owner) makes x hold the owner.
				sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
				if !ok {
					return true
				}
				for _, a := range n.Args {
					if refersAsValue(f.info, a, aliases) {
						mark(sel.X)
					}
				}
			}
			return true
		})
	}
	return aliases
}

// handsOver reports whether ret returns something that will release the
// lock later: a function value, or a value made from the mutex's owner
// (not the owner itself, which a fluent method returns as it is).
func (f *function) handsOver(ret *ast.ReturnStmt, aliases map[types.Object]bool, root types.Object) bool {
	for _, r := range ret.Results {
		if _, fn := f.info.TypeOf(r).(*types.Signature); fn {
			return true
		}
		if id, ok := ast.Unparen(r).(*ast.Ident); ok && f.info.Uses[id] == root {
			continue // the owner itself
		}
		if refersAsValue(f.info, r, aliases) {
			return true
		}
	}
	return false
}

// lockedDoc matches a doc comment that says the function returns with a
// lock held.
var lockedDoc = regexp.MustCompile(`(?i)\b(held|holding|locked)\b`)

var wordRE = regexp.MustCompile(`[\w.]+`)

// mentions reports whether doc names the mutex (its field name, mu) or
// speaks of "the lock".
func mentions(doc string, mutex ast.Expr) bool {
	words := wordRE.FindAllString(strings.ToLower(doc), -1)
	name := strings.ToLower(types.ExprString(mutex))
	last := name[strings.LastIndex(name, ".")+1:]
	for i, w := range words {
		w = strings.TrimSuffix(w, ".")
		if w == name || w == last || strings.HasSuffix(w, "."+last) ||
			w == "lock" && i > 0 && (words[i-1] == "the" || words[i-1] == "its") {
			return true
		}
	}
	return false
}

// isAcquireName reports whether a function's name says it takes a lock:
// lock, rlock, lockShard, LockInsideApply, acquire, mustLock, but not
// ReleaseLockTo or unlockAll.
func isAcquireName(name string) bool {
	lower := strings.ToLower(name)
	if strings.Contains(lower, "unlock") || strings.Contains(lower, "release") || strings.Contains(lower, "free") {
		return false
	}
	for _, p := range []string{"lock", "rlock", "wlock", "acquire", "mustlock", "trylock"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return strings.HasSuffix(lower, "lock")
}

// mayForget reports whether a function that never releases the mutex of
// s can be said to have forgotten to: it is a declared function (a
// goroutine's literal that locks for good is usually holding a process
// down on its way out), not main or init (the program ends), and the
// mutex is not a local variable (which nothing else could wait for).
func (f *function) mayForget(s *site) bool {
	if f.decl == nil {
		if f.cur.ParentEdgeKind() == edge.CallExpr_Fun && f.cur.Parent().ParentEdgeKind() == edge.GoStmt_Call {
			return false // a goroutine that locks for good, e.g. to hold the process down on its way out
		}
	} else if f.decl.Recv == nil && (f.decl.Name.Name == "main" || f.decl.Name.Name == "init") || f.isTestFunc() {
		return false // the program, or the test, ends
	}
	v, ok := s.lc.Root.(*types.Var)
	if !ok || v.Pkg() == nil {
		return false
	}
	// A mutex that lives in this function's frame (var mu sync.Mutex, a
	// local struct value) is one nothing else waits for; a local pointer
	// (l := le.leases[id]; l.mu.Lock()) reaches a shared one.
	if inside(v, f.cur.Node()) && !f.isParam(v) {
		switch v.Type().Underlying().(type) {
		case *types.Pointer, *types.Interface:
			return true
		}
		return false
	}
	return true
}

// isTestFunc reports whether the function is a Test, Benchmark or Fuzz
// function (or a test suite's method) of a _test.go file.
func (f *function) isTestFunc() bool {
	decl := f.decl
	if decl == nil || !typesutil.InTestFile(f.pass.Fset, decl.Pos()) {
		return false
	}
	for _, p := range []string{"Test", "Benchmark", "Fuzz"} {
		if strings.HasPrefix(decl.Name.Name, p) && decl.Type.Params != nil && len(decl.Type.Params.List) == 1 {
			return true
		}
	}
	return false
}

// inside reports whether obj is declared inside node n.
func inside(obj types.Object, n ast.Node) bool {
	return obj.Pos().IsValid() && n.Pos() <= obj.Pos() && obj.Pos() < n.End()
}

// isParam reports whether v is a parameter or the receiver of the function.
func (f *function) isParam(v *types.Var) bool {
	var lists []*ast.FieldList
	switch fn := f.cur.Node().(type) {
	case *ast.FuncDecl:
		lists = []*ast.FieldList{fn.Recv, fn.Type.Params}
	case *ast.FuncLit:
		lists = []*ast.FieldList{fn.Type.Params}
	}
	for _, fl := range lists {
		if fl == nil {
			continue // a function, not a method
		}
		for _, field := range fl.List {
			for _, name := range field.Names {
				if name.Pos() == v.Pos() {
					return true
				}
			}
		}
	}
	return false
}

// commentSaysReleased reports whether the comment ending on the line
// above the lock of s says who unlocks or releases it ("This is released
// by the transaction when it closes").
func (f *function) commentSaysReleased(s *site) bool {
	if f.file == nil {
		return false
	}
	line := f.line(s.lc.Call.Pos())
	for _, cg := range f.file.Comments {
		if f.line(cg.End()) != line-1 || f.pass.Fset.File(cg.Pos()) != f.pass.Fset.File(s.lc.Call.Pos()) {
			continue // not right above the lock
		}
		text := strings.ToLower(cg.Text())
		if strings.Contains(text, "releas") || strings.Contains(text, "unlock") {
			return true
		}
	}
	return false
}

// refersAsValue reports whether e uses one of aliases as a value of its
// own (not just to select a field of it), or holds a function literal
// that refers to one.
func refersAsValue(info *types.Info, e ast.Expr, aliases map[types.Object]bool) bool {
	found := false
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			// A closure that captures the owner may release it later.
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && aliases[info.Uses[id]] {
					found = true
				}
				return !found
			})
			return false
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && aliases[info.Uses[id]] {
				return false // a field or method of the owner, not the owner
			}
		case *ast.Ident:
			if aliases[info.Uses[n]] {
				found = true
			}
		}
		return true
	}
	ast.Inspect(e, walk)
	return found
}

// --- reports ---
