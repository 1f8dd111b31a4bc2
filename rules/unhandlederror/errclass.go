package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// An errClass is what an error expression of a function body may hold:
// failsNever (nil), failsQuiet (an error this rule does not report),
// failsSentinel (package-level error variables) or failsAny.
type errClass struct {
	kind      failure
	sentinels []string
}

var anyError = errClass{kind: failsAny}

// combine joins the classes of a function's returns into how the
// function fails: never if every return gives nil; quietly or with
// sentinels if the non-nil ones are all of that kind.
func combine(classes []errClass) (failure, []string) {
	kind := failsNever
	var sentinels []string
	for _, cl := range classes {
		switch {
		case cl.kind == failsNever:
		case cl.kind == failsAny:
			return failsAny, nil
		case kind == failsNever || kind == cl.kind:
			kind = cl.kind
			for _, s := range cl.sentinels {
				if !slices.Contains(sentinels, s) {
					sentinels = append(sentinels, s)
				}
			}
		default:
			return failsAny, nil // quiet and sentinel errors mixed
		}
	}
	return kind, sentinels
}

// returnClass returns the class of the error that the return statement
// r of fd (with results res) gives, and for `return g(…)` the summary
// of g as well (nil otherwise).
func (c *checker) returnClass(fd *ast.FuncDecl, res *types.Tuple, r *ast.ReturnStmt) (errClass, *summary) {
	last := res.Len() - 1
	switch {
	case len(r.Results) == res.Len():
		return c.exprClass(fd, r, r.Results[last], nil), nil
	case len(r.Results) == 0 && res.At(last).Name() != "":
		return c.varClass(fd, r, res.At(last), nil), nil
	case len(r.Results) == 1:
		if call, ok := ast.Unparen(r.Results[0]).(*ast.CallExpr); ok {
			if s := c.summaryOf(typesutil.Callee(c.info, call)); s != nil {
				return classOf(s), s
			}
		}
	}
	return anyError, nil
}

// classOf returns the class of the error of a call of a function with
// summary s.
func classOf(s *summary) errClass {
	if s == nil || s.fails == failsOptions {
		return anyError // a forwarding function may pass options
	}
	return errClass{kind: s.fails, sentinels: s.sentinels}
}

// exprClass returns the class of the error expression e at the return
// statement r of fd. seen holds the variables being resolved.
func (c *checker) exprClass(fd *ast.FuncDecl, r *ast.ReturnStmt, e ast.Expr, seen []*types.Var) errClass {
	e = ast.Unparen(e)
	if c.isNil(e) {
		return errClass{kind: failsNever}
	}
	switch e := e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		obj := typesutil.ObjectOf(c.info, e)
		if sel, ok := e.(*ast.SelectorExpr); ok {
			obj = c.info.Uses[sel.Sel]
		}
		v, ok := obj.(*types.Var)
		if !ok || !typesutil.IsError(v.Type()) {
			return anyError
		}
		if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return errClass{kind: failsSentinel, sentinels: []string{v.Pkg().Name() + "." + v.Name()}}
		}
		if _, isSel := e.(*ast.SelectorExpr); isSel || !isLocal(v) {
			return anyError // a field
		}
		return c.varClass(fd, r, v, seen)
	case *ast.CallExpr:
		return c.callClass(fd, r, e, -1, seen)
	}
	return anyError
}

// callClass returns the class of the error result (at index i, or the
// last when i < 0) of call, a call in fd.
func (c *checker) callClass(fd *ast.FuncDecl, r *ast.ReturnStmt, call *ast.CallExpr, i int, seen []*types.Var) errClass {
	fn := typesutil.Callee(c.info, call)
	if fn != nil && fn.Pkg() != nil && len(call.Args) > 0 && isNilPreservingWrap(fn) {
		return c.exprClass(fd, r, call.Args[0], seen) // errors.WithStack(err) is nil for nil
	}
	res := c.resultsOf(call)
	if res == nil {
		return anyError
	}
	if i < 0 {
		i = res.Len() - 1
	}
	if i != errorIndex(res) {
		return anyError
	}
	if c.excludedFrom(call, true) {
		return errClass{kind: failsQuiet}
	}
	return classOf(c.summaryOf(fn))
}

// isNilPreservingWrap reports whether fn wraps an error and returns nil
// for nil: github.com/pkg/errors' WithStack, WithMessage and Wrap(f).
func isNilPreservingWrap(fn *types.Func) bool {
	if fn.Pkg().Path() != "github.com/pkg/errors" || fn.Signature().Recv() != nil {
		return false
	}
	switch fn.Name() {
	case "WithStack", "WithMessage", "WithMessagef", "Wrap", "Wrapf":
		return true
	}
	return false
}

