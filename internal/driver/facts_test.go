package driver

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
)

type testFact struct{ N int }

func (*testFact) AFact() {}

type otherFact struct{}

func (*otherFact) AFact() {}

// TestFactsAcrossCopies: facts a pass exports about a package's objects
// are found by a pass over a package that imports another copy of it
// (as one type-checked against export data does: other types.Objects,
// the same object paths), for functions, methods, fields and variables,
// asked for many times; objects without facts, of packages without
// facts, of another fact type and local objects have none.
func TestFactsAcrossCopies(t *testing.T) {
	const srcA = `package a

type T struct{ X, Y int }

func (T) M() {}
func (*T) N() {}

func F() { var local int; _ = local }
func G() {}

var V, W int
`
	const srcC = "package c\n\nfunc H() {}\n"
	check := func(path, src string, imp types.Importer) (*types.Package, *ast.File) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path+".go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		pkg, err := (&types.Config{Importer: imp}).Check(path, fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return pkg, f
	}
	a1, _ := check("a", srcA, importer.Default())
	a2, _ := check("a", srcA, importer.Default()) // another copy
	c, _ := check("c", srcC, importer.Default())
	b := types.NewPackage("b", "b")
	b.SetImports([]*types.Package{a2, c})

	an := &analysis.Analyzer{Name: "test", FactTypes: []analysis.Fact{new(testFact)}}
	store := NewFacts()
	passA := &analysis.Pass{Analyzer: an, Pkg: a1}
	bind(passA, store)
	objOf := func(p *types.Package, name string) types.Object { return p.Scope().Lookup(name) }
	member := func(p *types.Package, name string) types.Object {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(objOf(p, "T").Type()), false, p, name)
		return obj
	}
	for i, obj := range []types.Object{objOf(a1, "F"), member(a1, "M"), member(a1, "N"), member(a1, "X"), objOf(a1, "V")} {
		passA.ExportObjectFact(obj, &testFact{N: i + 1})
	}

	passB := &analysis.Pass{Analyzer: an, Pkg: b}
	bind(passB, store)
	for round := 0; round < 3; round++ {
		for i, obj := range []types.Object{objOf(a2, "F"), member(a2, "M"), member(a2, "N"), member(a2, "X"), objOf(a2, "V")} {
			var f testFact
			if !passB.ImportObjectFact(obj, &f) || f.N != i+1 {
				t.Errorf("round %d: fact of %v: %v, %d; want %d", round, obj, f.N != 0, f.N, i+1)
			}
		}
		local := objOf(a2, "F").(*types.Func).Scope().Lookup("local")
		for _, obj := range []types.Object{objOf(a2, "G"), member(a2, "Y"), objOf(a2, "W"), objOf(c, "H"), local} {
			if passB.ImportObjectFact(obj, new(testFact)) {
				t.Errorf("round %d: %v has a fact", round, obj)
			}
		}
		if passB.ImportObjectFact(objOf(a2, "F"), new(otherFact)) {
			t.Errorf("round %d: F has a fact of another type", round)
		}
	}
}
