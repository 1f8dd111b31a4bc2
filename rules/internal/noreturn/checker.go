package noreturn

import (
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/cfg"
)

// A Checker answers, for the functions of one package, whether a call
// never returns. It memoizes what it learns of the package's functions;
// it is not safe for concurrent use (a rule makes one per pass).
type Checker struct {
	info  *types.Info
	decls map[*types.Func]*ast.FuncDecl // the package's functions with a body
	state map[*types.Func]state
}

type state uint8

const (
	unknown state = iota
	building
	returns
	neverReturns
)

// New returns a Checker for the package of files, typed by info.
func New(info *types.Info, files []*ast.File) *Checker {
	return &Checker{
		info:  info,
		decls: typesutil.FuncDecls(info, files),
		state: make(map[*types.Func]state),
	}
}

// MayReturn reports whether call may return to its caller. It is go/cfg's
// mayReturn callback: pass it to cfg.New.
func (c *Checker) MayReturn(call *ast.CallExpr) bool {
	if isPanic(c.info, call) {
		return false
	}
	// typesutil.Callee also gives interface methods (t.Fatal on a
	// testing.TB); a call of a function value is taken to return.
	return !c.Func(typesutil.Callee(c.info, call))
}

// Func reports whether a call of fn never returns: fn is in the table, or
// is a function or method of the package whose body has no path that
// returns. It has the form of go/ssa's Program.SetNoReturn predicate.
func (c *Checker) Func(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if Known(fn) {
		return true
	}
	fn = fn.Origin()
	decl, ok := c.decls[fn]
	if !ok {
		return false // another package's function (see the package doc), or no body
	}
	switch c.state[fn] {
	case building, returns:
		return false // a recursive call, or known to return
	case neverReturns:
		return true
	}
	c.state[fn] = building
	if cfg.New(decl.Body, c.MayReturn).NoReturn() {
		c.state[fn] = neverReturns
		return true
	}
	c.state[fn] = returns
	return false
}
