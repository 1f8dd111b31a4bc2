package cache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/loader"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// An Overlay is the editor's unsaved contents of an open document.
type Overlay struct {
	URI     protocol.DocumentURI
	Path    string
	Version int32
	Content []byte
}

// A Snapshot is an immutable view of the open documents and the editor's
// settings at one moment. Everything computed from it is consistent with
// those contents; a newer snapshot supersedes it.
type Snapshot struct {
	c        *Cache
	overlays map[string]*Overlay
	settings *config.Settings
}

// Snapshot returns a snapshot of overlays (by path) and settings, which
// the caller must not change afterwards.
func (c *Cache) Snapshot(overlays map[string]*Overlay, settings *config.Settings) *Snapshot {
	return &Snapshot{c: c, overlays: overlays, settings: settings}
}

// Cache returns the snapshot's cache.
func (s *Snapshot) Cache() *Cache { return s.c }

// Overlay returns the open document at path, or nil.
func (s *Snapshot) Overlay(path string) *Overlay { return s.overlays[path] }

// Version returns the version of the open document at path. A package
// that the snapshot returns was analysed from the contents of that
// version, whichever snapshot first computed it: results are memoized by
// contents, so they say nothing of which documents were open.
func (s *Snapshot) Version(path string) (int32, bool) {
	if o := s.overlays[path]; o != nil {
		return o.Version, true
	}
	return 0, false
}

// Overlays returns the open documents.
func (s *Snapshot) Overlays() map[string]*Overlay { return s.overlays }

// ReadFile returns a file's contents: the editor's buffer for an open
// document, else the file on disk.
func (s *Snapshot) ReadFile(name string) ([]byte, error) {
	if o, ok := s.overlays[name]; ok {
		return o.Content, nil
	}
	return os.ReadFile(name)
}

// Config returns the configuration for a package in dir: the
// .gopitfalls.yaml that applies there with the editor's settings over it,
// and the error of reading the file, if any.
func (s *Snapshot) Config(dir string) (*config.Config, error) {
	cfg, err := s.c.FileConfig(dir)
	return cfg.With(s.settings), err
}

// A Package is a type-checked and analysed package.
type Package struct {
	ID, PkgPath, Name string
	Dir               string
	Fset              *token.FileSet
	Files             []*File
	OtherFiles        []string // from the go command
	IgnoredFiles      []string // from the go command
	Types             *types.Package
	Info              *types.Info
	TypeErrors        []types.Error
	Findings          []*driver.Finding
	RuleErrors        []error
	Config            *config.Config
	ConfigErr         error
	// Isolated is set for a package type-checked without its imports
	// (syntax-only mode, or a file outside any module).
	Isolated bool
	// Missing lists imports not in the loaded metadata.
	Missing []string
	// Skipped says why the package was not analysed, if it was not.
	Skipped string
	// LoadErr is why the package's metadata could not be loaded, when it
	// was analysed in isolation for that reason.
	LoadErr error

	release func()
}

