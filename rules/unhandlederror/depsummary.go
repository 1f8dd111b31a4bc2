package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/gopitfalls/gopitfalls/rules/internal/depsrc"
)

// This file summarises the functions of dependencies that the driver
// loaded from export data, where no errFact exists: from their source in
// the module cache, read as syntax alone (depsrc). Without types it can
// only see the plainest shapes, and answers nothing otherwise:
//
//   - every return gives the literal nil as its error: the function
//     never fails (raft's MemoryStorage.SetHardState);
//   - every other return is in a loop over the function's variadic
//     parameter: it fails only when an option fails, so a call that
//     passes no options cannot fail (jetstream.New(nc)).
//
// The error result must be spelled `error`, no return may be bare or
// forward another call, and a function literal that mentions a named
// error result (a deferred recover may set it) makes the answer unknown.

// depSummaries holds the syntactic summaries of dependencies' functions.
var depSummaries = depsrc.Table[*summary]{Answer: syntaxSummary}

// depSummary returns the summary of fn, a function of a package loaded
// without syntax, from its source; nil when nothing is known.
func (c *checker) depSummary(fn *types.Func) *summary {
	s, ok := depSummaries.Lookup(c.pass.Fset, fn)
	if !ok {
		return nil
	}
	return s
}

// syntaxSummary summarises fd from its syntax, or returns nil.
func syntaxSummary(fd *ast.FuncDecl) *summary {
	results := fieldNames(fd.Type.Results)
	n := len(results)
	if n == 0 || n > 64 {
		return nil
	}
	last := fd.Type.Results.List[len(fd.Type.Results.List)-1]
	if id, ok := last.Type.(*ast.Ident); !ok || id.Name != "error" {
		return nil
	}
	if name := results[n-1]; name != "" && mentionedInLit(fd.Body, name) {
		return nil // a deferred function may set the error after every return
	}
	inOptions := optionReturns(fd)
	s := &summary{}
	returns, optional := 0, 0
	var failing []*ast.ReturnStmt
	unknown := false
	ast.Inspect(fd.Body, func(node ast.Node) bool {
		switch r := node.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			returns++
			if len(r.Results) != n {
				unknown = true // bare, or forwarding another call
				return false
			}
			if isNilIdent(r.Results[n-1]) {
				for i := 0; i < n-1; i++ {
					if isNilIdent(r.Results[i]) {
						s.nilOnSuccess |= 1 << i
					}
				}
				return true
			}
			failing = append(failing, r)
			if inOptions[r] {
				optional++
			}
		}
		return !unknown
	})
	switch {
	case unknown || returns == 0:
		return nil
	case len(failing) == 0 && len(fd.Body.List) > 1: // a one-statement stub promises errors it does not return yet
		s.fails = failsNever
	case len(failing) > 0 && len(failing) == optional:
		s.fails = failsOptions
	default:
		s.fails = failsAny
	}
	for i := 0; i < n-1 && len(failing) > 0; i++ {
		if !slices.ContainsFunc(failing, func(r *ast.ReturnStmt) bool { return !madeHere(fd.Body, r.Results[i]) }) {
			s.fallback |= 1 << i // every failure still hands back what it made (leasing.NewKV)
		}
	}
	if !s.informative() {
		return nil
	}
	return s
}

// madeHere reports whether e, a result of a function with body, cannot
// be nil as far as syntax shows: &T{…}, a composite or function literal,
// new or make, or a variable of body that is only ever given those.
func madeHere(body *ast.BlockStmt, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit, *ast.FuncLit:
		return true
	case *ast.UnaryExpr:
		_, lit := ast.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && lit
	case *ast.CallExpr:
		return isIdentNamed(e.Fun, "new") || isIdentNamed(e.Fun, "make")
	case *ast.Ident:
		return e.Name != "nil" && e.Name != "_" && onlyMadeHere(body, e.Name)
	}
	return false
}

// onlyMadeHere reports whether body gives name a value, and every value
// it gives is one madeHere accepts (not an identifier: no chains).
func onlyMadeHere(body *ast.BlockStmt, name string) bool {
	given, ok := 0, true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if !isIdentNamed(l, name) {
					continue
				}
				given++
				if len(n.Lhs) != len(n.Rhs) {
					ok = false
				} else if _, isIdent := ast.Unparen(n.Rhs[i]).(*ast.Ident); isIdent || !madeHere(body, n.Rhs[i]) {
					ok = false
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				if id.Name == name {
					ok = false // var x T: a zero value, or a list to follow
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && isIdentNamed(ast.Unparen(n.X), name) {
				ok = false // its address is taken: anything may be stored
			}
		case *ast.RangeStmt:
			if isIdentNamed(n.Key, name) || isIdentNamed(n.Value, name) {
				ok = false
			}
		}
		return ok
	})
	return ok && given > 0
}

// optionReturns returns the return statements of fd that are inside a
// range over its variadic parameter (for _, opt := range opts), not in
// a function literal.
func optionReturns(fd *ast.FuncDecl) map[*ast.ReturnStmt]bool {
	params := fd.Type.Params.List
	if len(params) == 0 {
		return nil
	}
	lastParam := params[len(params)-1]
	if _, ok := lastParam.Type.(*ast.Ellipsis); !ok || len(lastParam.Names) != 1 || lastParam.Names[0].Name == "_" {
		return nil
	}
	opts := lastParam.Names[0].Name
	out := make(map[*ast.ReturnStmt]bool)
	ast.PreorderStack(fd.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		r, ok := n.(*ast.ReturnStmt)
		if !ok {
			return true
		}
		for _, outer := range stack {
			if rs, ok := outer.(*ast.RangeStmt); ok && isIdentNamed(rs.X, opts) && !assignsName(fd.Body, opts) {
				out[r] = true
			}
		}
		return true
	})
	return out
}

// passesOptions reports whether call gives its callee's variadic
// parameter any element.
func passesOptions(call *ast.CallExpr, fn *types.Func) bool {
	sig := fn.Signature()
	return !sig.Variadic() || call.Ellipsis.IsValid() || len(call.Args) >= sig.Params().Len()
}

// fieldNames returns the names of a field list's entries, one a value
// ("" for an unnamed one).
func fieldNames(fl *ast.FieldList) []string {
	if fl == nil {
		return nil
	}
	var out []string
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			out = append(out, "")
		}
		for _, id := range f.Names {
			out = append(out, id.Name)
		}
	}
	return out
}

// mentionedInLit reports whether a function literal in body mentions
// name.
func mentionedInLit(body *ast.BlockStmt, name string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && !found {
			ast.Inspect(lit.Body, func(m ast.Node) bool {
				if isIdentNamed(m, name) {
					found = true
				}
				return !found
			})
			return false
		}
		return !found
	})
	return found
}

// assignsName reports whether body assigns to name (opts = append(…)):
// the loop then ranges over more than the caller passed.
func assignsName(body *ast.BlockStmt, name string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if isIdentNamed(l, name) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isIdentNamed(n ast.Node, name string) bool {
	id, ok := n.(*ast.Ident)
	return ok && id.Name == name
}

func isNilIdent(e ast.Expr) bool { return isIdentNamed(ast.Unparen(e), "nil") }
