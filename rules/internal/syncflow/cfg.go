// Package syncflow holds the control-flow graphs of function bodies
// (go/cfg) with an index of their nodes and path walks over them, which
// the rules that reason on go/cfg share, and what the deadlock and
// concurrent-map rules share besides: the recognition of mutex operations
// and of the variable or field path a mutex or map lives at. Every fix
// that inserts a return, break or continue asks it, through
// SkipsCleanup, whether that would leave a mutex locked or skip another
// cleanup.
//
// The graphs are built with go/cfg directly rather than through the
// ctrlflow analyzer: ctrlflow exports noReturn facts, which makes every
// driver analyse the syntax of every dependency, and it is skipped on
// ill-typed packages (failing every analyzer that requires it), while
// these rules must run on half-typed editor buffers. The calls that end a
// path are those of rules/internal/noreturn, every rule's one predicate.
package syncflow

import (
	"go/ast"
	"go/types"
	"sort"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/cfg"
)

// A Builder builds and caches the control-flow graphs of the functions
// of one package.
type Builder struct {
	info     *types.Info
	noReturn *noreturn.Checker
	graphs   map[ast.Node]*Graph
	held     map[*Graph]*Held // may-held locks, for SkipsCleanup
}

// NewBuilder returns a Builder for the package made of files.
func NewBuilder(info *types.Info, files []*ast.File) *Builder {
	return &Builder{
		info:     info,
		noReturn: noreturn.New(info, files),
		graphs:   make(map[ast.Node]*Graph),
	}
}

// NoReturn returns the predicate the graphs are built with, to ask
// whether other calls return.
func (b *Builder) NoReturn() *noreturn.Checker { return b.noReturn }

// Graph returns the graph of fn, an *ast.FuncDecl or *ast.FuncLit with a
// body, or nil.
func (b *Builder) Graph(fn ast.Node) *Graph {
	if g, ok := b.graphs[fn]; ok {
		return g
	}
	body := typesutil.FuncBody(fn)
	if body == nil {
		return nil
	}
	g := newGraph(fn, body, cfg.New(body, b.noReturn.MayReturn))
	b.graphs[fn] = g
	return g
}

// A Loc is the place of a node in a graph: its block and index there.
type Loc struct {
	Block *cfg.Block
	Index int
}

// A Graph is the control-flow graph of one function body.
type Graph struct {
	Func  ast.Node // *ast.FuncDecl or *ast.FuncLit
	Body  *ast.BlockStmt
	CFG   *cfg.CFG
	nodes []located // live nodes, by position
	loc   map[ast.Node]Loc
}

type located struct {
	node ast.Node
	loc  Loc
}

func newGraph(fn ast.Node, body *ast.BlockStmt, c *cfg.CFG) *Graph {
	g := &Graph{Func: fn, Body: body, CFG: c, loc: make(map[ast.Node]Loc)}
	for _, b := range c.Blocks {
		if !b.Live {
			continue // unreachable code holds no events
		}
		for i, n := range b.Nodes {
			g.loc[n] = Loc{b, i}
			g.nodes = append(g.nodes, located{n, Loc{b, i}})
		}
	}
	sort.SliceStable(g.nodes, func(i, j int) bool { return g.nodes[i].node.Pos() < g.nodes[j].node.Pos() })
	return g
}

// Loc returns the place of a node of the graph (a statement, condition,
// or other expression that go/cfg puts in a block).
func (g *Graph) Loc(n ast.Node) (Loc, bool) {
	l, ok := g.loc[n]
	return l, ok
}

// Enclosing returns the innermost live node of the graph whose extent
// holds x, and its place.
func (g *Graph) Enclosing(x ast.Node) (ast.Node, Loc, bool) {
	var best ast.Node
	var bestLoc Loc
	for _, ln := range g.nodes {
		n := ln.node
		if n.Pos() > x.Pos() {
			break
		}
		if x.End() <= n.End() && (best == nil || n.End()-n.Pos() <= best.End()-best.Pos()) {
			best, bestLoc = n, ln.loc
		}
	}
	return best, bestLoc, best != nil
}

// Nodes calls f for each live node of the graph in source order.
func (g *Graph) Nodes(f func(n ast.Node, l Loc)) {
	for _, ln := range g.nodes {
		f(ln.node, ln.loc)
	}
}

// Walk calls visit for every node reachable from start, in an order that
// follows the edges, each node at most once; start itself is visited only
// if a path leads back to it. A node for which visit returns false does
// not lead on: the paths through it end there.
func (g *Graph) Walk(start Loc, visit func(n ast.Node, l Loc) bool) {
	seen := make(map[*cfg.Block]bool)
	if start.Index < 0 {
		seen[start.Block] = true // entered at its start already
	}
	type item struct {
		b *cfg.Block
		i int
	}
	stack := []item{{start.Block, start.Index + 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		cont := true
		for i := it.i; i < len(it.b.Nodes); i++ {
			if !visit(it.b.Nodes[i], Loc{it.b, i}) {
				cont = false
				break
			}
		}
		if !cont {
			continue // the path ended in the block
		}
		for _, s := range it.b.Succs {
			if !seen[s] {
				seen[s] = true
				stack = append(stack, item{s, 0})
			}
		}
	}
}

// WalkBlock is Walk from the start of block b, b's first node included.
func (g *Graph) WalkBlock(b *cfg.Block, visit func(n ast.Node, l Loc) bool) {
	g.Walk(Loc{b, -1}, visit)
}

// Entry returns the entry block of the graph.
func (g *Graph) Entry() *cfg.Block { return g.CFG.Blocks[0] }

// Reaches reports whether the node at to is reachable from the node at
// from by a path on which block reports false for every node strictly
// between them.
func (g *Graph) Reaches(from, to Loc, block func(n ast.Node) bool) bool {
	found := false
	g.Walk(from, func(n ast.Node, l Loc) bool {
		if found {
			return false
		}
		if l == to {
			found = true
			return false
		}
		return !block(n)
	})
	return found
}

// ReachesFromBlock is Reaches from the start of block b, b's first node
// included.
func (g *Graph) ReachesFromBlock(b *cfg.Block, to Loc, block func(n ast.Node) bool) bool {
	return g.Reaches(Loc{b, -1}, to, block)
}
