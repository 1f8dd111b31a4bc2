package ssapath

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// TestSetters: every function whose SSA form Globals finds setting a
// variable (a field on a struct not just built, a package-level
// variable's contents or address) is among the setters of that variable,
// which a partial SSA form builds for a question about it. The source
// sets fields and variables in each way the SSA form has of doing it.
func TestSetters(t *testing.T) {
	const src = `package p

type Inner struct{ f *int }

type Embedded struct{ e chan int }

func (e *Embedded) Reset() { e.e = nil }

type T struct {
	in Inner
	p  *Inner
	g  []int
	Embedded
}

var global T

var counter int

func direct(t *T)       { t.g = nil }
func nested(t *T)       { t.in.f = nil }
func throughPtr(t *T)   { t.p.f = nil }
func whole(t *T)        { *t = T{} }
func wholeInner(t *T)   { t.in = Inner{} }
func literalInto(t *T)  { t.in = Inner{f: new(int)} }
func passOn(t *T)       { use(&t.in) }
func use(*Inner)        {}
func embeddedCall(t *T) { t.Reset() }
func promoted(t *T)     { t.e = nil }
func captured() T {
	var t T
	func() { t = T{} }()
	return t
}
func arrayElem(a []T)  { a[0] = T{} }
func arrayField(a []T) { a[0].g = nil }
func rangeAssign(ts []T) (t T) {
	for _, t = range ts {
	}
	return t
}
func globalField()     { global.g = nil }
func globalWhole()     { global = T{} }
func count()           { counter++ }
func escape() *int     { return &counter }
func fresh() *T        { t := &T{}; t.g = nil; return t }
func read(t *T) []int  { return t.g }
func unrelated(x int) int { return x + 1 }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	files := []*ast.File{f}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset, types.NewPackage("p", "p"), files, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: make(map[*ast.Ident]types.Object), Defs: make(map[*ast.Ident]types.Object),
		Types: make(map[ast.Expr]types.TypeAndValue), Selections: make(map[*ast.SelectorExpr]*types.Selection)}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, files, info); err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{Fset: fset, Files: files, TypesInfo: info,
		ResultOf: map[*analysis.Analyzer]any{inspect.Analyzer: inspector.New(files)}}

	// The variables of the second type-check, by name ("T.g", "counter"),
	// as the SSA form (from the first) names them.
	vars := make(map[string]*types.Var)
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			switch spec := spec.(type) {
			case *ast.ValueSpec:
				for _, id := range spec.Names {
					vars[id.Name] = info.Defs[id].(*types.Var)
				}
			case *ast.TypeSpec:
				st := info.Defs[spec.Name].Type().Underlying().(*types.Struct)
				for i := 0; i < st.NumFields(); i++ {
					vars[spec.Name.Name+"."+st.Field(i).Name()] = st.Field(i)
				}
			}
		}
	}
	fieldName := func(fv *types.Var) string {
		for name, v := range vars {
			if v.Name() == fv.Name() && v.Pos() == fv.Pos() {
				return name
			}
		}
		t.Fatalf("no field %v", fv)
		return ""
	}
	funcOf := func(name string) *types.Func {
		for id, obj := range info.Defs {
			if fn, ok := obj.(*types.Func); ok && id.Name == name {
				return fn
			}
		}
		t.Fatalf("no function %s", name)
		return nil
	}

	setBy := make(map[string][]string) // variable → the functions Globals finds setting it
	for fn := range ssautil.AllFunctions(pkg.Prog) {
		if fn.Pkg != pkg || fn.Synthetic != "" || fn.Parent() != nil {
			continue // another package's, a wrapper, or a function literal (with its parent)
		}
		all := []*ssa.Function{fn}
		for i := 0; i < len(all); i++ {
			all = append(all, all[i].AnonFuncs...)
		}
		g := NewGlobals(nil, all)
		var set []string
		for fv := range g.reset {
			set = append(set, fieldName(fv))
		}
		for gl := range g.stores {
			set = append(set, gl.Name())
		}
		for gl := range g.escaped {
			set = append(set, gl.Name())
		}
		for _, v := range set {
			setBy[v] = append(setBy[v], fn.Name())
		}
	}
	if len(setBy) < 6 {
		t.Fatalf("Globals found only %v set: the source does not exercise it", setBy)
	}
	for v, fns := range setBy {
		found := setters(pass, []*types.Var{vars[v]})
		for _, name := range fns {
			if !found[funcOf(name)] {
				t.Errorf("%s sets %s in SSA form, but is not among its setters", name, v)
			}
		}
	}
	// Not every function: one that names nothing of T is no setter.
	var all []*types.Var
	for _, v := range vars {
		all = append(all, v)
	}
	found := setters(pass, all)
	if found[funcOf("unrelated")] {
		t.Error("unrelated is a setter")
	}
	for _, fns := range setBy {
		sort.Strings(fns)
	}
	t.Logf("set in SSA form: %v", setBy)
}
