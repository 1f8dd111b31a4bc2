package indexrange

import (
	"go/ast"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// loopOf returns the loop of the same function whose body holds the
// statement at cur, or nil.
func loopOf(cur inspector.Cursor) ast.Node {
	for c := cur; c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return nil
		}
		switch c.ParentEdgeKind() {
		case edge.ForStmt_Body, edge.RangeStmt_Body:
			return c.Parent().Node()
		}
	}
	return nil
}

// skips reports whether the guard of p, leaving by ex, would skip a
// cleanup that the code below it does (syncflow.SkipsCleanup): an
// Unlock, a WaitGroup's Done, a context's cancel, a deferred Close.
func (c *checker) skips(p *plan, ex exit) bool {
	if ex.jump == nil {
		return false // os.Exit: nothing runs after it
	}
	if p.after {
		return c.exits.SkipsCleanup(p.fnNode, p.def, true, *ex.jump)
	}
	return c.exits.SkipsCleanup(p.fnNode, p.stmt.Node(), false, *ex.jump)
}
