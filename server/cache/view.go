package cache

import (
	"context"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// metaMode is what the server asks go/packages for: names, files, the
// import graph and each package's export data file. No syntax and no
// types: the server parses and type-checks the packages it analyses
// itself, and reads their dependencies' types from export data.
const metaMode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps |
	packages.NeedExportFile | packages.NeedModule | packages.NeedTypesSizes

// Metadata describes one package (variant) as the go command sees it.
type Metadata struct {
	ID, PkgPath, Name string
	Dir               string
	GoFiles           []string
	OtherFiles        []string
	IgnoredFiles      []string
	Imports           map[string]string // import path → package ID
	ExportFile        string
	ForTest           string
	Module            *packages.Module
	Sizes             types.Sizes
	Errors            []packages.Error
}

// IsTestVariant reports whether m is a package compiled for a test.
func (m *Metadata) IsTestVariant() bool { return m.ForTest != "" }

// A Graph is an immutable set of package metadata.
type Graph struct {
	Packages map[string]*Metadata // by ID
	byFile   map[string][]string  // file name → IDs
	byPath   map[string][]string  // package path → IDs
	byDir    map[string][]string  // directory → IDs
}

func newGraph(pkgs map[string]*Metadata) *Graph {
	g := &Graph{Packages: pkgs, byFile: map[string][]string{}, byPath: map[string][]string{}, byDir: map[string][]string{}}
	for id, m := range pkgs {
		for _, f := range m.GoFiles {
			g.byFile[f] = append(g.byFile[f], id)
		}
		g.byPath[m.PkgPath] = append(g.byPath[m.PkgPath], id)
		if m.Dir != "" {
			g.byDir[m.Dir] = append(g.byDir[m.Dir], id)
		}
	}
	for _, m := range []map[string][]string{g.byFile, g.byPath, g.byDir} {
		for _, ids := range m {
			slices.SortFunc(ids, compareVariants)
		}
	}
	return g
}

// compareVariants orders the variants of a package: the plain package
// first, then test variants (which are larger and slower to check).
func compareVariants(a, b string) int {
	ta, tb := strings.Contains(a, " ["), strings.Contains(b, " [")
	switch {
	case ta != tb && !ta:
		return -1
	case ta != tb:
		return 1
	}
	return strings.Compare(a, b)
}

// ForFile returns the package to analyse file in: the smallest variant
// that holds it (the plain package for a non-test file).
func (g *Graph) ForFile(file string) *Metadata {
	for _, id := range g.byFile[file] {
		if m := g.Packages[id]; !strings.HasSuffix(m.ID, ".test") {
			return m
		}
	}
	return nil
}

// InDir returns the packages of dir named name, plain variants first.
func (g *Graph) InDir(dir, name string) []*Metadata {
	var out []*Metadata
	for _, id := range g.byDir[dir] {
		if m := g.Packages[id]; m.Name == name && !strings.HasSuffix(m.ID, ".test") {
			out = append(out, m)
		}
	}
	return out
}

// A View is one build of the workspace: a go.mod (or go.work) root with
// the metadata loaded from it and its dependencies' types.
type View struct {
	c    *Cache
	Root string

	loadMu sync.Mutex // serializes go list runs
	mu     sync.Mutex
	graph  *Graph
	loaded map[string]bool      // patterns loaded
	calls  map[string]*loadCall // go list runs under way
	gen    uint64               // bumped when dependencies' types change

	exportMu sync.Mutex
	exports  map[string]*types.Package // by package ID; complete once read
	from     map[string]string         // package ID → the export file its types were read from
}

func newView(c *Cache, root string) *View {
	return &View{
		c: c, Root: root,
		graph:   newGraph(map[string]*Metadata{}),
		loaded:  make(map[string]bool),
		calls:   make(map[string]*loadCall),
		exports: make(map[string]*types.Package),
		from:    make(map[string]string),
	}
}

// View returns the view whose root governs dir, creating it, or nil for
// a directory outside any module.
func (c *Cache) View(dir string) *View {
	root := ModuleRoot(dir)
	if root == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.views[root]
	if !ok {
		v = newView(c, root)
		c.views[root] = v
	}
	return v
}

// Views returns the views created so far.
func (c *Cache) Views() []*View {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*View
	for _, v := range c.views {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b *View) int { return strings.Compare(a.Root, b.Root) })
	return out
}

// Graph returns the current metadata and the generation of the
// dependencies' types.
func (v *View) Graph() (*Graph, uint64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.graph, v.gen
}

// Loaded reports whether pattern was loaded.
func (v *View) Loaded(pattern string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.loaded[pattern]
}

// loadTimeout bounds one run of go list (a cold build cache of a large
// workspace takes minutes).
const loadTimeout = 10 * time.Minute

// A loadCall is a go list run that callers share.
type loadCall struct {
	done chan struct{}
	err  error
}

