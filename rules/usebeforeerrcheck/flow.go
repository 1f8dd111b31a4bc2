package usebeforeerrcheck

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// A checker holds what the rule computes once per package.
type checker struct {
	pass *analysis.Pass
	opts *rule.Options
	info *types.Info
	in   *inspector.Inspector

	funcs         map[ast.Node]*funcInfo
	decls         map[*types.Func]*ast.FuncDecl                  // functions and methods declared in the package
	idents        map[*types.Var][]inspector.Cursor              // identsOf, for the whole package
	localIdents   map[ast.Node]map[*types.Var][]inspector.Cursor // identsOf, by package-level declaration
	encl          map[int32]ast.Node                             // ident cursor index → innermost enclosing function
	flow          *syncflow.Builder                              // control-flow graphs, by function
	nr            *noreturn.Checker                              // which calls never return (flow's)
	derefs        map[derefKey]bool                              // see derefsReceiver
	derefVia      map[derefKey]string                            // what a method that derefs its receiver reads through it
	findings      map[ast.Expr]*finding
	nonNilResults map[resultKey]bool
	moves         map[*assignment]*move
	// unchecked holds every use reached before err is read, reported or
	// not, by assignment.
	unchecked map[*assignment][]uncheckedUse
}

// An uncheckedUse is a use of v reached before err is read.
type uncheckedUse struct {
	use ast.Expr
	v   *types.Var
}

func newChecker(pass *analysis.Pass, opts *rule.Options, in *inspector.Inspector) *checker {
	flow := syncflow.NewBuilder(pass.TypesInfo, pass.Files)
	return &checker{
		pass:          pass,
		opts:          opts,
		info:          pass.TypesInfo,
		in:            in,
		funcs:         make(map[ast.Node]*funcInfo),
		encl:          make(map[int32]ast.Node),
		flow:          flow,
		nr:            flow.NoReturn(),
		derefs:        make(map[derefKey]bool),
		derefVia:      make(map[derefKey]string),
		findings:      make(map[ast.Expr]*finding),
		nonNilResults: make(map[resultKey]bool),
		unchecked:     make(map[*assignment][]uncheckedUse),
	}
}

// identsOf returns the cursors of the identifiers that denote v. Those
// of a local variable are all in the declaration around it (a function,
// or a package-level variable's initializer): only that one is indexed,
// not the whole package, whose identifiers an edit's pass would
// otherwise look up every time (3 ms in a package of 20 kLOC).
func (c *checker) identsOf(v *types.Var) []inspector.Cursor {
	root := c.in.Root()
	if sc := v.Parent(); v.Pkg() == c.pass.Pkg && sc != nil && sc != c.pass.Pkg.Scope() && sc.Pos().IsValid() {
		decl, ok := root.FindByPos(sc.Pos(), sc.Pos())
		for ok && decl.ParentEdgeKind() != edge.File_Decls {
			decl = decl.Parent()
			ok = decl != root
		}
		if ok {
			if c.localIdents == nil {
				c.localIdents = make(map[ast.Node]map[*types.Var][]inspector.Cursor)
			}
			idents, done := c.localIdents[decl.Node()]
			if !done {
				idents = c.indexIdents(decl)
				c.localIdents[decl.Node()] = idents
			}
			return idents[v]
		}
	}
	if c.idents == nil {
		c.idents = c.indexIdents(root)
	}
	return c.idents[v]
}

// indexIdents returns the identifiers under cur that denote variables
// other than fields, by variable.
func (c *checker) indexIdents(cur inspector.Cursor) map[*types.Var][]inspector.Cursor {
	idents := make(map[*types.Var][]inspector.Cursor)
	for cur := range cur.Preorder((*ast.Ident)(nil)) {
		if v, ok := c.info.Uses[cur.Node().(*ast.Ident)].(*types.Var); ok && !v.IsField() {
			idents[v] = append(idents[v], cur)
		}
	}
	return idents
}

// declOf returns the declaration of fn in the package, or nil.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if fn == nil {
		return nil
	}
	if c.decls == nil {
		c.decls = typesutil.FuncDecls(c.info, c.pass.Files)
	}
	return c.decls[fn.Origin()]
}

