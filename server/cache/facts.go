package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/loader"
)

// factRules returns the IDs of the rules of c that look across packages
// through analysis facts (of the registry's: paladin-init,
// warden-discovery, use-before-err-check, unhandled-error,
// typed-nil-error).
func (c *Cache) factRules() []string {
	var ids []string
	for _, r := range c.opts.Rules {
		if len(r.Analyzer.FactTypes) > 0 {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// factCache holds, by package ID, the facts of a package's dependencies
// in the main module, and the computations under way.
type factCache struct {
	mu      sync.Mutex
	done    map[string]*depFacts
	running map[string]*depFacts
}

// depFacts is the fact store of a package's dependencies for one key.
type depFacts struct {
	key    string
	facts  *driver.Facts
	cancel context.CancelFunc
}

// depFactsKey identifies the state the dependencies' facts are computed
// from: the metadata graph's generation (files on disk change it, as
// they reload the graph), the open buffers among the dependencies' files
// and their configuration. It reads no file.
func (s *Snapshot) depFactsKey(gen uint64, deps []*loader.Metadata) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00", gen)
	for _, d := range deps {
		cfg, _ := s.Config(d.Dir)
		fmt.Fprintf(h, "%s\x00%s\x00", d.ID, cfg.Key())
		for _, name := range d.GoFiles {
			if o := s.overlays[name]; o != nil {
				sum := sha256.Sum256(o.Content)
				fmt.Fprintf(h, "%s\x00%x\x00", name, sum)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// factsFor returns the facts that package m's dependencies in the
// workspace's main module export, and the key they were computed for
// ("" when there are none to wait for). When they are not computed yet
// and wait is false, it returns nil with the key "pending" and a start
// function that computes them in the background: the caller analyses
// without them now and calls start after, so that the first diagnostics
// do not share the processor with the facts; Options.FactsReady
// announces them. start is nil when there is nothing to start.
func (s *Snapshot) factsFor(ctx context.Context, v *View, g *loader.Graph, gen uint64, m *loader.Metadata, wait bool) (facts *driver.Facts, key string, start func(), err error) {
	deps := mainModuleDeps(g, m)
	if len(deps) == 0 || len(s.c.factRules()) == 0 {
		return nil, "", nil, nil
	}
	key = s.depFactsKey(gen, deps)
	fc := &s.c.facts
	fc.mu.Lock()
	if e, ok := fc.done[m.ID]; ok && e.key == key {
		fc.mu.Unlock()
		return e.facts, key, nil, nil
	}
	if wait {
		fc.mu.Unlock()
		facts, err := s.computeFacts(ctx, v, g, deps)
		if err != nil {
			return nil, "", nil, err
		}
		s.storeFacts(m.ID, key, facts)
		return facts, key, nil, nil
	}
	if r, ok := fc.running[m.ID]; ok && r.key == key {
		fc.mu.Unlock()
		return nil, "pending", nil, nil
	}
	if r, ok := fc.running[m.ID]; ok {
		r.cancel() // for an older state of the dependencies
	}
	bg, cancel := context.WithCancel(context.Background())
	if fc.running == nil {
		fc.running = make(map[string]*depFacts)
	}
	run := &depFacts{key: key, cancel: cancel}
	fc.running[m.ID] = run
	fc.mu.Unlock()
	start = func() { go s.computeInBackground(bg, cancel, run, v, g, m, deps) }
	return nil, "pending", start, nil
}

// computeInBackground computes the facts of m's dependencies for a run
// that factsFor registered, stores them and announces them.
func (s *Snapshot) computeInBackground(bg context.Context, cancel context.CancelFunc, run *depFacts, v *View, g *loader.Graph, m *loader.Metadata, deps []*loader.Metadata) {
	defer cancel()
	fc := &s.c.facts
	began := time.Now()
	var facts *driver.Facts
	var err error
	pprof.Do(bg, pprof.Labels("task", "facts"), func(ctx context.Context) { facts, err = s.computeFacts(ctx, v, g, deps) })
	fc.mu.Lock()
	if fc.running[m.ID] == run {
		delete(fc.running, m.ID)
	}
	fc.mu.Unlock()
	if err != nil {
		if bg.Err() == nil {
			s.c.log.Error("dependency facts", "package", m.ID, "error", err)
		}
		return
	}
	s.storeFacts(m.ID, run.key, facts)
	s.c.log.Debug("dependency facts", "package", m.ID, "dependencies", len(deps), "duration", time.Since(began).Round(time.Millisecond))
	if s.c.opts.FactsReady != nil {
		s.c.opts.FactsReady(m.ID)
	}
}

func (s *Snapshot) storeFacts(id, key string, facts *driver.Facts) {
	fc := &s.c.facts
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.done == nil {
		fc.done = make(map[string]*depFacts)
	}
	fc.done[id] = &depFacts{key: key, facts: facts}
}

// computeFacts parses each dependency (with the open buffers),
// type-checks it against export data and runs the fact rules alone on
// it, in dependency order, into one fact store.
func (s *Snapshot) computeFacts(ctx context.Context, v *View, g *loader.Graph, deps []*loader.Metadata) (*driver.Facts, error) {
	facts := driver.NewFacts()
	for _, d := range deps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		srcs, err := s.readAll(d.GoFiles)
		if err != nil {
			return nil, err
		}
		files, release := s.parseAll(d.GoFiles, srcs, false)
		cfg, _ := s.Config(d.Dir)
		in := metadataInput(d, v.exports.Importer(g, d, nil), facts)
		in.Focus = []string{} // its facts, and no findings
		_, err = s.build(ctx, in, files, cfg, false, s.c.factRules())
		release()
		if err != nil {
			return nil, err
		}
	}
	return facts, nil
}

// mainModuleDeps returns the packages of the main module that m imports,
// directly or not, in dependency order (each after those it imports).
func mainModuleDeps(g *loader.Graph, m *loader.Metadata) []*loader.Metadata {
	var order []*loader.Metadata
	seen := map[string]bool{m.ID: true}
	var visit func(x *loader.Metadata)
	visit = func(x *loader.Metadata) {
		paths := make([]string, 0, len(x.Imports))
		for path := range x.Imports {
			paths = append(paths, path)
		}
		slices.Sort(paths) // deterministic
		for _, path := range paths {
			id := x.Imports[path]
			d, ok := g.Packages[id]
			if !ok || seen[id] || d.Module == nil || !d.Module.Main || len(d.GoFiles) == 0 {
				continue // outside the main module, or done
			}
			seen[id] = true
			visit(d)
			order = append(order, d)
		}
	}
	visit(m)
	return order
}
