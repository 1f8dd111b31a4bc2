package typednilerror

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/ssa"
)

// This file follows nil values the rule cannot see in one function: the
// results of another package's functions (through facts exported when
// that package was analysed) and pointer fields of structs.

// A nilResultFact is exported for a function or method whose nilable
// concrete results (by index) it returns nil on some path, other than
// alongside a non-nil error.
type nilResultFact struct {
	Results []int
}

func (*nilResultFact) AFact() {}

func (f *nilResultFact) String() string { return fmt.Sprintf("may return nil results %v", f.Results) }

// exportFacts exports a nilResultFact for every exported function and
// method of the package that may return a nil concrete result, so that a
// package calling it sees that too.
func (c *checker) exportFacts(fns []*ssa.Function) {
	for _, fn := range fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || !obj.Exported() || fn.Pkg != c.pkg || len(fn.Blocks) == 0 {
			continue // unexported, synthetic or without a body: no other package calls it
		}
		results := fn.Signature.Results()
		var may []int
		for i := 0; i < results.Len(); i++ {
			if isNilable(results.At(i).Type()) && c.mayReturnNil(fn, i) {
				may = append(may, i)
			}
		}
		if len(may) > 0 {
			c.pass.ExportObjectFact(obj, &nilResultFact{Results: may})
		}
	}
}

// importedMayNil reports whether the function fn of another package was
// found to return nil as its result i on some path.
func (c *checker) importedMayNil(fn *ssa.Function, i int) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return false
	}
	var fact nilResultFact
	if !c.pass.ImportObjectFact(obj.Origin(), &fact) {
		return false // no fact: not analysed, or never nil
	}
	for _, r := range fact.Results {
		if r == i {
			return true
		}
	}
	return false
}

// fieldNil returns why the load x of a pointer field (`r.Err`) can be
// nil where f holds: nothing on the way compared a load of the same field
// of the same struct with nil. It is a warning when the package leaves
// that field nil somewhere (a composite literal without it, an assignment
// of nil, a nil check elsewhere, a zero value of the struct), and
// information otherwise: the field may be set by every constructor.
func (c *checker) fieldNil(x *ssa.UnOp, f facts) *nilSource {
	fa, ok := x.X.(*ssa.FieldAddr)
	if !ok || x.Op != token.MUL || !isNilable(x.Type()) {
		return nil
	}
	for k, v := range f.All() {
		if u, ok := k.(*ssa.UnOp); ok && u.Op == token.MUL {
			if g, ok := u.X.(*ssa.FieldAddr); ok && g.X == fa.X && g.Field == fa.Field {
				if v == notNil {
					return nil // the same field, checked on the way
				}
				return &nilSource{kind: srcConst, always: true}
			}
		}
	}
	st, ok := typeOfStruct(fa.X.Type())
	if !ok {
		return nil
	}
	field := st.Field(fa.Field)
	src := &nilSource{kind: srcField}
	if !c.leftNil(field) {
		src.sev = rule.Information // set by every constructor the package has, as far as it shows
	}
	return src
}

// typeOfStruct returns the struct a pointer to a struct points to.
func typeOfStruct(t types.Type) (*types.Struct, bool) {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return nil, false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	return st, ok
}

// leftNil reports whether the package leaves the field nil somewhere or
// expects it to be: a keyed composite literal of its struct without it, a
// zero value of its struct (`var r T`, new(T), T{}), an assignment of nil
// to it, or a comparison of it with nil. Memoized per field.
func (c *checker) leftNil(field *types.Var) bool {
	if c.nilFields == nil {
		c.nilFields = c.fieldsLeftNil()
	}
	return c.nilFields[field]
}

// fieldsLeftNil finds the fields the package leaves nil somewhere (see
// leftNil).
func (c *checker) fieldsLeftNil() map[*types.Var]bool {
	info := c.pass.TypesInfo
	out := make(map[*types.Var]bool)
	zero := func(t types.Type) { // every pointer field of t is nil
		if t == nil {
			return
		}
		if st, ok := t.Underlying().(*types.Struct); ok {
			for i := 0; i < st.NumFields(); i++ {
				out[st.Field(i)] = true
			}
		}
	}
	isNil := func(e ast.Expr) bool {
		tv, ok := info.Types[ast.Unparen(e)]
		return ok && tv.IsNil()
	}
	fieldOf := func(e ast.Expr) *types.Var {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		v, _ := info.ObjectOf(sel.Sel).(*types.Var)
		if v == nil || !v.IsField() {
			return nil
		}
		return v
	}
	for _, file := range c.pass.Files {
		if typesutil.InTestFile(c.pass.Fset, file.FileStart) {
			continue // tests build partial values on purpose
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				c.literalLeavesNil(n, out)
			case *ast.ValueSpec:
				if len(n.Values) == 0 && n.Type != nil {
					zero(info.TypeOf(n.Type))
				}
			case *ast.CallExpr:
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 {
					if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "new" {
						zero(info.TypeOf(n.Args[0]))
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if v := fieldOf(l); v != nil && len(n.Rhs) == len(n.Lhs) && isNil(n.Rhs[i]) {
						out[v] = true
					}
				}
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					if v := fieldOf(n.X); v != nil && isNil(n.Y) {
						out[v] = true
					}
					if v := fieldOf(n.Y); v != nil && isNil(n.X) {
						out[v] = true
					}
				}
			}
			return true
		})
	}
	return out
}

// literalLeavesNil records the fields that the struct literal lit leaves
// at their zero value (or sets to nil).
func (c *checker) literalLeavesNil(lit *ast.CompositeLit, out map[*types.Var]bool) {
	info := c.pass.TypesInfo
	t := info.TypeOf(lit)
	if t == nil {
		return
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	set := make(map[string]bool)
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return // positional: every field is given
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if tv, ok := info.Types[ast.Unparen(kv.Value)]; ok && tv.IsNil() {
			continue // set to nil: left nil
		}
		set[id.Name] = true
	}
	for i := 0; i < st.NumFields(); i++ {
		if !set[st.Field(i).Name()] {
			out[st.Field(i)] = true
		}
	}
}
