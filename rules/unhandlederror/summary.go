package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// This file summarises how a function with an error result can fail, as
// its return statements show: never (every return gives nil), only with
// errors this rule does not report (a helper that returns what a
// bufio.Writer's Write returned: the error is sticky and comes back from
// Flush), or only with sentinels (package-level error variables:
// ErrNotFound from an idempotent Remove). For each of its other nilable
// results it also tells whether a failing return still gives a usable
// value (a fallback) and whether a successful one may give nil.
//
// Functions of the package are summarised from their syntax; functions
// of other packages through the errFact the rule exported when it
// analysed them. A dependency loaded from export data has no facts: its
// functions are "may fail with any error", as before summaries.

// A failure is how a function's error result can be non-nil.
type failure uint8

const (
	failsAny      failure = iota // with any error, as far as the rule knows
	failsNever                   // never: every return gives nil
	failsQuiet                   // only with errors the rule does not report (see exclusions)
	failsSentinel                // only with package-level error variables
	// failsOptions: only when one of the options it is passed (its
	// variadic parameter) fails; never for a call that passes none.
	// Elsewhere it is failsAny.
	failsOptions
)

// A summary is what the rule knows about how one function fails.
type summary struct {
	fails     failure
	sentinels []string // for failsSentinel: their names as the callee's package spells them
	// Bit i of fallback is set when every failing return gives a
	// non-nil i'th result; bit i of nilOnSuccess when some successful
	// return gives a literal nil for it.
	fallback, nilOnSuccess uint64
}

// errFact is the summary exported for a function of another package.
type errFact struct {
	Fails        uint8
	Sentinels    []string
	Fallback     uint64
	NilOnSuccess uint64
}

func (*errFact) AFact() {}

func (f *errFact) String() string {
	var parts []string
	switch failure(f.Fails) {
	case failsNever:
		parts = append(parts, "never fails")
	case failsQuiet:
		parts = append(parts, "fails quietly")
	case failsSentinel:
		parts = append(parts, "fails with "+strings.Join(f.Sentinels, ", "))
	case failsOptions:
		parts = append(parts, "fails only with options")
	}
	if f.Fallback != 0 {
		parts = append(parts, "fallback")
	}
	if f.NilOnSuccess != 0 {
		parts = append(parts, "nil on success")
	}
	return strings.Join(parts, "; ")
}

// informative reports whether the summary says more than "may fail with
// any error, with no fallback".
func (s *summary) informative() bool {
	return s.fails != failsAny || s.fallback != 0 || s.nilOnSuccess != 0
}

// summaryOf returns the summary of fn, or nil when nothing is known: a
// function of another package with no fact, a function value, a stub.
func (c *checker) summaryOf(fn *types.Func) *summary {
	if fn == nil || fn.Pkg() == nil || isStd(fn.Pkg().Path()) {
		return nil // the standard library's errors are documented: see the exclusions table
	}
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		var f errFact
		if c.pass.ImportObjectFact == nil || !c.pass.ImportObjectFact(fn, &f) {
			return c.depSummary(fn) // loaded from export data: read its source
		}
		return &summary{fails: failure(f.Fails), sentinels: f.Sentinels, fallback: f.Fallback, nilOnSuccess: f.NilOnSuccess}
	}
	if s, ok := c.summaries[fn]; ok {
		return s // nil while it is being computed: recursion knows nothing
	}
	c.summaries[fn] = nil
	s := c.summarise(fn)
	c.summaries[fn] = s
	return s
}

// declOf returns the declaration of fn in this package, or nil.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = typesutil.FuncDecls(c.info, c.pass.Files)
	}
	return c.decls[fn]
}

