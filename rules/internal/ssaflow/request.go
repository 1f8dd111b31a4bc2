package ssaflow

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
)

// A request is what the rules asked a partial form for (see Form): the
// bodies of some functions outside the focus, with those of the
// package's functions they call (closure); and what the package does with
// some variables (struct fields, package-level variables), with the
// bodies of every function that may set them (setters).
type request struct {
	funcs   []*types.Func
	vars    []*types.Var // fields' Origin()s, and package-level variables
	setters Setters      // finds the functions that may set vars
}

// Setters returns the functions of the pass's package that may set one
// of vars (see Form.NeedVars).
type Setters func(pass *analysis.Pass, vars []*types.Var) map[*types.Func]bool

// add returns q with fn, and vars and their setters, added.
func (q request) add(fn *types.Func, vars []*types.Var, setters Setters) request {
	out := request{funcs: slices.Clone(q.funcs), vars: slices.Clone(q.vars), setters: q.setters}
	if setters != nil {
		out.setters = setters
	}
	if fn != nil && !slices.Contains(out.funcs, fn) {
		out.funcs = append(out.funcs, fn)
	}
	for _, v := range vars {
		if v = v.Origin(); !slices.Contains(out.vars, v) {
			out.vars = append(out.vars, v)
		}
	}
	return out
}

// key identifies q among the requests of one type-check.
func (q request) key() string {
	var b strings.Builder
	for _, fn := range slices.SortedFunc(slices.Values(q.funcs), func(a, b *types.Func) int { return int(a.Pos() - b.Pos()) }) {
		fmt.Fprintf(&b, "f%d,", fn.Pos())
	}
	for _, v := range slices.SortedFunc(slices.Values(q.vars), func(a, b *types.Var) int { return int(a.Pos() - b.Pos()) }) {
		fmt.Fprintf(&b, "v%d,", v.Pos())
	}
	return b.String()
}

// size is the number of things asked for.
func (q request) size() int { return len(q.funcs) + len(q.vars) }

// keep returns the functions whose bodies the form for q builds.
func (q request) keep(pass *analysis.Pass) map[*types.Func]bool {
	keep := closure(pass, q.funcs)
	if len(q.vars) > 0 {
		for fn := range q.setters(pass, q.vars) {
			keep[fn] = true
		}
	}
	return keep
}

// A request is remembered by the names of what it asks for, which stay
// the same from one type-check of the package to the next: functions by
// FullName, package-level variables by name, fields as "Type.field" for
// the struct types the package declares (a field of another struct is
// not remembered).
type names struct {
	funcs, vars []string
	setters     Setters
}

// namesOf returns the names of q.
func namesOf(pass *analysis.Pass, q request) names {
	n := names{setters: q.setters}
	for _, fn := range q.funcs {
		n.funcs = append(n.funcs, fn.FullName())
	}
	if len(q.vars) > 0 {
		for name, v := range declaredVars(pass.Pkg) {
			if slices.Contains(q.vars, v) {
				n.vars = append(n.vars, name)
			}
		}
	}
	slices.Sort(n.funcs)
	slices.Sort(n.vars)
	return n
}

// merge returns the names of n and m.
func (n names) merge(m names) names {
	setters := n.setters
	if setters == nil {
		setters = m.setters
	}
	return names{
		setters: setters,
		funcs:   slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(n.funcs), m.funcs...)))),
		vars:    slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(n.vars), m.vars...)))),
	}
}

// resolve returns the request that n names in the pass's package.
func resolve(pass *analysis.Pass, n names) request {
	q := request{setters: n.setters}
	if len(n.funcs) > 0 {
		for fn := range typesutil.FuncDecls(pass.TypesInfo, pass.Files) {
			if slices.Contains(n.funcs, fn.FullName()) {
				q.funcs = append(q.funcs, fn)
			}
		}
	}
	if len(n.vars) > 0 {
		for name, v := range declaredVars(pass.Pkg) {
			if slices.Contains(n.vars, name) {
				q.vars = append(q.vars, v)
			}
		}
	}
	return q
}

// declaredVars returns the package-level variables of pkg, by name, and
// the fields of the struct types it declares at package level, by
// "Type.field".
func declaredVars(pkg *types.Package) map[string]*types.Var {
	out := make(map[string]*types.Var)
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok {
			out[name] = v
			continue
		}
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for i := 0; i < st.NumFields(); i++ {
				out[name+"."+st.Field(i).Name()] = st.Field(i).Origin()
			}
		}
	}
	return out
}

// closure returns roots and the functions of the pass's package they
// refer to, directly or through one another: every function whose body a
// path through roots' bodies may follow a static call into. A call to a
// function of the package, a method value or expression, a function
// passed on: each names the function in the body that holds it.
func closure(pass *analysis.Pass, roots []*types.Func) map[*types.Func]bool {
	out := make(map[*types.Func]bool)
	if len(roots) == 0 {
		return out
	}
	decls := typesutil.FuncDecls(pass.TypesInfo, pass.Files)
	work := slices.Clone(roots)
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		if out[fn] {
			continue
		}
		out[fn] = true
		fd := decls[fn]
		if fd == nil {
			continue // declared without a body
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if callee, ok := pass.TypesInfo.Uses[id].(*types.Func); ok {
					if callee = callee.Origin(); decls[callee] != nil && !out[callee] {
						work = append(work, callee)
					}
				}
			}
			return true
		})
	}
	return out
}