// funcOfIdent returns the innermost function enclosing an identifier.
func (c *checker) funcOfIdent(cur inspector.Cursor) ast.Node {
	if fn, ok := c.encl[cur.Index()]; ok {
		return fn
	}
	var fn ast.Node
	if f, ok := typesutil.OuterFunc(cur); ok {
		fn = f.Node()
	}
	c.encl[cur.Index()] = fn
	return fn
}

// A funcInfo is what the rule knows about one function body.
type funcInfo struct {
	cur       inspector.Cursor // *ast.FuncDecl or *ast.FuncLit
	body      *ast.BlockStmt
	g         *syncflow.Graph    // built on first use
	lits      []inspector.Cursor // function literals directly inside
	addrTaken map[*types.Var]bool
	tags      map[ast.Node]bool // switch tags and type switch assignments
	inits     map[ast.Node]bool // init statements of ifs and switches
	rangeKV   map[ast.Node]bool // range keys and values
}

// funcInfo returns the information about the function at cur.
func (c *checker) funcInfo(cur inspector.Cursor) *funcInfo {
	if fi, ok := c.funcs[cur.Node()]; ok {
		return fi
	}
	fi := &funcInfo{
		cur:       cur,
		addrTaken: make(map[*types.Var]bool),
		tags:      make(map[ast.Node]bool),
		inits:     make(map[ast.Node]bool),
		rangeKV:   make(map[ast.Node]bool),
	}
	fi.body = typesutil.FuncBody(cur.Node())
	c.funcs[cur.Node()] = fi
	for n := range cur.Preorder((*ast.UnaryExpr)(nil), (*ast.FuncLit)(nil), (*ast.SwitchStmt)(nil),
		(*ast.TypeSwitchStmt)(nil), (*ast.IfStmt)(nil), (*ast.RangeStmt)(nil)) {
		switch x := n.Node().(type) {
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				if v, ok := c.info.Uses[identOf(x.X)].(*types.Var); ok {
					fi.addrTaken[v] = true
				}
			}
		case *ast.FuncLit:
			if n == cur {
				continue // the function itself
			}
			if outer, ok := typesutil.OuterFunc(n); ok && outer == cur {
				fi.lits = append(fi.lits, n)
			}
		case *ast.SwitchStmt:
			fi.tags[x.Tag] = true
			fi.inits[x.Init] = true
		case *ast.TypeSwitchStmt:
			fi.tags[x.Assign] = true
			fi.inits[x.Init] = true
		case *ast.IfStmt:
			fi.inits[x.Init] = true
		case *ast.RangeStmt:
			fi.rangeKV[x.Key] = true
			fi.rangeKV[x.Value] = true
		}
	}
	delete(fi.tags, nil)
	delete(fi.inits, nil)
	delete(fi.rangeKV, nil)
	return fi
}

// identOf returns the identifier e is (in parentheses), or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// graph returns the control-flow graph of the function, or nil.
func (fi *funcInfo) graph(c *checker) *cfg.CFG {
	if fi.g == nil {
		fi.g = c.flow.Graph(fi.cur.Node())
	}
	if fi.g == nil {
		return nil // no body
	}
	return fi.g.CFG
}

// locate returns the block and index of a live node of the function's
// graph (built by graph).
func (fi *funcInfo) locate(n ast.Node) (*cfg.Block, int, bool) {
	if fi.g == nil {
		return nil, 0, false
	}
	l, ok := fi.g.Loc(n)
	return l.Block, l.Index, ok
}

// --- the walk ---

// A state is what the path taken so far says about err.
type state uint8

const (
	unchecked state = iota // err not read yet
	failed                 // through the err != nil branch of an if that did not leave
	lost                   // err overwritten before it was read
)

// A useCtx says when a use runs relative to the statement holding it.
type useCtx uint8

const (
	direct    useCtx = iota // where it is written
	deferred                // in a func deferred there
	goroutine               // in a goroutine started there
)

// A path is the walk's state at a point.
type path struct {
	st    state
	check *ast.IfStmt // failed: the if whose err != nil branch the path took
	fatal bool        // failed: that branch called the framework's log.Fatal
	used  bool        // a use was reported on the path already
}