// Load runs go list for patterns (and their dependencies, compiling their
// export data) and merges the result into the view's metadata. Patterns
// loaded before are skipped unless force is set.
//
// The go command runs on its own, shared by every caller that asks for
// the same patterns meanwhile: a caller whose ctx ends (an edit cancelled
// the analysis that needed it) stops waiting, but the load goes on, so
// that typing while a package loads does not restart the load forever.
func (v *View) Load(ctx context.Context, force bool, patterns ...string) error {
	key := fmt.Sprint(force, patterns)
	v.mu.Lock()
	call, ok := v.calls[key]
	if !ok {
		call = &loadCall{done: make(chan struct{})}
		v.calls[key] = call
		go func() {
			lctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
			defer cancel()
			call.err = v.load(lctx, force, false, patterns)
			v.mu.Lock()
			delete(v.calls, key)
			v.mu.Unlock()
			close(call.done)
		}()
	}
	v.mu.Unlock()
	select {
	case <-call.done:
		return call.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (v *View) load(ctx context.Context, force, replace bool, patterns []string) error {
	v.loadMu.Lock()
	defer v.loadMu.Unlock()
	if !force {
		patterns = slices.DeleteFunc(slices.Clone(patterns), v.Loaded)
		if len(patterns) == 0 {
			return nil
		}
	}
	start := time.Now()
	cfg := &packages.Config{
		Context: ctx,
		Mode:    metaMode,
		Dir:     v.Root,
		Env:     v.c.opts.Env,
		Tests:   true,
		Logf:    nil,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return fmt.Errorf("loading packages %s: %w", strings.Join(patterns, " "), err)
	}
	added := make(map[string]*Metadata)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		m := &Metadata{
			ID: p.ID, PkgPath: p.PkgPath, Name: p.Name,
			GoFiles: p.GoFiles, OtherFiles: p.OtherFiles, IgnoredFiles: p.IgnoredFiles,
			Imports:    make(map[string]string, len(p.Imports)),
			ExportFile: p.ExportFile, ForTest: p.ForTest, Module: p.Module,
			Sizes: p.TypesSizes, Errors: p.Errors,
		}
		if len(p.GoFiles) > 0 {
			m.Dir = filepath.Dir(p.GoFiles[0])
		}
		for path, imp := range p.Imports {
			m.Imports[path] = imp.ID
		}
		added[p.ID] = m
	})
	v.mu.Lock()
	merged := make(map[string]*Metadata, len(v.graph.Packages)+len(added))
	if !replace {
		for id, m := range v.graph.Packages {
			merged[id] = m
		}
	}
	for id, m := range added {
		merged[id] = m
	}
	v.graph = newGraph(merged)
	for _, p := range patterns {
		v.loaded[p] = true
	}
	g := v.graph
	v.mu.Unlock()
	if n := v.invalidateExports(g); n > 0 {
		v.mu.Lock()
		v.gen++
		v.mu.Unlock()
	}
	v.c.log.Info("loaded packages", "root", v.Root, "patterns", patterns, "packages", len(added), "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// Reload loads every pattern loaded so far again: after go.mod, go.work
// or a saved file changed the build.
func (v *View) Reload(ctx context.Context) error {
	v.mu.Lock()
	patterns := make([]string, 0, len(v.loaded))
	for p := range v.loaded {
		patterns = append(patterns, p)
	}
	v.mu.Unlock()
	slices.Sort(patterns)
	if len(patterns) == 0 {
		return nil
	}
	return v.load(ctx, true, true, patterns) // replace: drop deleted packages
}

// invalidateExports drops the types of packages whose export data
// changed in g, and of every package that depends on them, since their
// types refer to the old ones. It returns how many it dropped.
func (v *View) invalidateExports(g *Graph) int {
	v.exportMu.Lock()
	defer v.exportMu.Unlock()
	changed := make(map[string]bool)
	for id, file := range v.from {
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
		if _, ok := v.exports[id]; ok {
			n++
		}
		delete(v.exports, id)
		delete(v.from, id)
	}
	return n
}

// importer returns the types.Importer a package of g uses: its imports
// by the IDs its metadata maps them to, read from export data.
func (v *View) importer(g *Graph, m *Metadata, missing *[]string) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		id, ok := m.Imports[path]
		if !ok {
			// An import added in the editor since the metadata was loaded.
			for _, cand := range g.byPath[path] {
				if !g.Packages[cand].IsTestVariant() {
					id, ok = cand, true
					break
				}
			}
		}
		if !ok {
			*missing = append(*missing, path)
			return nil, fmt.Errorf("package %s is not loaded yet", path)
		}
		return v.exportTypes(g, id)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// exportTypes returns the types of package id, read from its export data
// once and shared by every package that imports it.
func (v *View) exportTypes(g *Graph, id string) (*types.Package, error) {
	v.exportMu.Lock()
	defer v.exportMu.Unlock()
	if p, ok := v.exports[id]; ok && p.Complete() {
		return p, nil
	}
	m := g.Packages[id]
	if m == nil {
		return nil, fmt.Errorf("no metadata for %s", id)
	}
	if m.ExportFile == "" {
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
		p, ok := v.exports[id]
		if !ok {
			p = types.NewPackage(d.PkgPath, d.Name)
			v.exports[id] = p
			v.from[id] = d.ExportFile // export data may fill it in part
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
	p, err := gcexportdata.Read(r, v.c.fset, view, m.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", m.PkgPath, err)
	}
	v.exports[id] = p
	v.from[id] = m.ExportFile
	return p, nil
}

// WorkspacePackages returns the packages of the view's own modules to
// analyse for workspace diagnostics: each package once, in the variant
// that holds all its files (the test variant, where there is one), and
// external test packages.
func (v *View) WorkspacePackages() []*Metadata {
	g, _ := v.Graph()
	hasTestVariant := make(map[string]bool)
	for _, m := range g.Packages {
		if m.ForTest != "" && m.PkgPath == m.ForTest {
			hasTestVariant[m.PkgPath] = true
		}
	}
	var out []*Metadata
	for _, m := range g.Packages {
		switch {
		case m.Module == nil || !m.Module.Main:
			continue // a dependency
		case strings.HasSuffix(m.ID, ".test"):
			continue // a generated test main
		case m.ForTest == "" && hasTestVariant[m.PkgPath]:
			continue // analysed in its test variant
		case len(m.GoFiles) == 0:
			continue // nothing to analyse
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b *Metadata) int { return strings.Compare(a.ID, b.ID) })
	return out
}
