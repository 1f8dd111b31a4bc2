package loader

import (
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
)

// Exports holds the types of dependencies, read from their export data
// once each and shared by every package that imports them.
type Exports struct {
	fset *token.FileSet // positions of the objects read

	mu      sync.Mutex
	pkgs    map[string]*types.Package // by package ID; complete once read
	from    map[string]string         // package ID → the export file its types were read from
	reading map[string]*reading       // reads under way, by package ID
	// partial is held by a read whose view holds incomplete packages
	// (dependencies that could not be read), which reading fills in.
	partial sync.Mutex
	sem     chan struct{} // bounds the reads decoding at once
}

// A reading is a read of a package's export data under way.
type reading struct {
	done chan struct{}
	p    *types.Package
	err  error
}

// NewExports returns an empty cache that records the positions of the
// objects it reads in fset.
func NewExports(fset *token.FileSet) *Exports {
	return &Exports{fset: fset, pkgs: make(map[string]*types.Package), from: make(map[string]string),
		reading: make(map[string]*reading), sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
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
// Dependencies that do not import one another are read at the same
// time, GOMAXPROCS at once: a large module's first package to check
// imports hundreds.
func (e *Exports) Types(g *Graph, id string) (*types.Package, error) {
	return e.read(g, id, nil)
}

// An ancestry is the chain of packages whose reads wait for this one.
type ancestry struct {
	id string
	up *ancestry
}

func (a *ancestry) has(id string) bool {
	for ; a != nil; a = a.up {
		if a.id == id {
			return true
		}
	}
	return false
}

// read returns package id, reading it (after its dependencies, which it
// reads in parallel) or waiting for the read under way.
func (e *Exports) read(g *Graph, id string, up *ancestry) (*types.Package, error) {
	if up.has(id) {
		return nil, fmt.Errorf("import cycle through %s", id)
	}
	e.mu.Lock()
	if p, ok := e.pkgs[id]; ok && p.Complete() {
		e.mu.Unlock()
		return p, nil
	}
	if r, ok := e.reading[id]; ok {
		e.mu.Unlock()
		<-r.done
		return r.p, r.err
	}
	r := &reading{done: make(chan struct{})}
	e.reading[id] = r
	e.mu.Unlock()

	r.p, r.err = e.readAfterDeps(g, id, &ancestry{id, up})
	e.mu.Lock()
	delete(e.reading, id)
	e.mu.Unlock()
	close(r.done)
	return r.p, r.err
}

// readAfterDeps reads the dependencies of package id, then id.
func (e *Exports) readAfterDeps(g *Graph, id string, up *ancestry) (*types.Package, error) {
	m := g.Packages[id]
	if m == nil {
		return nil, fmt.Errorf("no metadata for %s", id)
	}
	var wg sync.WaitGroup
	for _, dep := range m.Imports {
		e.mu.Lock()
		p, ok := e.pkgs[dep]
		e.mu.Unlock()
		if ok && p.Complete() {
			continue // read before
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// An error here is the dependency's own: reading id reports
			// what it needs of it.
			_, _ = e.read(g, dep, up)
		}()
	}
	wg.Wait()
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
	// (incomplete) packages for those that could not be read, as
	// go/packages does: export data may fill them in part.
	e.mu.Lock()
	view := make(map[string]*types.Package)
	partial := false
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
		switch {
		case !ok && id == m.ID:
			p = types.NewPackage(d.PkgPath, d.Name) // this read's own
		case !ok:
			p = types.NewPackage(d.PkgPath, d.Name)
			e.pkgs[id] = p
			e.from[id] = d.ExportFile
			partial = true
		case !p.Complete():
			partial = true // shared, and filled in by whoever reads it
		}
		view[d.PkgPath] = p
		for _, dep := range d.Imports {
			visit(dep)
		}
	}
	visit(id)
	e.mu.Unlock()
	if partial {
		e.partial.Lock()
		defer e.partial.Unlock()
	}
	f, err := os.Open(m.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	e.sem <- struct{}{}
	defer func() { <-e.sem }()
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
	e.mu.Lock()
	e.pkgs[id] = p
	e.from[id] = m.ExportFile
	e.mu.Unlock()
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
