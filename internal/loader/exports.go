package loader

import (
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
)

// Exports holds the types of dependencies, read from their export data
// once each and shared by every package that imports them.
type Exports struct {
	fset *token.FileSet // positions of the objects read

	mu   sync.Mutex
	pkgs map[string]*types.Package // by package ID; complete once read
	from map[string]string         // package ID → the export file its types were read from
}

// NewExports returns an empty cache that records the positions of the
// objects it reads in fset.
func NewExports(fset *token.FileSet) *Exports {
	return &Exports{fset: fset, pkgs: make(map[string]*types.Package), from: make(map[string]string)}
}

// Importer returns the types.Importer of package m of g: its imports by
// the IDs its metadata maps them to, read from export data. An import
// that m's metadata does not have (added in an editor since it was
// loaded) is resolved by path to a package of g that is not a test
// variant; one that g does not have either is appended to missing.
func (e *Exports) Importer(g *Graph, m *Metadata, missing *[]string) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		id, ok := m.Imports[path]
		if !ok {
			for _, cand := range g.byPath[path] {
				if !g.Packages[cand].IsTestVariant() {
					id, ok = cand, true
					break
				}
			}
		}
		if !ok {
			if missing != nil {
				*missing = append(*missing, path)
			}
			return nil, fmt.Errorf("package %s is not loaded yet", path)
		}
		return e.Types(g, id)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// NoImports is the importer of a package checked in isolation: only
// "unsafe" resolves.
var NoImports types.Importer = importerFunc(func(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	return nil, fmt.Errorf("imports are not resolved in syntax-level analysis")
})

// Types returns the types of package id of g, read from its export data
// once.
//
// A package's dependencies are read before it, so that reading a
// package never fills in a package that was handed out before (as
// reading export data does to the incomplete packages it creates for
// dependencies not read yet): once returned, a package's types do not
// change, and concurrent type-checks and rules may read them freely.
func (e *Exports) Types(g *Graph, id string) (*types.Package, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.typesLocked(g, id, make(map[string]bool))
}

func (e *Exports) typesLocked(g *Graph, id string, visiting map[string]bool) (*types.Package, error) {
	if p, ok := e.pkgs[id]; ok && p.Complete() {
		return p, nil
	}
	if visiting[id] {
		return nil, fmt.Errorf("import cycle through %s", id)
	}
	visiting[id] = true
	if m := g.Packages[id]; m != nil {
		for _, dep := range m.Imports {
			// An error here is the dependency's own: reading id reports
			// what it needs of it.
			_, _ = e.typesLocked(g, dep, visiting)
		}
	}
	m := g.Packages[id]
	if m == nil {
		return nil, fmt.Errorf("no metadata for %s", id)
	}
	if m.ExportFile == "" {
		if len(m.Errors) > 0 { // the go command's reason
			msg := strings.TrimSpace(m.Errors[0].Msg)
			if strings.HasPrefix(msg, "# ") { // "# pkg" and the compiler's errors: the first
				_, msg, _ = strings.Cut(msg, "\n")
				msg, _, _ = strings.Cut(msg, "\n")
			}
			return nil, errors.New(msg)
		}
		return nil, fmt.Errorf("no export data for %s (it may not compile)", m.PkgPath)
	}
	// gcexportdata identifies packages by path; build the path-keyed view
	// of the ID-keyed cache that covers m's transitive imports, creating
	// (incomplete) packages for those not read yet, as go/packages does.
	view := make(map[string]*types.Package)
	seen := make(map[string]bool)
	var visit func(id string)
	visit = func(id string) {
		if seen[id] {
			return
		}
		seen[id] = true
		d := g.Packages[id]
		if d == nil {
			return
		}
		p, ok := e.pkgs[id]
		if !ok {
			p = types.NewPackage(d.PkgPath, d.Name)
			e.pkgs[id] = p
			e.from[id] = d.ExportFile // export data may fill it in part
		}
		view[d.PkgPath] = p
		for _, dep := range d.Imports {
			visit(dep)
		}
	}
	visit(id)
	f, err := os.Open(m.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// go list -export names compiler archives, which NewReader unwraps
	// (as go/packages does).
	r, err := gcexportdata.NewReader(f) //lint:ignore SA1019 go list -export gives archives
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", m.ExportFile, err)
	}
	p, err := gcexportdata.Read(r, e.fset, view, m.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", m.PkgPath, err)
	}
	e.pkgs[id] = p
	e.from[id] = m.ExportFile
	return p, nil
}

// Put records the types of package id, checked from source, for the
// packages that import it: they are not read from export data then. A
// package whose check panicked (incomplete) is not recorded.
func (e *Exports) Put(id string, p *types.Package) {
	if !p.Complete() {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pkgs[id] = p
	e.from[id] = ""
}

// Invalidate drops the types of packages whose export data changed in g,
// and of every package that depends on them, since their types refer to
// the old ones. It returns how many it dropped.
func (e *Exports) Invalidate(g *Graph) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	changed := make(map[string]bool)
	for id, file := range e.from {
		if m, ok := g.Packages[id]; !ok || m.ExportFile != file {
			changed[id] = true
		}
	}
	if len(changed) == 0 {
		return 0
	}
	// Everything that imports a changed package, transitively.
	for grew := true; grew; {
		grew = false
		for id, m := range g.Packages {
			if changed[id] {
				continue
			}
			for _, dep := range m.Imports {
				if changed[dep] {
					changed[id] = true
					grew = true
					break
				}
			}
		}
	}
	n := 0
	for id := range changed {
		if _, ok := e.pkgs[id]; ok {
			n++
		}
		delete(e.pkgs, id)
		delete(e.from, id)
	}
	return n
}