// A walker follows the control flow from one assignment for one variable.
type walker struct {
	c  *checker
	a  *assignment
	tv *trackedVar
	v  *types.Var
}

const maxClosureDepth = 3

// walk follows every path from node idx of block start in the function
// fi and records the uses of w.v it reaches.
func (w *walker) walk(fi *funcInfo, start *cfg.Block, idx int, p path, ctx useCtx, depth int) {
	type item struct {
		b *cfg.Block
		i int
		p path
	}
	type key struct {
		b int32
		p path
	}
	seen := make(map[key]bool)
	stack := []item{{start, idx, p}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k := key{it.b.Index, it.p}
		if it.i == 0 { // a walk from the middle of the first block is not a visit
			if seen[k] {
				continue // visited with the same state
			}
			seen[k] = true
		}
		b, p := it.b, it.p
		follow := true
		for i := it.i; i < len(b.Nodes) && follow; i++ {
			n := b.Nodes[i]
			cond := i == len(b.Nodes)-1 && len(b.Succs) == 2 && isExpr(n)
			out := w.step(fi, b, n, p, cond, ctx, depth)
			switch {
			case out.stop:
				follow = false
			case out.branch:
				follow = false
				if out.then != nil {
					stack = append(stack, item{b.Succs[0], 0, *out.then})
				}
				if out.els != nil {
					stack = append(stack, item{b.Succs[1], 0, *out.els})
				}
			default:
				p = out.p
			}
		}
		if follow {
			for _, s := range b.Succs {
				stack = append(stack, item{s, 0, p})
			}
		}
	}
}

func isExpr(n ast.Node) bool {
	_, ok := n.(ast.Expr)
	return ok
}

// An outcome is what a node does to the walk.
type outcome struct {
	stop      bool
	branch    bool
	then, els *path // successors to follow after a condition; nil: not followed
	p         path  // the path after the node, when it goes on
}

// step records the uses of w.v in the node n and returns how the walk
// goes on after it.
func (w *walker) step(fi *funcInfo, b *cfg.Block, n ast.Node, p path, cond bool, ctx useCtx, depth int) outcome {
	c := w.c
	fnNode := fi.cur.Node()

	// Uses of v evaluated by n.
	if p.st != failed || !within(n, p.check) {
		for _, cur := range c.identsOf(w.v) {
			if !within(cur.Node(), n) || c.funcOfIdent(cur) != fnNode {
				continue // elsewhere, or in a function literal
			}
			use, ok := c.panicUse(cur, w.v, 0)
			if !ok {
				continue // this use cannot panic
			}
			if c.guardedByShortCircuit(cur, n, w.v, w.a.err) {
				continue // evaluated only after err or v was looked at
			}
			if p.st == unchecked {
				c.unchecked[w.a] = append(c.unchecked[w.a], uncheckedUse{use, w.v}) // for the fix
			}
			if !p.used {
				c.record(&finding{a: w.a, tv: w.tv, use: use, node: n, p: p, ctx: ctx})
			}
			// Past this use v was not nil: later uses on this path are
			// not reported, only moved by the fix.
			p.used = true
			break
		}
	}

	// Function literals that run as part of n.
	if depth < maxClosureDepth {
		for _, lit := range fi.lits {
			if !within(lit.Node(), n) || !w.mentions(lit.Node()) {
				continue // elsewhere, or v not used in it
			}
			lctx, ok := runsAt(lit)
			if !ok {
				continue // runs whenever it is called: not followed
			}
			if ctx != direct {
				lctx = ctx
			}
			lfi := c.funcInfo(lit)
			if g := lfi.graph(c); g != nil && len(g.Blocks) > 0 {
				w.walk(lfi, g.Blocks[0], 0, p, lctx, depth+1)
			}
		}
	}

	// What n does to v and err.
	if c.assigns(fi, n, w.v) {
		return outcome{stop: true} // v holds another value now
	}
	if fi.inits[n] && c.mentions(n, fnNode, w.v) {
		return outcome{stop: true} // v is handed to the check that follows
	}
	if cond || fi.tags[n] {
		if c.mentions(n, fnNode, w.v) {
			return outcome{stop: true} // the code looks at v itself
		}
		if p.st != lost && c.mentions(n, fnNode, w.a.err) {
			if cond && p.st == unchecked {
				if ifs, neq, ok := errCheck(c.info, b, n, w.a.err); ok {
					f := &path{st: failed, check: ifs}
					if neq {
						return outcome{branch: true, then: f}
					}
					return outcome{branch: true, els: f}
				}
			}
			return outcome{stop: true} // err is checked
		}
		if cond && p.st == failed && within(n, p.check) && c.guardsExit(b, n) {
			// if lg != nil { lg.Panic(…) } in the err branch: the branch means
			// to leave; the nil guard only spares the logger.
			return outcome{branch: true, then: &p}
		}
		if cond {
			return outcome{branch: true, then: &p, els: &p}
		}
		return outcome{p: p}
	}
	if c.assigns(fi, n, w.a.err) {
		as, _ := n.(*ast.AssignStmt)
		switch {
		case as != nil && c.mentionsAny(as.Rhs, fnNode, w.a.err):
			// err = wrap(err): still f's error
		case p.st == unchecked && as != nil && c.mentionsAny(as.Rhs, fnNode, w.v):
			return outcome{stop: true} // v is handed to the call that decides the new err
		case p.st == unchecked:
			p.st = lost
		}
		return outcome{p: p}
	}
	if p.st != lost && c.readsErr(fnNode, n, w.a.err) {
		return outcome{stop: true} // err is looked at
	}
	if p.st == failed && within(n, p.check) && c.callsFrameworkFatal(n) {
		p.fatal = true
	}
	return outcome{p: p}
}