// summarise computes the summary of fn, declared in this package.
func (c *checker) summarise(fn *types.Func) *summary {
	fd := c.declOf(fn)
	res := fn.Signature().Results()
	if fd == nil || fd.Body == nil || res.Len() == 0 || !typesutil.IsError(res.At(res.Len()-1).Type()) {
		return nil
	}
	if res.Len() > 64 {
		return nil
	}
	if errVar := res.At(res.Len() - 1); errVar.Name() != "" && capturedInLit(c.info, fd.Body, errVar) {
		return nil // a deferred function may set the error after every return
	}
	s := &summary{}
	var classes []errClass
	var failing, succeeding []*ast.ReturnStmt
	var forwards []*summary // summaries of forwarded calls: return g(…)
	returns := 0
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			returns++
			cl, fwd := c.returnClass(fd, res, n)
			classes = append(classes, cl)
			switch {
			case fwd != nil:
				forwards = append(forwards, fwd)
			case cl.kind == failsNever:
				succeeding = append(succeeding, n)
			default:
				failing = append(failing, n)
			}
		}
		return true
	})
	if returns == 0 {
		return nil // ends in a panic or a loop
	}
	s.fails, s.sentinels = combine(classes)
	if s.fails == failsNever && c.isStub(fd) {
		s.fails = failsAny // a stub (return nil) promises errors it does not return yet
	}
	if s.fails == failsAny && len(forwards) == 0 && len(failing) > 0 {
		opts := optionReturns(fd)
		if !slices.ContainsFunc(failing, func(r *ast.ReturnStmt) bool { return !opts[r] }) {
			s.fails = failsOptions // New(nc, opts...) fails only when an option does
		}
	}
	for i := 0; i < res.Len()-1; i++ {
		if !typesutil.IsNilable(res.At(i).Type()) {
			continue // a value has no nil to speak of
		}
		if c.fallsBack(fd, res, i, failing, forwards) {
			s.fallback |= 1 << i
		}
		if c.nilOnSuccess(res, i, succeeding, forwards) {
			s.nilOnSuccess |= 1 << i
		}
	}
	if !s.informative() {
		return nil
	}
	return s
}

// isStub reports whether fd's body is a single return statement that
// gives nothing but nil, constants and empty composite literals: a
// placeholder (`func (d *Dao) Ping() error { return nil }`) whose nil
// error promises nothing. A single return that does work, such as a
// constructor kept behind an interface's error result (`return
// newWriter(f.store), nil`), is a function that cannot fail.
func (c *checker) isStub(fd *ast.FuncDecl) bool {
	if len(fd.Body.List) != 1 {
		return false
	}
	r, ok := fd.Body.List[0].(*ast.ReturnStmt)
	if !ok {
		return false
	}
	for _, e := range r.Results {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		if cl, ok := e.(*ast.CompositeLit); ok && len(cl.Elts) == 0 {
			continue // T{} or &T{}: a zero value
		}
		if tv, ok := c.info.Types[e]; ok && (tv.Value != nil || tv.IsNil()) {
			continue
		}
		return false // the return computes something
	}
	return true
}

// fallsBack reports whether every failing return of fd gives a non-nil
// i'th result, and there is one.
func (c *checker) fallsBack(fd *ast.FuncDecl, res *types.Tuple, i int, failing []*ast.ReturnStmt, forwards []*summary) bool {
	if len(failing) == 0 && len(forwards) == 0 {
		return false
	}
	for _, f := range forwards {
		if f.fails != failsNever && f.fallback&(1<<i) == 0 {
			return false
		}
	}
	for _, r := range failing {
		e := c.resultAt(fd, res, r, i)
		if e == nil || !c.usable(fd, e) {
			return false
		}
	}
	return true
}

// nilOnSuccess reports whether some successful return gives a literal
// nil as the i'th result.
func (c *checker) nilOnSuccess(res *types.Tuple, i int, succeeding []*ast.ReturnStmt, forwards []*summary) bool {
	for _, f := range forwards {
		if f.nilOnSuccess&(1<<i) != 0 {
			return true
		}
	}
	for _, r := range succeeding {
		if len(r.Results) == res.Len() && c.isNil(r.Results[i]) {
			return true
		}
	}
	return false
}

// resultAt returns the expression that gives the i'th result at the
// return statement r of fd: the expression returned, or for a bare return
// of named results the value last assigned to the result in the
// statements just before r in its block. It returns nil when it cannot
// tell.
func (c *checker) resultAt(fd *ast.FuncDecl, res *types.Tuple, r *ast.ReturnStmt, i int) ast.Expr {
	if len(r.Results) == res.Len() {
		return r.Results[i]
	}
	if len(r.Results) != 0 || res.At(i).Name() == "" {
		return nil
	}
	v := res.At(i)
	var found ast.Expr
	c.beforeInBlock(fd, r, func(s ast.Stmt) bool {
		as, ok := s.(*ast.AssignStmt)
		if !ok {
			return assigns(c.info, s, v) // another statement that sets it: unknown
		}
		for j, l := range as.Lhs {
			if typesutil.ObjectOf(c.info, l) == v {
				if len(as.Rhs) == len(as.Lhs) {
					found = as.Rhs[j]
				}
				return true
			}
		}
		return false
	})
	return found
}

