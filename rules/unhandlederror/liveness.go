package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
)

// This file answers one question about one local variable: may the value
// it holds just after a statement still be read? It uses go/cfg rather
// than go/ssa because buildssa refuses packages with type errors, and the
// editor analyses half-typed files; a backward question about a single
// variable needs only the control-flow graph and the variable's mentions.

// A funcFlow is the control-flow graph of one function body, with an
// index of where each statement sits in it.
type funcFlow struct {
	fn   ast.Node // *ast.FuncDecl or *ast.FuncLit
	body *ast.BlockStmt
	g    *cfg.CFG
	at   map[ast.Node]nodePos
	// writes holds the identifiers that cfg lists as nodes of their own but
	// that are assigned, not read: range keys and values, select receives.
	writes map[*ast.Ident]bool
	// escapes and deferred are the variables captures reports, found
	// on the first question.
	escapes, deferred map[*types.Var]bool
}

type nodePos struct {
	b *cfg.Block
	i int
}

// flowOf returns the control-flow graph of fn, built once.
func (c *checker) flowOf(fn ast.Node) *funcFlow {
	if f, ok := c.flows[fn]; ok {
		return f
	}
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	var f *funcFlow
	if body != nil {
		f = &funcFlow{fn: fn, body: body, at: make(map[ast.Node]nodePos), writes: make(map[*ast.Ident]bool)}
		f.g = cfg.New(body, c.nr.MayReturn)
		for _, b := range f.g.Blocks {
			for i, n := range b.Nodes {
				f.at[n] = nodePos{b, i}
			}
		}
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // another function
			case *ast.RangeStmt:
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, ok := e.(*ast.Ident); ok {
						f.writes[id] = true
					}
				}
			case *ast.CommClause:
				if as, ok := n.Comm.(*ast.AssignStmt); ok && len(as.Lhs) > 0 {
					if id, ok := as.Lhs[0].(*ast.Ident); ok {
						f.writes[id] = true
					}
				}
			}
			return true
		})
	}
	c.flows[fn] = f
	return f
}

// liveAfter reports whether the value that v holds just after stmt (a
// node of f's graph) may be read on some path, and otherwise returns the
// nearest statement that overwrites it on some path (nil when every path
// leaves the function or v's scope without reading it).
//
// A function literal deferred by the function itself (`defer func() {
// if err != nil { … } }()`) reads v only when the function returns: at a
// return statement, or when the body falls off its end. A named result is
// assigned by `return x, y` before the deferred function runs, so the
// value it held before is dead all the same; a bare return, or a plain
// variable, hands the current value to the deferred function. (A panic
// runs the deferred function too; a value overwritten on the normal path
// is lost whatever a panic would have shown.)
//
// It answers "may be read" whenever it cannot tell: v is captured by any
// other closure or has its address taken, or stmt is not in the graph.
func (c *checker) liveAfter(f *funcFlow, v *types.Var, stmt ast.Node) (live bool, over ast.Node) {
	if f == nil {
		return true, nil
	}
	start, ok := f.at[stmt]
	if !ok {
		return true, nil
	}
	named := c.isNamedResult(f.fn, v)
	escapes, deferred := c.captures(f, v)
	if escapes {
		return true, nil
	}

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
				return true, nil // the deferred function reads v after the return
			}
			read, write := c.effect(f, v, named, n)
			if read {
				return true, nil
			}
			if write {
				if n != stmt && (over == nil || n.Pos() < over.Pos()) {
					over = n // the nearest other statement that overwrites v
				}
				killed = true
				break
			}
		}
		if killed {
			continue
		}
		if deferred && c.fallsOffEnd(it.b) {
			return true, nil // the function returns here, and the deferred function reads v
		}
		for _, s := range it.b.Succs {
			if !visited[s] {
				visited[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
	return false, over
}

// effect reports whether evaluating the graph node n reads v, and whether
// it then overwrites it.
func (c *checker) effect(f *funcFlow, v *types.Var, named bool, n ast.Node) (read, write bool) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, r := range n.Rhs {
			read = read || c.mentions(r, v)
		}
		for _, l := range n.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if c.info.ObjectOf(id) == v {
					if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
						read = true // x op= y reads x
					}
					write = true
				}
				continue
			}
			read = read || c.mentions(l, v) // v in an index or selector of the target
		}
		return read, write
	case *ast.ValueSpec:
		for _, e := range n.Values {
			read = read || c.mentions(e, v)
		}
		for _, id := range n.Names {
			if c.info.Defs[id] == v {
				write = true
			}
		}
		return read, write
	case *ast.ReturnStmt:
		if named {
			if len(n.Results) == 0 {
				return true, false // a bare return returns v
			}
			for _, e := range n.Results {
				read = read || c.mentions(e, v)
			}
			return read, true // the results are assigned to v and the others
		}
	case *ast.Ident:
		if f.writes[n] {
			return false, c.info.ObjectOf(n) == v
		}
	}
	return c.mentions(n, v), false
}