// within reports whether n lies inside outer (false for a nil outer).
func within(n ast.Node, outer ast.Node) bool {
	if outer == nil || n == nil {
		return false
	}
	return outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// mentions reports whether a v identifier lies inside n (at any depth).
func (w *walker) mentions(n ast.Node) bool {
	for _, cur := range w.c.identsOf(w.v) {
		if within(cur.Node(), n) {
			return true
		}
	}
	return false
}

// runsAt reports whether the function literal at lit is called where it
// is written, and how: on the spot, deferred, or as a goroutine.
func runsAt(lit inspector.Cursor) (useCtx, bool) {
	cur := lit
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.CallExpr_Fun {
		return 0, false
	}
	switch cur.Parent().ParentEdgeKind() {
	case edge.DeferStmt_Call:
		return deferred, true
	case edge.GoStmt_Call:
		return goroutine, true
	}
	return direct, true
}

// mentions reports whether an identifier denoting v is evaluated by n in
// the function fn (not inside a function literal).
func (c *checker) mentions(n ast.Node, fn ast.Node, v *types.Var) bool {
	for _, cur := range c.identsOf(v) {
		if within(cur.Node(), n) && c.funcOfIdent(cur) == fn {
			return true
		}
	}
	return false
}

// mentionsAny is mentions over several expressions.
func (c *checker) mentionsAny(list []ast.Expr, fn ast.Node, v *types.Var) bool {
	for _, e := range list {
		if c.mentions(e, fn, v) {
			return true
		}
	}
	return false
}

// assigns reports whether the node n assigns v.
func (c *checker) assigns(fi *funcInfo, n ast.Node, v *types.Var) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if id := identOf(l); id != nil && c.info.ObjectOf(id) == v {
				return true
			}
		}
	case *ast.ValueSpec:
		for _, id := range n.Names {
			if c.info.ObjectOf(id) == v {
				return true
			}
		}
	case *ast.IncDecStmt:
		if id := identOf(n.X); id != nil && c.info.ObjectOf(id) == v {
			return true
		}
	case *ast.Ident:
		return fi.rangeKV[n] && c.info.ObjectOf(n) == v
	}
	return false
}