// varClass returns the class of the local error variable v read at the
// return statement r of fd: nil when r directly follows a check that
// returns when v is not nil, else the union of what every assignment to v
// in fd stores (a variable captured by a function literal or addressed
// may hold anything).
func (c *checker) varClass(fd *ast.FuncDecl, r *ast.ReturnStmt, v *types.Var, seen []*types.Var) errClass {
	if slices.Contains(seen, v) {
		return errClass{kind: failsNever} // a cycle adds nothing new
	}
	seen = append(seen, v)
	if c.checkedBefore(fd, r, v) {
		return errClass{kind: failsNever}
	}
	var classes []errClass
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if mentionsVar(c.info, n, v) {
				ok = false // captured: assigned where this does not look
			}
			return false
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(c.info, n.X) == v {
				ok = false
			}
		case *ast.RangeStmt:
			if typesutil.ObjectOf(c.info, n.Key) == v || typesutil.ObjectOf(c.info, n.Value) == v {
				ok = false
			}
		case *ast.AssignStmt:
			for j, l := range n.Lhs {
				if typesutil.ObjectOf(c.info, l) != v {
					continue
				}
				switch {
				case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
					ok = false
				case len(n.Rhs) == len(n.Lhs):
					classes = append(classes, c.exprClass(fd, r, n.Rhs[j], seen))
				case len(n.Rhs) == 1:
					if call, isCall := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); isCall {
						classes = append(classes, c.callClass(fd, r, call, j, seen))
					} else {
						ok = false // v, ok = m[k], x.(T), <-ch
					}
				}
			}
		case *ast.ValueSpec:
			for j, id := range n.Names {
				if c.info.Defs[id] != v {
					continue
				}
				switch {
				case len(n.Values) == 0:
					classes = append(classes, errClass{kind: failsNever}) // var err error
				case len(n.Values) == len(n.Names):
					classes = append(classes, c.exprClass(fd, r, n.Values[j], seen))
				default:
					ok = false
				}
			}
		}
		return true
	})
	if !ok || isParam(c.info, fd, v) {
		return anyError
	}
	kind, sentinels := combine(classes)
	return errClass{kind: kind, sentinels: sentinels}
}

// checkedBefore reports whether the statement r follows, in its block,
// an if statement that leaves when v != nil (`if err != nil { return err
// }`), with nothing in between assigning v: v is nil at r. fn is the
// function declaration or literal around r.
func (c *checker) checkedBefore(fn ast.Node, r ast.Stmt, v *types.Var) bool {
	checked := false
	c.beforeInBlock(fn, r, func(s ast.Stmt) bool {
		if ifs, ok := s.(*ast.IfStmt); ok && ifs.Else == nil && c.isNotNilTest(ifs.Cond, v) && endsInReturn(ifs.Body) {
			checked = true
			return true
		}
		return assigns(c.info, s, v)
	})
	return checked
}

// isNotNilTest reports whether cond is `v != nil`.
func (c *checker) isNotNilTest(cond ast.Expr, v *types.Var) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return false
	}
	x, y := b.X, b.Y
	if c.isNil(x) {
		x, y = y, x
	}
	return c.isNil(y) && typesutil.ObjectOf(c.info, ast.Unparen(x)) == v
}

// endsInReturn reports whether the block ends in a return statement or a
// call of panic.
func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			id, ok := ast.Unparen(call.Fun).(*ast.Ident)
			return ok && id.Name == "panic"
		}
	}
	return false
}

// beforeInBlock calls visit on the statements before the statement stmt
// in its block (or case body) in fn, a function declaration or literal,
// nearest first, until visit returns true.
func (c *checker) beforeInBlock(fn ast.Node, stmt ast.Stmt, visit func(ast.Stmt) bool) {
	var list []ast.Stmt
	at := -1
	ast.Inspect(fn, func(n ast.Node) bool {
		if at >= 0 {
			return false
		}
		var l []ast.Stmt
		switch n := n.(type) {
		case *ast.FuncLit:
			if n != fn {
				return false
			}
		case *ast.BlockStmt:
			l = n.List
		case *ast.CaseClause:
			l = n.Body
		case *ast.CommClause:
			l = n.Body
		}
		for i, s := range l {
			if s == stmt {
				list, at = l, i
				return false
			}
		}
		return true
	})
	for i := at - 1; i >= 0; i-- {
		if visit(list[i]) {
			return
		}
	}
}

// assigns reports whether the statement s may assign v (anywhere in it,
// function literals aside).
func assigns(info *types.Info, s ast.Stmt, v *types.Var) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if typesutil.ObjectOf(info, l) == v {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(info, n.X) == v {
				found = true
			}
		case *ast.RangeStmt:
			if typesutil.ObjectOf(info, n.Key) == v || typesutil.ObjectOf(info, n.Value) == v {
				found = true
			}
		}
		return true
	})
	return found
}

// mentionsVar reports whether v occurs in n.
func mentionsVar(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.ObjectOf(id) == v {
			found = true
		}
		return !found
	})
	return found
}