// mentions reports whether v occurs in n, outside function literals.
func (c *checker) mentions(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // escapes handles captures
		case *ast.Ident:
			if c.info.ObjectOf(n) == v {
				found = true
			}
		}
		return true
	})
	return found
}

// fallsOffEnd reports whether control leaves the function at the end of
// block b without a return statement: b has no successors and does not
// end in a return or a call that does not return.
func (c *checker) fallsOffEnd(b *cfg.Block) bool {
	if len(b.Succs) > 0 || b.Return() != nil {
		return false
	}
	if len(b.Nodes) > 0 {
		if es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && !c.nr.MayReturn(call) {
				return false
			}
		}
	}
	return true
}

// captures reports how v may be read where the graph cannot see:
// escapes, when a function literal in the body other than one the function
// defers mentions it, or its address is taken (outside such a deferred
// literal); deferred, when a function literal that the function defers directly
// mentions it, and so reads it when the function returns.
func (c *checker) captures(f *funcFlow, v *types.Var) (escapes, deferred bool) {
	if f.escapes == nil {
		f.escapes, f.deferred = c.captured(f.body)
	}
	return f.escapes[v], f.deferred[v]
}

// captured returns the variables that escape in body, and those that a
// deferred function literal of body mentions (see captures): one walk
// for all the variables of a function, however many of them are asked
// about.
func (c *checker) captured(body *ast.BlockStmt) (escapes, deferred map[*types.Var]bool) {
	escapes, deferred = make(map[*types.Var]bool), make(map[*types.Var]bool)
	vars := func(n ast.Node, deep bool, into map[*types.Var]bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return deep
			case *ast.Ident:
				if v, ok := c.info.ObjectOf(n).(*types.Var); ok {
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
					vars(lit, true, deferred) // runs after the function returns
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
					vars(n.X, false, escapes)
				}
			case *ast.Ident:
				if v, ok := c.info.ObjectOf(n).(*types.Var); ok && inLit {
					escapes[v] = true
				}
			}
			return true
		})
	}
	walk(body, false)
	return escapes, deferred
}

// isNamedResult reports whether v is a named result of fn.
func (c *checker) isNamedResult(fn ast.Node, v *types.Var) bool {
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft == nil || ft.Results == nil {
		return false
	}
	for _, field := range ft.Results.List {
		for _, id := range field.Names {
			if c.info.Defs[id] == v {
				return true
			}
		}
	}
	return false
}

// mentionedAfter reports whether v is mentioned after stmt in fn's body:
// later in the source, or anywhere in a loop around stmt that v outlives.
func (c *checker) mentionedAfter(fn ast.Node, stmt ast.Node, v types.Object) bool {
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
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
			if n.Pos() >= stmt.End() && c.info.ObjectOf(n) == v {
				found = true
			}
		}
		return true
	})
	if found {
		return true
	}
	for _, l := range loops {
		if c.mentionsOutside(l, stmt, v) {
			return true
		}
	}
	return false
}

// mentionsOutside reports whether v occurs in n outside the node skip.
func (c *checker) mentionsOutside(n, skip ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found || n == skip {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && c.info.ObjectOf(id) == v {
			found = true
		}
		return true
	})
	return found
}
