package driver

import (
	"fmt"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// Facts holds the facts that rules export as packages are analysed, for
// the packages analysed after them. Facts are keyed by package path and
// object path (golang.org/x/tools/go/types/objectpath), not by object
// identity: a package type-checked against its dependencies' export data
// sees other types.Objects than the ones its dependencies were analysed
// with, and still finds their facts. A Facts is safe for concurrent use.
type Facts struct {
	mu       sync.Mutex
	objects  map[objectKey]analysis.Fact
	packages map[packageKey]analysis.Fact
	// objectsOf holds the (analyzer, package path) pairs of objects: a
	// pass asks for the facts of every function it sees called, most of
	// them in packages with none, and needs no object path for those.
	objectsOf map[[2]string]bool
}

type objectKey struct {
	analyzer string
	pkg      string
	path     objectpath.Path
	typ      reflect.Type
}

type packageKey struct {
	analyzer string
	pkg      string
	typ      reflect.Type
}

// NewFacts returns an empty fact store.
func NewFacts() *Facts {
	return &Facts{
		objects:   make(map[objectKey]analysis.Fact),
		packages:  make(map[packageKey]analysis.Fact),
		objectsOf: make(map[[2]string]bool),
	}
}

// bind sets the fact functions of a pass over store (nil: the pass sees
// no facts of other packages, but its own).
func bind(pass *analysis.Pass, store *Facts) {
	a, pkg := pass.Analyzer, pass.Pkg
	local := make(map[types.Object]map[reflect.Type]analysis.Fact) // this pass's, by identity
	localPkg := make(map[reflect.Type]analysis.Fact)
	// The object paths of the objects asked about, found with one
	// Encoder: objectpath.For starts afresh each time, sorting the names
	// of the object's package and, for a method or field, walking all of
	// its types.
	var enc objectpath.Encoder
	paths := make(map[types.Object]objectpath.Path)
	keyOf := func(obj types.Object, fact analysis.Fact) (objectKey, bool) {
		if obj == nil || obj.Pkg() == nil {
			return objectKey{}, false
		}
		path, ok := paths[obj]
		if !ok {
			p, err := enc.For(obj)
			if err != nil {
				p = "" // a local object: no other package can name it
			}
			path, paths[obj] = p, p
		}
		if path == "" {
			return objectKey{}, false
		}
		return objectKey{a.Name, obj.Pkg().Path(), path, reflect.TypeOf(fact)}, true
	}
	copyInto := func(ptr, fact analysis.Fact) {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if obj.Pkg() != pkg {
			panic(fmt.Sprintf("analyzer %s exported a fact about %s, which is not in package %s", a.Name, obj, pkg.Path()))
		}
		if local[obj] == nil {
			local[obj] = make(map[reflect.Type]analysis.Fact)
		}
		local[obj][reflect.TypeOf(fact)] = fact
		if k, ok := keyOf(obj, fact); ok && store != nil {
			store.mu.Lock()
			store.objects[k] = fact
			store.objectsOf[[2]string{k.analyzer, k.pkg}] = true
			store.mu.Unlock()
		}
	}
	pass.ImportObjectFact = func(obj types.Object, ptr analysis.Fact) bool {
		if f, ok := local[obj][reflect.TypeOf(ptr)]; ok {
			copyInto(ptr, f)
			return true
		}
		if store == nil || obj == nil || obj.Pkg() == nil {
			return false
		}
		store.mu.Lock()
		has := store.objectsOf[[2]string{a.Name, obj.Pkg().Path()}]
		store.mu.Unlock()
		if !has {
			return false
		}
		k, ok := keyOf(obj, ptr)
		if !ok {
			return false
		}
		store.mu.Lock()
		f, ok := store.objects[k]
		store.mu.Unlock()
		if ok {
			copyInto(ptr, f)
		}
		return ok
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		localPkg[reflect.TypeOf(fact)] = fact
		if store != nil {
			store.mu.Lock()
			store.packages[packageKey{a.Name, pkg.Path(), reflect.TypeOf(fact)}] = fact
			store.mu.Unlock()
		}
	}
	pass.ImportPackageFact = func(p *types.Package, ptr analysis.Fact) bool {
		if p == pkg {
			if f, ok := localPkg[reflect.TypeOf(ptr)]; ok {
				copyInto(ptr, f)
				return true
			}
		}
		if store == nil || p == nil {
			return false
		}
		store.mu.Lock()
		f, ok := store.packages[packageKey{a.Name, p.Path(), reflect.TypeOf(ptr)}]
		store.mu.Unlock()
		if ok {
			copyInto(ptr, f)
		}
		return ok
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		var out []analysis.ObjectFact
		for obj, byType := range local {
			for _, f := range byType {
				out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
			}
		}
		if store == nil {
			return out
		}
		byPath := importsByPath(pkg)
		store.mu.Lock()
		defer store.mu.Unlock()
		for k, f := range store.objects {
			p, ok := byPath[k.pkg]
			if k.analyzer != a.Name || !ok || p == pkg {
				continue // another analyzer's, or a package this one cannot see
			}
			if obj, err := objectpath.Object(p, k.path); err == nil {
				out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
			}
		}
		return out
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		var out []analysis.PackageFact
		for _, f := range localPkg {
			out = append(out, analysis.PackageFact{Package: pkg, Fact: f})
		}
		if store == nil {
			return out
		}
		byPath := importsByPath(pkg)
		store.mu.Lock()
		defer store.mu.Unlock()
		for k, f := range store.packages {
			if p, ok := byPath[k.pkg]; ok && k.analyzer == a.Name && p != pkg {
				out = append(out, analysis.PackageFact{Package: p, Fact: f})
			}
		}
		return out
	}
}

// importsByPath returns pkg and the packages it imports, transitively,
// by path.
func importsByPath(pkg *types.Package) map[string]*types.Package {
	out := make(map[string]*types.Package)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if _, ok := out[p.Path()]; ok {
			return
		}
		out[p.Path()] = p
		for _, imp := range p.Imports() {
			visit(imp)
		}
	}
	visit(pkg)
	return out
}
