// Package errlive answers one question about a local variable of a
// function, as the rules that look for lost errors ask it: may the value
// the variable holds just after a statement still be read (checked) on
// some path, or is it overwritten, or dropped when the function ends,
// first?
//
// It works on the function's control-flow graph (go/cfg) rather than on
// go/ssa, because buildssa refuses packages with type errors and the
// editor analyses half-typed files; a backward question about a single
// variable needs only the graph and the variable's mentions.
//
// A read that only compares the value with one sentinel (err == io.EOF,
// errors.Is(err, sql.ErrNoRows)) is not a check of it: every other
// failure goes unseen. Such comparisons are not reads here; the ones met
// on the way are reported in Fate.Compared, so that a caller can say so.
// Existence probes (os.IsNotExist(err), errors.Is(err, fs.ErrNotExist))
// are reads: asking whether a file exists is what the call was for.
//
// It answers "may be read" whenever it cannot tell: the variable is
// captured by a function literal other than one the function defers, or
// has its address taken, or the statement is not a node of the graph or
// is dead code.
package errlive

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/cfg"
)

// A Graph is the control-flow graph of one function body, with an index
// of where each statement sits in it.
type Graph struct {
	info *types.Info
	fn   ast.Node // *ast.FuncDecl or *ast.FuncLit
	body *ast.BlockStmt
	g    *cfg.CFG
	at   map[ast.Node]nodePos
	// writes holds the identifiers that cfg lists as nodes of their own but
	// that are assigned, not read: range keys and values, select receives.
	writes map[*ast.Ident]bool
	// mayReturn is the graph's notion of a call that returns.
	mayReturn func(*ast.CallExpr) bool
	// escapes and deferred are the variables captures reports, found on
	// the first question.
	escapes, deferred map[*types.Var]bool
}

type nodePos struct {
	b *cfg.Block
	i int
}

// New returns the graph of fn, an *ast.FuncDecl or *ast.FuncLit, or nil
// when it has no body. mayReturn reports whether a call may return to
// its caller (panic does not); paths stop after calls that do not.
func New(info *types.Info, fn ast.Node, mayReturn func(*ast.CallExpr) bool) *Graph {
	body := typesutil.FuncBody(fn)
	if body == nil {
		return nil
	}
	g := &Graph{info: info, fn: fn, body: body, at: make(map[ast.Node]nodePos), writes: make(map[*ast.Ident]bool), mayReturn: mayReturn}
	g.g = cfg.New(body, mayReturn)
	for _, b := range g.g.Blocks {
		for i, n := range b.Nodes {
			g.at[n] = nodePos{b, i}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // another function
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					g.writes[id] = true
				}
			}
		case *ast.CommClause:
			if as, ok := n.Comm.(*ast.AssignStmt); ok && len(as.Lhs) > 0 {
				if id, ok := as.Lhs[0].(*ast.Ident); ok {
					g.writes[id] = true
				}
			}
		}
		return true
	})
	return g
}

// A Fate is what becomes of the value a variable holds after a statement.
type Fate struct {
	// Read reports that the value may be read on some path. The other
	// fields are set only when it is not.
	Read bool
	// Over is the nearest statement that overwrites the value on some
	// path (a return statement, for a named result), or nil when every
	// path leaves the function or the variable's scope without reading or
	// overwriting it.
	Over ast.Node
	// Compared are the sentinels (ErrNotFound, io.EOF) that some path
	// compares the value with before it is lost, in source order.
	Compared []ast.Expr
}

