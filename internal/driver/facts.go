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
// no facts of other packages, but its own). With readOnly, the pass's
// own facts stay in the pass.
func bind(pass *analysis.Pass, store *Facts, readOnly bool) {
	b := &binder{
		a: pass.Analyzer, pkg: pass.Pkg, store: store, readOnly: readOnly,
		local:    make(map[types.Object]map[reflect.Type]analysis.Fact),
		localPkg: make(map[reflect.Type]analysis.Fact),
		paths:    make(map[types.Object]objectpath.Path),
	}
	pass.ExportObjectFact = b.exportObject
	pass.ImportObjectFact = b.importObject
	pass.ExportPackageFact = b.exportPackage
	pass.ImportPackageFact = b.importPackage
	pass.AllObjectFacts = b.allObjects
	pass.AllPackageFacts = b.allPackages
}

// A binder holds the facts of one pass: its own, by identity, and the
// store's, shared with the passes of other packages.
type binder struct {
	a        *analysis.Analyzer
	pkg      *types.Package
	store    *Facts
	readOnly bool                                            // export to local only
	local    map[types.Object]map[reflect.Type]analysis.Fact // this pass's, by identity
	localPkg map[reflect.Type]analysis.Fact
	// The object paths of the objects asked about, found with one
	// Encoder: objectpath.For starts afresh each time, sorting the names
	// of the object's package and, for a method or field, walking all of
	// its types.
	enc   objectpath.Encoder
	paths map[types.Object]objectpath.Path
}

// keyOf returns the store's key of a fact about obj, or false for an
// object no other package can name.
func (b *binder) keyOf(obj types.Object, fact analysis.Fact) (objectKey, bool) {
	if obj == nil || obj.Pkg() == nil {
		return objectKey{}, false
	}
	path, ok := b.paths[obj]
	if !ok {
		p, err := b.enc.For(obj)
		if err != nil {
			p = "" // a local object: no other package can name it
		}
		path, b.paths[obj] = p, p
	}
	if path == "" {
		return objectKey{}, false
	}
	return objectKey{b.a.Name, obj.Pkg().Path(), path, reflect.TypeOf(fact)}, true
}

func copyInto(ptr, fact analysis.Fact) {
	reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
}

func (b *binder) exportObject(obj types.Object, fact analysis.Fact) {
	if obj.Pkg() != b.pkg {
		panic(fmt.Sprintf("analyzer %s exported a fact about %s, which is not in package %s", b.a.Name, obj, b.pkg.Path()))
	}
	if b.local[obj] == nil {
		b.local[obj] = make(map[reflect.Type]analysis.Fact)
	}
	b.local[obj][reflect.TypeOf(fact)] = fact
	if b.store == nil || b.readOnly {
		return
	}
	if k, ok := b.keyOf(obj, fact); ok {
		b.store.mu.Lock()
		b.store.objects[k] = fact
		b.store.objectsOf[[2]string{k.analyzer, k.pkg}] = true
		b.store.mu.Unlock()
	}
}

func (b *binder) importObject(obj types.Object, ptr analysis.Fact) bool {
	if f, ok := b.local[obj][reflect.TypeOf(ptr)]; ok {
		copyInto(ptr, f)
		return true
	}
	store := b.store
	if store == nil || obj == nil || obj.Pkg() == nil || b.readOnly && obj.Pkg() == b.pkg {
		return false // none, or the package's own, which only this pass says
	}
	store.mu.Lock()
	has := store.objectsOf[[2]string{b.a.Name, obj.Pkg().Path()}]
	store.mu.Unlock()
	if !has {
		return false
	}
	k, ok := b.keyOf(obj, ptr)
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

func (b *binder) exportPackage(fact analysis.Fact) {
	b.localPkg[reflect.TypeOf(fact)] = fact
	if b.store != nil && !b.readOnly {
		b.store.mu.Lock()
		b.store.packages[packageKey{b.a.Name, b.pkg.Path(), reflect.TypeOf(fact)}] = fact
		b.store.mu.Unlock()
	}
}

func (b *binder) importPackage(p *types.Package, ptr analysis.Fact) bool {
	if p == b.pkg {
		if f, ok := b.localPkg[reflect.TypeOf(ptr)]; ok {
			copyInto(ptr, f)
			return true
		}
	}
	if b.store == nil || p == nil || b.readOnly && p == b.pkg {
		return false // none, or the package's own, which only this pass says
	}
	b.store.mu.Lock()
	f, ok := b.store.packages[packageKey{b.a.Name, p.Path(), reflect.TypeOf(ptr)}]
	b.store.mu.Unlock()
	if ok {
		copyInto(ptr, f)
	}
	return ok
}

func (b *binder) allObjects() []analysis.ObjectFact {
	var out []analysis.ObjectFact
	for obj, byType := range b.local {
		for _, f := range byType {
			out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
		}
	}
	if b.store == nil {
		return out
	}
	byPath := importsByPath(b.pkg)
	b.store.mu.Lock()
	defer b.store.mu.Unlock()
	for k, f := range b.store.objects {
		p, ok := byPath[k.pkg]
		if k.analyzer != b.a.Name || !ok || p == b.pkg {
			continue // another analyzer's, or a package this one cannot see
		}
		if obj, err := objectpath.Object(p, k.path); err == nil {
			out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
		}
	}
	return out
}

func (b *binder) allPackages() []analysis.PackageFact {
	var out []analysis.PackageFact
	for _, f := range b.localPkg {
		out = append(out, analysis.PackageFact{Package: b.pkg, Fact: f})
	}
	if b.store == nil {
		return out
	}
	byPath := importsByPath(b.pkg)
	b.store.mu.Lock()
	defer b.store.mu.Unlock()
	for k, f := range b.store.packages {
		if p, ok := byPath[k.pkg]; ok && k.analyzer == b.a.Name && p != b.pkg {
			out = append(out, analysis.PackageFact{Package: p, Fact: f})
		}
	}
	return out
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