// errCheck reports whether the condition n ending block b is exactly
// `err != nil` (neq) or `err == nil` of an if statement, and returns it.
func errCheck(info *types.Info, b *cfg.Block, n ast.Node, err *types.Var) (*ast.IfStmt, bool, bool) {
	then := b.Succs[0]
	ifs, ok := then.Stmt.(*ast.IfStmt)
	if !ok || then.Kind != cfg.KindIfThen || ifs.Cond != n {
		return nil, false, false
	}
	neq, ok := isErrNilCompare(info, ifs.Cond, err)
	return ifs, neq, ok
}

// guardsExit reports whether the condition n ending block b is `x != nil`
// of an if without else whose body ends in a call through x that never
// returns: `if lg != nil { lg.Panic(…) }`, `if t != nil { t.Fatal(err) }`.
func (c *checker) guardsExit(b *cfg.Block, n ast.Node) bool {
	then := b.Succs[0]
	ifs, ok := then.Stmt.(*ast.IfStmt)
	if !ok || then.Kind != cfg.KindIfThen || ifs.Cond != n || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return false
	}
	bin, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ {
		return false
	}
	x, y := bin.X, bin.Y
	if typesutil.IsNil(c.info, x) {
		x, y = y, x
	}
	if !typesutil.IsNil(c.info, y) {
		return false
	}
	es, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok || c.nr.MayReturn(call) {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && c.sameRef(sel.X, x)
}

// sameRef reports whether a and b denote the same variable or field
// path: x and x, s.lg and s.lg.
func (c *checker) sameRef(a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		return ok && c.info.ObjectOf(a) != nil && c.info.ObjectOf(a) == c.info.ObjectOf(b)
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		return ok && c.info.ObjectOf(a.Sel) == c.info.ObjectOf(b.Sel) && c.sameRef(a.X, b.X)
	}
	return false
}

// isErrNilCompare reports whether e is `err != nil` (neq true) or
// `err == nil` (neq false), either way round.
func isErrNilCompare(info *types.Info, e ast.Expr, err *types.Var) (neq, ok bool) {
	bin, isBin := ast.Unparen(e).(*ast.BinaryExpr)
	if !isBin || (bin.Op != token.NEQ && bin.Op != token.EQL) {
		return false, false
	}
	x, y := bin.X, bin.Y
	if typesutil.IsNil(info, x) {
		x, y = y, x
	}
	id := identOf(x)
	if id == nil || info.ObjectOf(id) != err || !typesutil.IsNil(info, y) {
		return false, false
	}
	return bin.Op == token.NEQ, true
}

// readsErr reports whether node n reads err other than to log or print
// it: a read that may decide what happens next.
func (c *checker) readsErr(fn ast.Node, n ast.Node, err *types.Var) bool {
	for _, cur := range c.identsOf(err) {
		if !within(cur.Node(), n) || c.funcOfIdent(cur) != fn {
			continue // elsewhere, or in a function literal
		}
		if c.isLogged(cur, n) {
			continue // logging or printing err decides nothing
		}
		return true
	}
	return false
}

// isLogged reports whether the err identifier at cur is (part of) an
// argument of a logging or printing call that makes up the statement n.
func (c *checker) isLogged(cur inspector.Cursor, n ast.Node) bool {
	es, ok := n.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok || !c.isSinkCall(call) {
		return false
	}
	for _, arg := range call.Args {
		if within(cur.Node(), arg) {
			return true
		}
	}
	return false
}

// guardedByShortCircuit reports whether the identifier at cur is
// evaluated only after a && or || whose left operand reads one of vars,
// within the node stop.
func (c *checker) guardedByShortCircuit(cur inspector.Cursor, stop ast.Node, vars ...*types.Var) bool {
	for ; cur.Node() != nil && cur.Node() != stop; cur = cur.Parent() {
		if cur.ParentEdgeKind() != edge.BinaryExpr_Y {
			continue // not a right operand
		}
		bin := cur.Parent().Node().(*ast.BinaryExpr)
		if bin.Op != token.LAND && bin.Op != token.LOR {
			continue // evaluated unconditionally
		}
		found := false
		ast.Inspect(bin.X, func(x ast.Node) bool {
			if id, ok := x.(*ast.Ident); ok {
				for _, v := range vars {
					if c.info.ObjectOf(id) == v {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