// After tells what becomes of the value that v holds just after stmt (a
// node of the graph: a statement or a value spec).
//
// A function literal deferred by the function itself (`defer func() {
// if err != nil { … } }()`) reads v only when the function returns: at a
// return statement, or when the body falls off its end. A named result is
// assigned by `return x, y` before the deferred function runs, so the
// value it held before is dead all the same; a bare return, or a plain
// variable, hands the current value to the deferred function. (A panic
// runs the deferred function too; a value overwritten on the normal path
// is lost whatever a panic would have shown.)
func (g *Graph) After(v *types.Var, stmt ast.Node) Fate {
	read := Fate{Read: true}
	if g == nil {
		return read
	}
	start, ok := g.at[stmt]
	if !ok || !start.b.Live {
		return read // not in the graph, or dead code: no claim
	}
	named := g.IsNamedResult(v)
	escapes, deferred := g.captures(v)
	if escapes {
		return read
	}
	var fate Fate
	seenCmp := make(map[ast.Expr]bool)
	visited := make(map[*cfg.Block]bool)
	type item struct {
		b    *cfg.Block
		from int
	}
	queue := []item{{start.b, start.i + 1}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		killed := false
		for _, n := range it.b.Nodes[it.from:] {
			if _, ok := n.(*ast.ReturnStmt); ok && deferred && !named {
				return read // the deferred function reads v after the return
			}
			e := g.effect(v, named, n)
			if e.read {
				return read
			}
			for _, c := range e.compared {
				if !seenCmp[c] {
					seenCmp[c] = true
					fate.Compared = append(fate.Compared, c)
				}
			}
			if e.write {
				if n != stmt && (fate.Over == nil || n.Pos() < fate.Over.Pos()) {
					fate.Over = n // the nearest other statement that overwrites v
				}
				killed = true
				break
			}
		}
		if killed {
			continue
		}
		if deferred && g.fallsOffEnd(it.b) {
			return read // the function returns here, and the deferred function reads v
		}
		for _, s := range it.b.Succs {
			if !visited[s] {
				visited[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
	slices.SortFunc(fate.Compared, func(a, b ast.Expr) int { return int(a.Pos() - b.Pos()) })
	return fate
}

// An effect is what evaluating one graph node does to the variable.
type effect struct {
	read, write bool
	compared    []ast.Expr // sentinels it compares v with, which are not reads
}

// effect tells whether evaluating the graph node n reads v, and whether
// it then overwrites it.
func (g *Graph) effect(v *types.Var, named bool, n ast.Node) effect {
	var e effect
	look := func(x ast.Node) {
		r, cmp := g.mentions(x, v)
		e.read = e.read || r
		e.compared = append(e.compared, cmp...)
	}
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, r := range n.Rhs {
			look(r)
		}
		for _, l := range n.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if g.info.ObjectOf(id) == v {
					if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
						e.read = true // x op= y reads x
					}
					e.write = true
				}
				continue
			}
			look(l) // v in an index or selector of the target
		}
		return e
	case *ast.ValueSpec:
		for _, x := range n.Values {
			look(x)
		}
		for _, id := range n.Names {
			if g.info.Defs[id] == v {
				e.write = true
			}
		}
		return e
	case *ast.ReturnStmt:
		if named {
			if len(n.Results) == 0 {
				e.read = true // a bare return returns v
				return e
			}
			for _, x := range n.Results {
				look(x)
			}
			e.write = true // the results are assigned to v and the others
			return e
		}
	case *ast.Ident:
		if g.writes[n] {
			e.write = g.info.ObjectOf(n) == v
			return e
		}
	}
	look(n)
	return e
}

// mentions reports whether v is read in n, outside function literals,
// and returns the sentinels that n compares v with, which are not reads.
func (g *Graph) mentions(n ast.Node, v *types.Var) (read bool, compared []ast.Expr) {
	ast.Inspect(n, func(n ast.Node) bool {
		if read {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // captures handles them
		case *ast.BinaryExpr, *ast.CallExpr:
			if s, ok := g.sentinelChecked(n.(ast.Expr), v); ok {
				compared = append(compared, s)
				return false
			}
		case *ast.Ident:
			if g.info.ObjectOf(n) == v {
				read = true
			}
		}
		return true
	})
	if read {
		return true, nil
	}
	return false, compared
}

