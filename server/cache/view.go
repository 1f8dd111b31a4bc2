package cache

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gopitfalls/gopitfalls/internal/loader"
)

// A View is one build of the workspace: a go.mod (or go.work) root with
// the metadata loaded from it and its dependencies' types.
type View struct {
	c    *Cache
	Root string

	loadMu sync.Mutex // serializes go list runs
	mu     sync.Mutex
	graph  *loader.Graph
	loaded map[string]bool      // patterns loaded
	calls  map[string]*loadCall // go list runs under way
	gen    uint64               // bumped when dependencies' types change

	exports *loader.Exports
}

func newView(c *Cache, root string) *View {
	return &View{
		c: c, Root: root,
		graph:   loader.NewGraph(map[string]*loader.Metadata{}),
		loaded:  make(map[string]bool),
		calls:   make(map[string]*loadCall),
		exports: loader.NewExports(c.fset),
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
func (v *View) Graph() (*loader.Graph, uint64) {
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
	list := loader.List
	if !slices.ContainsFunc(patterns, needsTests) {
		list = loader.ListWithoutTests // the first diagnostics of a file sooner
	}
	added, _, err := list(ctx, v.Root, v.c.opts.Env, patterns...)
	if err != nil {
		return err
	}
	v.mu.Lock()
	merged := make(map[string]*loader.Metadata, len(v.graph.Packages)+len(added))
	if !replace {
		for id, m := range v.graph.Packages {
			merged[id] = m
		}
	}
	for id, m := range added {
		merged[id] = m
	}
	v.graph = loader.NewGraph(merged)
	for _, p := range patterns {
		v.loaded[p] = true
	}
	g := v.graph
	v.mu.Unlock()
	if n := v.exports.Invalidate(g); n > 0 {
		v.mu.Lock()
		v.gen++
		v.mu.Unlock()
	}
	v.c.log.Info("loaded packages", "root", v.Root, "patterns", patterns, "packages", len(added), "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// needsTests reports whether loading pattern needs the tests of the
// packages it matches: all but a non-test file's (file=x.go) do.
func needsTests(pattern string) bool {
	name, ok := strings.CutPrefix(pattern, "file=")
	return !ok || strings.HasSuffix(name, "_test.go")
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

// WorkspacePackages returns the packages of the view's own modules to
// analyse for workspace diagnostics (see [loader.Analysable]), except
// those with no Go files.
func (v *View) WorkspacePackages() []*loader.Metadata {
	g, _ := v.Graph()
	var own []*loader.Metadata
	for _, m := range g.Packages {
		if m.Module != nil && m.Module.Main {
			own = append(own, m)
		}
	}
	return slices.DeleteFunc(loader.Analysable(own), func(m *loader.Metadata) bool { return len(m.GoFiles) == 0 })
}
