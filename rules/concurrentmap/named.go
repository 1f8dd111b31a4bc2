package concurrentmap

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// This file covers the goroutine started per connection or per message
// through a function of the package rather than a literal:
//
//	for {
//		conn, _ := l.Accept()
//		go handle(conn) // handle writes a package-level map
//	}
//
// Every goroutine the loop starts runs the same function on the same
// package-level map, so a write there with no lock held races the next
// connection's. Only package-level maps (and field paths of package-level
// variables) count: a map reached through the function's parameters or
// receiver may be per connection.

// checkNamedLaunches reports the unguarded writes to package-level maps
// in functions of the package that a go statement inside a loop starts.
func (c *checker) checkNamedLaunches(in *inspector.Inspector) {
	decls := make(map[*types.Func]inspector.Cursor)
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && fd.Body != nil {
			decls[fn] = cur
		}
	}
	reported := make(map[ast.Node]bool)
	for cur := range in.Root().Preorder((*ast.GoStmt)(nil)) {
		gs := cur.Node().(*ast.GoStmt)
		fn := typesutil.Callee(c.info, gs.Call)
		if fn == nil {
			continue // a literal (a launch of its own) or a dynamic call
		}
		declCur, ok := decls[fn.Origin()]
		if !ok {
			continue // another package's function, or no body
		}
		loop, ok := loopAround(cur)
		if !ok {
			continue // started once: its goroutine races nothing of its own kind
		}
		for _, w := range c.packageMapWrites(declCur) {
			if reported[w.pos] {
				continue // reported for another go statement already
			}
			if _, protected := c.guard(declCur, w.stmt, w.pos); protected {
				continue // a lock, or sync.Once, serialises it
			}
			reported[w.pos] = true
			c.pass.Report(analysis.Diagnostic{
				Pos:     w.pos.Pos(),
				End:     w.pos.End(),
				Message: rule.Say(c.pass, msgNamedLoop.With(w.text, fn.Name(), c.line(loop.Pos()))),
				Related: []analysis.RelatedInformation{{Pos: gs.Pos(), End: gs.End(), Message: rule.Say(c.pass, msgStartedHere.With())}},
			})
		}
	}
}

// loopAround returns the loop of the go statement's own function that
// encloses it.
func loopAround(cur inspector.Cursor) (ast.Node, bool) {
	for p := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return p.Node(), true
		}
		return nil, false // reached the function
	}
	return nil, false
}

// packageMapWrites returns the writes (m[k] = v, m[k]++, delete, clear)
// in the function at declCur, outside goroutines it starts, to maps that
// are package-level variables or field paths of them.
func (c *checker) packageMapWrites(declCur inspector.Cursor) []*write {
	var out []*write
	add := func(stmt ast.Stmt, at ast.Node, m ast.Expr) {
		key, root, ok := syncflow.PathKey(c.info, m)
		v, isVar := root.(*types.Var)
		if !ok || !isVar || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
			return // not rooted at a package-level variable
		}
		out = append(out, &write{stmt: stmt, pos: at, m: m, key: key, root: root, text: types.ExprString(m)})
	}
	declCur.Inspect(nil, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			return false // another goroutine
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				return true
			}
			for _, t := range n.Lhs {
				if ix, ok := ast.Unparen(t).(*ast.IndexExpr); ok {
					if _, isMap := c.mapType(ix.X); isMap {
						add(n, n, ix.X)
					}
				}
			}
		case *ast.IncDecStmt:
			if ix, ok := ast.Unparen(n.X).(*ast.IndexExpr); ok {
				if _, isMap := c.mapType(ix.X); isMap {
					add(n, n, ix.X)
				}
			}
		case *ast.ExprStmt:
			call, ok := ast.Unparen(n.X).(*ast.CallExpr)
			if ok && c.isBuiltin(call, "delete", "clear") && len(call.Args) > 0 {
				if _, isMap := c.mapType(call.Args[0]); isMap {
					add(n, call, call.Args[0])
				}
			}
		}
		return true
	})
	return out
}