// fallsOffEnd reports whether control leaves the function at the end of
// block b without a return statement: b has no successors and does not
// end in a return or a call that does not return.
func (g *Graph) fallsOffEnd(b *cfg.Block) bool {
	if len(b.Succs) > 0 || b.Return() != nil {
		return false
	}
	if len(b.Nodes) > 0 {
		if es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && !g.mayReturn(call) {
				return false
			}
		}
	}
	return true
}

// captures reports how v may be read where the graph cannot see:
// escapes, when a function literal in the body other than one the
// function defers mentions it, or its address is taken (outside such a
// deferred literal); deferred, when a function literal that the body
// defers directly mentions it, and so reads it when the function returns.
// The answers for every variable of the function come from one walk,
// made on the first question, however many variables are asked about.
func (g *Graph) captures(v *types.Var) (escapes, deferred bool) {
	if g.escapes == nil {
		g.escapes, g.deferred = g.captured()
	}
	return g.escapes[v], g.deferred[v]
}

// captured returns the variables that escape in the body, and those that
// a deferred function literal of the body mentions (see captures).
func (g *Graph) captured() (escapes, deferred map[*types.Var]bool) {
	escapes, deferred = make(map[*types.Var]bool), make(map[*types.Var]bool)
	vars := func(n ast.Node, into map[*types.Var]bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := g.info.ObjectOf(id).(*types.Var); ok {
					into[v] = true
				}
			}
			return true
		})
	}
	var walk func(n ast.Node, inLit bool)
	walk = func(n ast.Node, inLit bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.DeferStmt:
				if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok && !inLit {
					vars(lit, deferred) // runs after the function returns
					for _, a := range n.Call.Args {
						walk(a, inLit)
					}
					return false
				}
			case *ast.FuncLit:
				walk(n.Body, true)
				return false
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					vars(n.X, escapes)
				}
			case *ast.Ident:
				if v, ok := g.info.ObjectOf(n).(*types.Var); ok && inLit {
					escapes[v] = true
				}
			}
			return true
		})
	}
	walk(g.body, false)
	return escapes, deferred
}

// IsNamedResult reports whether v is a named result of the function.
func (g *Graph) IsNamedResult(v *types.Var) bool {
	return IsNamedResult(g.info, g.fn, v)
}

// IsNamedResult reports whether v is a named result of fn, an
// *ast.FuncDecl or *ast.FuncLit.
func IsNamedResult(info *types.Info, fn ast.Node, v types.Object) bool {
	ft := typesutil.FuncType(fn)
	if ft == nil || ft.Results == nil {
		return false
	}
	for _, field := range ft.Results.List {
		for _, id := range field.Names {
			if info.Defs[id] == v {
				return true
			}
		}
	}
	return false
}

// MentionedAfter reports whether v is mentioned after stmt in the body of
// fn: later in the source, or anywhere in a loop around stmt that v
// outlives.
func MentionedAfter(info *types.Info, fn, stmt ast.Node, v types.Object) bool {
	body := typesutil.FuncBody(fn)
	if body == nil {
		return true
	}
	found := false
	var loops []ast.Node // loops enclosing stmt that v's declaration precedes
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= stmt.Pos() && stmt.End() <= n.End() && v.Pos() < n.Pos() {
				loops = append(loops, n)
			}
		case *ast.Ident:
			if n.Pos() >= stmt.End() && info.ObjectOf(n) == v {
				found = true
			}
		}
		return true
	})
	if found {
		return true
	}
	for _, l := range loops {
		if mentionsOutside(info, l, stmt, v) {
			return true
		}
	}
	return false
}

// mentionsOutside reports whether v occurs in n outside the node skip.
func mentionsOutside(info *types.Info, n, skip ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found || n == skip {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && info.ObjectOf(id) == v {
			found = true
		}
		return true
	})
	return found
}
