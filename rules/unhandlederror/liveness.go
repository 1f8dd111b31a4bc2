package unhandlederror

import (
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/errlive"
)

// flowOf returns the error-liveness graph of fn (see errlive), built once.
func (c *checker) flowOf(fn ast.Node) *errlive.Graph {
	if g, ok := c.flows[fn]; ok {
		return g
	}
	g := errlive.New(c.info, fn, c.nr.MayReturn)
	c.flows[fn] = g
	return g
}

// liveAfter reports whether the value that v holds just after stmt may
// be read on some path, a comparison with a sentinel included, and
// otherwise returns the nearest statement that overwrites it.
func (c *checker) liveAfter(g *errlive.Graph, v *types.Var, stmt ast.Node) (live bool, over ast.Node) {
	f := g.After(v, stmt)
	return f.Read || len(f.Compared) > 0, f.Over
}

// isNamedResult reports whether v is a named result of fn.
func (c *checker) isNamedResult(fn ast.Node, v *types.Var) bool {
	return errlive.IsNamedResult(c.info, fn, v)
}

// mentionedAfter reports whether v is mentioned after stmt in fn's body:
// later in the source, or anywhere in a loop around stmt that v outlives.
func (c *checker) mentionedAfter(fn ast.Node, stmt ast.Node, v types.Object) bool {
	return errlive.MentionedAfter(c.info, fn, stmt, v)
}
