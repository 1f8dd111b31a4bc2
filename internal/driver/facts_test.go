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

// checkSource type-checks the one-file package path from src, importing
// the standard library.
func checkSource(t *testing.T, path, src string) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path+".go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check(path, fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

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
	a1 := checkSource(t, "a", srcA)
	a2 := checkSource(t, "a", srcA) // another copy
	c := checkSource(t, "c", srcC)
	b := types.NewPackage("b", "b")
	b.SetImports([]*types.Package{a2, c})

	an := &analysis.Analyzer{Name: "test", FactTypes: []analysis.Fact{new(testFact)}}
	store := NewFacts()
	passA := &analysis.Pass{Analyzer: an, Pkg: a1}
	bind(passA, store, false)
	objOf := func(p *types.Package, name string) types.Object { return p.Scope().Lookup(name) }
	member := func(p *types.Package, name string) types.Object {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(objOf(p, "T").Type()), false, p, name)
		return obj
	}
	for i, obj := range []types.Object{objOf(a1, "F"), member(a1, "M"), member(a1, "N"), member(a1, "X"), objOf(a1, "V")} {
		passA.ExportObjectFact(obj, &testFact{N: i + 1})
	}

	passB := &analysis.Pass{Analyzer: an, Pkg: b}
	bind(passB, store, false)
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

// TestFactsReadOnly: a read-only pass (the language server's edit of a
// package, over its dependencies' cached store) reads the dependencies'
// facts, keeps its own in the pass, and never takes a fact about its own
// package from the store, where an earlier version of the package may
// have left one about a function it no longer has.
func TestFactsReadOnly(t *testing.T) {
	dep := checkSource(t, "dep", "package dep\n\nfunc D() {}\n")
	old := checkSource(t, "p", "package p\n\nfunc F() {}\nfunc G() {}\n")
	cur := checkSource(t, "p", "package p\n\nfunc F() {}\nfunc G() {}\n")
	cur.SetImports([]*types.Package{dep})

	an := &analysis.Analyzer{Name: "test", FactTypes: []analysis.Fact{new(testFact)}}
	store := NewFacts()
	passDep := &analysis.Pass{Analyzer: an, Pkg: dep}
	bind(passDep, store, false)
	passDep.ExportObjectFact(dep.Scope().Lookup("D"), &testFact{N: 1})
	passDep.ExportPackageFact(&testFact{N: 2})
	// An old version of p wrote to the store (as the server did before).
	passOld := &analysis.Pass{Analyzer: an, Pkg: old}
	bind(passOld, store, false)
	passOld.ExportObjectFact(old.Scope().Lookup("G"), &testFact{N: 3})
	passOld.ExportPackageFact(&testFact{N: 4})

	pass := &analysis.Pass{Analyzer: an, Pkg: cur}
	bind(pass, store, true)
	var f testFact
	if !pass.ImportObjectFact(dep.Scope().Lookup("D"), &f) || f.N != 1 {
		t.Errorf("dependency's object fact: %v", f)
	}
	if !pass.ImportPackageFact(dep, &f) || f.N != 2 {
		t.Errorf("dependency's package fact: %v", f)
	}
	if pass.ImportObjectFact(cur.Scope().Lookup("G"), &f) {
		t.Errorf("read-only pass took its own package's fact from the store: %v", f)
	}
	if pass.ImportPackageFact(cur, &f) {
		t.Errorf("read-only pass took its own package fact from the store: %v", f)
	}
	pass.ExportObjectFact(cur.Scope().Lookup("F"), &testFact{N: 5})
	pass.ExportPackageFact(&testFact{N: 6})
	if !pass.ImportObjectFact(cur.Scope().Lookup("F"), &f) || f.N != 5 {
		t.Errorf("own fact, read back in the pass: %v", f)
	}
	if !pass.ImportPackageFact(cur, &f) || f.N != 6 {
		t.Errorf("own package fact, read back in the pass: %v", f)
	}
	later := &analysis.Pass{Analyzer: an, Pkg: old}
	bind(later, store, false)
	if later.ImportObjectFact(old.Scope().Lookup("F"), &f) {
		t.Errorf("read-only pass wrote its fact to the store: %v", f)
	}
	if !later.ImportPackageFact(old, &f) || f.N != 4 {
		t.Errorf("read-only pass replaced a package fact in the store: %v", f)
	}
}
