package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/loader"
	"github.com/gopitfalls/gopitfalls/rules/all"
)

// factRules are the IDs of the rules that follow the program across
// packages through analysis facts (paladin-init, warden-discovery). They
// report only in main packages, from what the packages main imports
// exported.
var factRules = func() []string {
	var ids []string
	for _, r := range all.Rules {
		if len(r.Analyzer.FactTypes) > 0 {
			ids = append(ids, r.ID)
		}
	}
	return ids
}()

// depFacts is the memoized fact store of a main package's dependencies.
type depFacts struct {
	key   string
	facts *driver.Facts
}

// factCache holds depFacts by main package ID.
type factCache struct {
	mu sync.Mutex
	m  map[string]*depFacts
}

// factsFor returns the facts that main package m's dependencies in the
// workspace's main module export, computing them when one of those
// packages changed: each is parsed (with the open buffers), type-checked
// against export data and analysed by the fact rules alone, in
// dependency order. Packages outside the main module give no facts; the
// rules judge them by their imports.
func (s *Snapshot) factsFor(ctx context.Context, v *View, g *loader.Graph, m *loader.Metadata) (*driver.Facts, error) {
	deps := mainModuleDeps(g, m)
	if len(deps) == 0 || len(factRules) == 0 {
		return driver.NewFacts(), nil
	}
	// The key covers every dependency's files and configuration.
	h := sha256.New()
	srcs := make([][][]byte, len(deps))
	for i, d := range deps {
		b, err := s.readAll(d.GoFiles)
		if err != nil {
			return nil, err
		}
		srcs[i] = b
		cfg, _ := s.Config(d.Dir)
		fmt.Fprintf(h, "%s\x00%s\x00", d.ID, s.key(d.ID, cfg, d.GoFiles, b))
	}
	key := hex.EncodeToString(h.Sum(nil))
	fc := &s.c.facts
	fc.mu.Lock()
	if e, ok := fc.m[m.ID]; ok && e.key == key {
		fc.mu.Unlock()
		return e.facts, nil
	}
	fc.mu.Unlock()

	facts := driver.NewFacts()
	for i, d := range deps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		files, release := s.parseAll(d.GoFiles, srcs[i], false)
		pkg := s.typeCheck(d.PkgPath, d.Name, files, v.exports.Importer(g, d, nil), d.Sizes, d.GoVersion())
		pkg.ID = d.ID
		pkg.Config, pkg.ConfigErr = s.Config(d.Dir)
		err := s.runRules(ctx, pkg, d.Sizes, d.AnalysisModule(), len(d.Errors) > 0, false, facts, factRules)
		release()
		if err != nil {
			return nil, err
		}
	}
	fc.mu.Lock()
	if fc.m == nil {
		fc.m = make(map[string]*depFacts)
	}
	fc.m[m.ID] = &depFacts{key: key, facts: facts}
	fc.mu.Unlock()
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