// usable reports whether e, a result of fd, cannot be nil: &T{…}, a
// composite or function literal, new or make, a non-nil constant, a
// parameter of fd (the input handed back), or a local variable only ever
// assigned such values.
func (c *checker) usable(fd *ast.FuncDecl, e ast.Expr) bool {
	return c.usableDepth(fd, e, 0)
}

func (c *checker) usableDepth(fd *ast.FuncDecl, e ast.Expr, depth int) bool {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.CompositeLit, *ast.FuncLit:
		return true
	case *ast.UnaryExpr:
		return e.Op == token.AND
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			if b, ok := c.info.Uses[id].(*types.Builtin); ok {
				return b.Name() == "new" || b.Name() == "make"
			}
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			break
		}
		if isParam(c.info, fd, v) {
			return true
		}
		return depth < 3 && isLocal(v) && c.onlyAssignedUsable(fd, v, depth+1)
	}
	tv, ok := c.info.Types[e]
	return ok && tv.Value != nil
}

// onlyAssignedUsable reports whether every assignment to the local v in
// fd stores a usable value (and there is one), none of them in a
// function literal.
func (c *checker) onlyAssignedUsable(fd *ast.FuncDecl, v *types.Var, depth int) bool {
	n, ok := 0, true
	ast.Inspect(fd.Body, func(x ast.Node) bool {
		if !ok {
			return false
		}
		switch x := x.(type) {
		case *ast.FuncLit:
			ast.Inspect(x.Body, func(y ast.Node) bool {
				if s, isStmt := y.(ast.Stmt); isStmt && assigns(c.info, s, v) {
					ok = false // assigned where this does not look
				}
				return ok
			})
			return false
		case *ast.AssignStmt:
			for j, l := range x.Lhs {
				if typesutil.ObjectOf(c.info, l) != v {
					continue
				}
				n++
				if len(x.Rhs) != len(x.Lhs) || !c.usableDepth(fd, x.Rhs[j], depth) {
					ok = false
				}
			}
		case *ast.ValueSpec:
			for j, id := range x.Names {
				if c.info.Defs[id] != v {
					continue
				}
				n++
				if len(x.Values) != len(x.Names) || !c.usableDepth(fd, x.Values[j], depth) {
					ok = false
				}
			}
		case *ast.RangeStmt:
			if typesutil.ObjectOf(c.info, x.Key) == v || typesutil.ObjectOf(c.info, x.Value) == v {
				ok = false
			}
		}
		return true
	})
	return ok && n > 0
}

// isParam reports whether v is a parameter (or the receiver) of fd.
func isParam(info *types.Info, fd *ast.FuncDecl, v *types.Var) bool {
	lists := []*ast.FieldList{fd.Recv, fd.Type.Params}
	for _, l := range lists {
		if l == nil {
			continue
		}
		for _, f := range l.List {
			for _, id := range f.Names {
				if info.Defs[id] == v {
					return true
				}
			}
		}
	}
	return false
}

// exportFacts exports the summaries of the package's functions that say
// something, for the packages that call them. Only exported functions
// and methods can be called from another package; methods reached
// through an interface have no static callee and need none.
func (c *checker) exportFacts() {
	for _, f := range c.pass.Files {
		if c.inTestFile(f.FileStart) {
			continue // no other package calls a test file's functions
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue // not an exported function or method
			}
			fn, ok := c.info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue // ill-typed
			}
			if s := c.summaryOf(fn); s != nil {
				c.pass.ExportObjectFact(fn, &errFact{Fails: uint8(s.fails), Sentinels: s.sentinels, Fallback: s.fallback, NilOnSuccess: s.nilOnSuccess})
			}
		}
	}
}

// capturedInLit reports whether a function literal in body mentions v.
func capturedInLit(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && !found {
			found = mentionsVar(info, lit, v)
			return false
		}
		return !found
	})
	return found
}