// File returns the package's file called name, or nil.
func (p *Package) File(name string) *File {
	for _, f := range p.Files {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Release releases the syntax of a package that is not cached (see
// [Snapshot.AnalyzeMetadata]).
func (p *Package) Release() {
	if p.release != nil {
		p.release()
	}
}

// result is the memoized analysis of a package for one key.
type result struct {
	key  string
	done chan struct{}
	pkg  *Package
	err  error
}

// PackageFor returns the analysed package that an open file belongs to,
// loading its metadata first if need be. The result is memoized per
// package until a file, the settings or the dependencies change.
func (s *Snapshot) PackageFor(ctx context.Context, path string) (*Package, error) {
	if o := s.overlays[path]; o != nil && len(o.Content) > s.c.opts.MaxFileSize {
		return &Package{ID: path, Skipped: fmt.Sprintf("%s is larger than %d kB: not analysed", filepath.Base(path), s.c.opts.MaxFileSize>>10)}, nil
	}
	dir := filepath.Dir(path)
	if s.c.opts.SyntaxOnly {
		return s.isolated(ctx, path)
	}
	v := s.c.View(dir)
	if v == nil {
		s.c.log.Info("file outside any module: syntax-level analysis only", "file", path)
		return s.isolated(ctx, path)
	}
	g, _ := v.Graph()
	m := g.ForFile(path)
	if m == nil && !v.Loaded("file="+path) {
		if err := v.Load(ctx, false, "file="+path); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			// No go command, a broken go.mod: analyse what the syntax shows.
			s.c.log.Error("loading packages failed: syntax-level analysis only", "file", path, "error", err)
			pkg, ierr := s.isolated(ctx, path)
			if pkg != nil {
				pkg.LoadErr = err
			}
			return pkg, ierr
		}
		g, _ = v.Graph()
		m = g.ForFile(path)
	}
	var extra []string
	if m == nil {
		// A file the go command does not know (yet): new and unsaved, or
		// excluded by build constraints. Check it with its directory's
		// package of the same name, else on its own.
		if name := s.packageName(path); name != "" {
			if cands := g.InDir(dir, name); len(cands) > 0 && (strings.HasSuffix(path, "_test.go") || !slices.Contains(cands[0].IgnoredFiles, path)) {
				m, extra = cands[0], []string{path}
			}
		}
		if m == nil {
			s.c.log.Info("file in no package of the build: syntax-level analysis only", "file", path)
			return s.isolated(ctx, path)
		}
	}
	return s.analyze(ctx, v, m, extra, true, nil)
}

// packageName returns the package clause of a file, or "".
func (s *Snapshot) packageName(path string) string {
	src, err := s.ReadFile(path)
	if err != nil {
		return ""
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.PackageClauseOnly)
	if err != nil || f.Name == nil {
		return ""
	}
	return f.Name.Name
}

// AnalyzeMetadata analyses a package of v without caching it: for
// workspace diagnostics. The caller must Release the package.
//
// With facts (the workspace scan's store, which visits the packages in
// dependency order: [driver.DependencyOrder]) the package is analysed
// with the facts its dependencies exported there, and exports its own
// to it, as check does: each package once. Without, it waits for its
// dependencies' facts, computed from their sources.
func (s *Snapshot) AnalyzeMetadata(ctx context.Context, v *View, m *loader.Metadata, facts *driver.Facts) (*Package, error) {
	return s.analyze(ctx, v, m, nil, false, facts)
}

// analyze type-checks package m (with extra files) against its
// dependencies' export data and runs the rules on it.
func (s *Snapshot) analyze(ctx context.Context, v *View, m *loader.Metadata, extra []string, memo bool, scanFacts *driver.Facts) (*Package, error) {
	g, gen := v.Graph()
	names := append(slices.Clone(m.GoFiles), extra...)
	srcs, err := s.readAll(names)
	if err != nil {
		return nil, err
	}
	cfg, cfgErr := s.Config(m.Dir)
	// Rules that look across packages (paladin-init and warden-discovery
	// in main, use-before-err-check at calls of the module's methods)
	// read the dependencies' facts. The editor does not wait for them:
	// the package is analysed without them first, and again when they
	// are ready (Options.FactsReady). The workspace scan brings its own.
	var facts *driver.Facts
	factsKey := ""
	switch {
	case s.c.opts.SyntaxOnly:
	case scanFacts != nil:
		facts = scanFacts
	default:
		var start func()
		facts, factsKey, start, err = s.factsFor(ctx, v, g, gen, m, !memo)
		if err != nil {
			return nil, err
		}
		if start != nil {
			defer start() // after this analysis: the first diagnostics come first
		}
	}
	// An open package is analysed for its open files: the edit's run
	// shows their findings and no others (the workspace scan analyses
	// the package again for the rest, without a focus).
	var focus []string
	if memo {
		for _, name := range names {
			if s.overlays[name] != nil {
				focus = append(focus, name)
			}
		}
	}
	key := s.key(fmt.Sprint(m.ID, gen, len(g.Packages), factsKey, focus), cfg, names, srcs)
	compute := func(ctx context.Context) (*Package, error) {
		var files []*File
		var release func()
		pprof.Do(ctx, pprof.Labels("phase", "parse"), func(context.Context) { files, release = s.parseAll(names, srcs, memo) })
		var missing []string
		in := metadataInput(m, v.exports.Importer(g, m, &missing), facts)
		in.Reuse = memo // an open package: analysed again on the next edit
		in.Focus = focus
		in.FactsReadOnly = memo // the dependencies' store is cached: keep the buffer's facts out of it
		pkg, err := s.build(ctx, in, files, cfg, false, nil)
		if err != nil {
			release()
			return nil, err
		}
		pkg.Dir, pkg.Missing, pkg.release = m.Dir, missing, release
		pkg.ConfigErr = cfgErr
		return pkg, nil
	}
	if !memo {
		return compute(ctx)
	}
	return s.c.memo(ctx, m.ID, key, compute)
}

// isolated type-checks the package of path's directory and package name
// with no importer and runs the rules that need no types: syntax-only
// mode, and files outside any module or build.
func (s *Snapshot) isolated(ctx context.Context, path string) (*Package, error) {
	dir := filepath.Dir(path)
	name := s.packageName(path)
	test := strings.HasSuffix(path, "_test.go")
	names := []string{path}
	if name != "" {
		ents, _ := os.ReadDir(dir)
		cands := make(map[string]bool)
		for _, e := range ents {
			cands[filepath.Join(dir, e.Name())] = true
		}
		for p := range s.overlays {
			if filepath.Dir(p) == dir {
				cands[p] = true
			}
		}
		ctxt := build.Default
		ctxt.OpenFile = func(p string) (io.ReadCloser, error) {
			src, err := s.ReadFile(p)
			if err != nil {
				return nil, err
			}
			return io.NopCloser(bytes.NewReader(src)), nil
		}
		for p := range cands {
			base := filepath.Base(p)
			if p == path || !strings.HasSuffix(base, ".go") || !test && strings.HasSuffix(base, "_test.go") {
				continue // the file itself, not Go, or a test file for a non-test file
			}
			if ok, err := ctxt.MatchFile(dir, base); err != nil || !ok {
				continue // excluded by build constraints
			}
			if s.packageName(p) == name {
				names = append(names, p)
			}
		}
		slices.Sort(names[1:])
	}
	srcs, err := s.readAll(names)
	if err != nil {
		return nil, err
	}
	cfg, cfgErr := s.Config(dir)
	id := "isolated:" + dir + ":" + name
	if test {
		id += "_test"
	}
	key := s.key(id, cfg, names, srcs)
	return s.c.memo(ctx, id, key, func(ctx context.Context) (*Package, error) {
		files, release := s.parseAll(names, srcs, true)
		pkgName := name
		if pkgName == "" {
			pkgName = "p"
		}
		// No imports: the rules that need types cannot run (Broken).
		in := &driver.Input{ID: id, Path: pkgName, Name: pkgName, Importer: loader.NoImports, Broken: true}
		pkg, err := s.build(ctx, in, files, cfg, true, nil)
		if err != nil {
			release()
			return nil, err
		}
		pkg.Dir, pkg.Isolated, pkg.release = dir, true, release
		pkg.ConfigErr = cfgErr
		return pkg, nil
	})
}

// readAll reads the contents of files; a file that vanished is an error.
func (s *Snapshot) readAll(names []string) ([][]byte, error) {
	srcs := make([][]byte, len(names))
	for i, name := range names {
		src, err := s.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		srcs[i] = src
	}
	return srcs, nil
}

// key identifies an analysis: the package, the contents of its files and
// the settings that change what the rules report.
func (s *Snapshot) key(id string, cfg *config.Config, names []string, srcs [][]byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%v\x00", id, cfg.Key(), s.c.opts.SyntaxOnly)
	for i, name := range names {
		sum := sha256.Sum256(srcs[i])
		fmt.Fprintf(h, "%s\x00%x\x00", name, sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// parseAll parses files, reusing cached parses. With keep, new parses
// are cached; else the returned release function frees them.
func (s *Snapshot) parseAll(names []string, srcs [][]byte, keep bool) ([]*File, func()) {
	files := make([]*File, len(names))
	var fresh []*File
	for i, name := range names {
		files[i] = s.c.parse(name, srcs[i], keep)
		if !keep {
			s.c.mu.Lock()
			cached := s.c.files[name] == files[i]
			s.c.mu.Unlock()
			if !cached {
				fresh = append(fresh, files[i])
			}
		}
	}
	return files, func() {
		for _, f := range fresh {
			s.c.release(f)
		}
	}
}

// metadataInput returns the input of the rules for package m (its files
// still to be added), importing with imp, with the facts of the packages
// analysed before it (nil: none).
func metadataInput(m *loader.Metadata, imp types.Importer, facts *driver.Facts) *driver.Input {
	return &driver.Input{
		ID: m.ID, Path: m.PkgPath, Name: m.Name, GoVersion: m.GoVersion(), Sizes: m.Sizes, Importer: imp,
		OtherFiles: m.OtherFiles, IgnoredFiles: m.IgnoredFiles, Module: m.AnalysisModule(),
		Broken: len(m.Errors) > 0, Facts: facts,
	}
}

// build type-checks files as the package in describes (with the editor's
// buffers) and runs on it the rules that cfg selects, restricted to those
// that need no types with syntaxOnly, and to those named by only when it
// is not empty: see driver.BuildAndRun.
func (s *Snapshot) build(ctx context.Context, in *driver.Input, files []*File, cfg *config.Config, syntaxOnly bool, only []string) (*Package, error) {
	for _, f := range files {
		if f.ParseErr != nil {
			in.Broken = true
		}
		if f.AST == nil || f.Tok == nil {
			continue // not even a package clause
		}
		in.Files = append(in.Files, f.AST)
		in.Toks = append(in.Toks, f.Tok)
	}
	in.ReadFile = s.ReadFile
	in.Positions = s.c.fset
	sel := &driver.Selection{Rules: s.c.opts.Rules, Config: cfg, SyntaxOnly: syntaxOnly || s.c.opts.SyntaxOnly, Only: only}
	u, res, err := driver.BuildAndRun(ctx, in, sel, s.c.log)
	if err != nil {
		return nil, err
	}
	return &Package{
		ID: in.ID, PkgPath: in.Path, Name: in.Name, Fset: u.Fset, Files: files,
		OtherFiles: in.OtherFiles, IgnoredFiles: in.IgnoredFiles,
		Types: u.Pkg, Info: u.Info, TypeErrors: u.TypeErrors, Config: cfg,
		Findings: res.Findings, RuleErrors: res.Errors,
	}, nil
}

// memo returns the result for key of package id, computing it once; only
// the latest key of each package is kept.
func (c *Cache) memo(ctx context.Context, id, key string, compute func(context.Context) (*Package, error)) (*Package, error) {
	for {
		c.mu.Lock()
		r, ok := c.results[id]
		if ok && r.key == key {
			c.mu.Unlock()
			select {
			case <-r.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if isCancel(r.err) && ctx.Err() == nil {
				continue // the computing caller gave up; compute again
			}
			return r.pkg, r.err
		}
		r = &result{key: key, done: make(chan struct{})}
		c.results[id] = r
		c.mu.Unlock()

		r.pkg, r.err = compute(ctx)
		close(r.done)
		if r.err != nil && isCancel(r.err) {
			c.mu.Lock()
			if c.results[id] == r {
				delete(c.results, id)
			}
			c.mu.Unlock()
		}
		return r.pkg, r.err
	}
}

func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Forget drops the analyses and parsed files of packages that hold none
// of the open files: nobody looks at them any more.
func (c *Cache) Forget(open map[string]bool) {
	c.mu.Lock()
	keepFiles := make(map[string]bool)
	for id, r := range c.results {
		select {
		case <-r.done:
		default:
			continue // still computing
		}
		used := false
		if r.pkg != nil {
			for _, f := range r.pkg.Files {
				if open[f.Name] {
					used = true
					break
				}
			}
		}
		if !used {
			delete(c.results, id)
			continue
		}
		for _, f := range r.pkg.Files {
			keepFiles[f.Name] = true
		}
	}
	var drop []string
	for name := range c.files {
		if !keepFiles[name] && !open[name] {
			drop = append(drop, name)
		}
	}
	c.mu.Unlock()
	c.forget(drop)
}
