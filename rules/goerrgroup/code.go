package goerrgroup

import (
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// This file follows a goroutine into the code it runs: the function
// literal or the function of the package that the go statement starts,
// and the functions of the package those call, a few calls deep. That is
// where a worker signals the WaitGroup that a Stop or Close waits on, and
// where it recovers its panics (kratos' errgroup recovers in do, which
// its workers call).

// maxDepth bounds how many calls deep the goroutine's code is followed.
const maxDepth = 2

// A checker holds what one pass of the rule needs.
type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	insp  *inspector.Inspector
	decls map[*types.Func]*ast.FuncDecl // the package's functions with a body
	waits map[types.Object][]waitSite   // Wait calls by WaitGroup, built on first use
}

// A waitSite is a call of Wait on a WaitGroup and the function it is in.
type waitSite struct {
	call *ast.CallExpr
	fn   inspector.Cursor
}

func newChecker(pass *analysis.Pass, insp *inspector.Inspector) *checker {
	return &checker{pass: pass, info: pass.TypesInfo, insp: insp, decls: typesutil.FuncDecls(pass.TypesInfo, pass.Files)}
}

// goroutineCode calls visit with every node of the code the goroutine of
// gs runs: the literal's body or the started function's, the function
// literals in them (other than goroutines they start), and the bodies of
// the package's functions they call, up to maxDepth calls deep. visit
// returns false to stop the walk.
func (c *checker) goroutineCode(gs *ast.GoStmt, visit func(ast.Node) bool) {
	seen := make(map[*ast.FuncDecl]bool)
	stopped := false
	var walk func(body *ast.BlockStmt, depth int)
	walk = func(body *ast.BlockStmt, depth int) {
		ast.Inspect(body, func(n ast.Node) bool {
			if stopped || n == nil {
				return false
			}
			if _, ok := n.(*ast.GoStmt); ok {
				return false // another goroutine
			}
			if !visit(n) {
				stopped = true
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok && depth < maxDepth {
				if fd := c.declOf(call); fd != nil && !seen[fd] {
					seen[fd] = true
					walk(fd.Body, depth+1)
				}
			}
			return true
		})
	}
	if lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit); ok {
		walk(lit.Body, 0)
		return
	}
	visit(gs.Call)
	if fd := c.declOf(gs.Call); fd != nil {
		seen[fd] = true
		walk(fd.Body, 0)
	}
}

// declOf returns the declaration of the package's function or method
// that call calls, or nil.
func (c *checker) declOf(call *ast.CallExpr) *ast.FuncDecl {
	fn := typesutil.Callee(c.info, call)
	if fn == nil {
		return nil
	}
	return c.decls[fn.Origin()]
}

// recovers reports whether the goroutine of gs recovers panics: its code
// calls the recover builtin.
func (c *checker) recovers(gs *ast.GoStmt) bool {
	found := false
	c.goroutineCode(gs, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := c.info.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// joinElsewhere returns how another function of the package waits for
// the goroutines that gs starts in loop: a Wait on a WaitGroup field (or
// package variable) that the loop adds to or the goroutine's code calls
// Done on, made outside fnCur. It returns nil when there is none.
func (c *checker) joinElsewhere(gs *ast.GoStmt, loop, fnCur inspector.Cursor) *join {
	wgs := make(map[types.Object]bool)
	ast.Inspect(loop.Node(), func(n ast.Node) bool {
		if obj := c.waitGroupCall(n, "Add"); obj != nil {
			wgs[obj] = true
		}
		return true
	})
	c.goroutineCode(gs, func(n ast.Node) bool {
		if obj := c.waitGroupCall(n, "Done"); obj != nil {
			wgs[obj] = true
		}
		return true
	})
	for obj := range wgs {
		if v, ok := obj.(*types.Var); !ok || !v.IsField() && v.Parent() != v.Pkg().Scope() {
			continue // a local WaitGroup: waited on in this function, if anywhere
		}
		for _, w := range c.waitsOf(obj) {
			if w.fn == fnCur {
				continue // this function's own Wait, not after the loop
			}
			return &join{wait: w.call, wg: obj, pos: w.call.Pos(), in: funcNameOf(w.fn)}
		}
	}
	return nil
}

// waitGroupCall returns the WaitGroup that n calls the method name on
// (wg.Done(), p.wg.Add(1)), or nil.
func (c *checker) waitGroupCall(n ast.Node, name string) types.Object {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return nil
	}
	return waitGroupOf(c.info, sel.X)
}

// waitsOf returns the calls of Wait on the WaitGroup obj in the package.
func (c *checker) waitsOf(obj types.Object) []waitSite {
	if c.waits == nil {
		c.waits = make(map[types.Object][]waitSite)
		for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			wg := c.waitGroupCall(call, "Wait")
			if wg == nil || len(call.Args) != 0 {
				continue // not wg.Wait()
			}
			if fn, ok := typesutil.EnclosingFunc(cur); ok {
				c.waits[wg] = append(c.waits[wg], waitSite{call, fn})
			}
		}
	}
	return c.waits[obj]
}

// funcNameOf names the function at cur for a message: its name, or that
// of the declaration a literal is written in.
func funcNameOf(cur inspector.Cursor) string {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return c.Node().(*ast.FuncDecl).Name.Name
	}
	return "another function"
}
