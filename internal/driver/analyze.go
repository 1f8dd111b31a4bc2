package driver

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/gopitfalls/gopitfalls/internal/loader"
	"golang.org/x/sync/errgroup"
	"golang.org/x/tools/go/packages"
)

// Options say what Analyze analyses and how.
type Options struct {
	Dir      string   // where the go command runs
	Env      []string // its environment (nil: the process's)
	Patterns []string // package patterns, as go vet takes them
	// Selection returns the rules to run on a package in dir (required).
	// An error (a bad configuration file) is reported as the package's
	// error and the package is not analysed.
	Selection func(dir string) (*Selection, error)
	Log       *slog.Logger
}

// A PackageError says why a package failed to load, parse or type-check.
type PackageError struct {
	Pos string // file:line:col, or "" when it has none
	Msg string
}

func (e PackageError) Error() string {
	if e.Pos == "" {
		return e.Msg
	}
	return e.Pos + ": " + e.Msg
}

// ErrNoPackages is the error of Analyze when no package matches (a
// *NoPackagesError, with the go command's reason).
var ErrNoPackages = errors.New("no packages match")

// Analyze runs the selected rules on the packages matching the patterns,
// with their tests: a package is analysed in its test variant where it
// has one, generated test mains are not. It returns the findings,
// deduplicated and sorted by position, and the errors of the packages
// that failed to load, parse or type-check (which are analysed all the
// same, as far as they go).
//
// It loads the packages' metadata once, and their dependencies' types
// from the export data the go command compiles (for the dependencies
// only: the compiler never runs on a package analysed here, see
// loader.ListDeps), then parses, type-checks and analyses the packages
// GOMAXPROCS at a time, letting each one's syntax, Info and the rules'
// intermediate results go once it is done: memory holds a few packages,
// the dependencies' types (those of analysed packages that others import
// among them) and the findings.
func Analyze(ctx context.Context, opts *Options) (*Result, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Selection == nil {
		return nil, errors.New("driver.Analyze: no Options.Selection")
	}
	start := time.Now()
	pkgs, ids, err := loader.ListDeps(ctx, opts.Dir, opts.Env, opts.Patterns...)
	if err != nil {
		return nil, listFailed(ctx, opts.Dir, opts.Env, opts.Patterns, err)
	}
	g := loader.NewGraph(pkgs)
	var matched []*loader.Metadata
	for _, id := range ids {
		matched = append(matched, g.Packages[id])
	}
	roots := loader.Analysable(matched)
	if len(roots) == 0 {
		return nil, noPackages(ctx, opts.Dir, opts.Env, opts.Patterns)
	}
	log.Debug("loaded metadata", "packages", len(pkgs), "roots", len(roots), "duration", time.Since(start).Round(time.Millisecond))

	fset := token.NewFileSet() // positions of every parsed file and imported object
	a := &stream{g: g, fset: fset, exports: loader.NewExports(fset), facts: NewFacts(), opts: opts, log: log, imported: importedRoots(roots)}
	results := make([]*Result, len(roots))
	order, deps := dependencyOrder(roots)
	index := make(map[*loader.Metadata]int, len(roots))
	done := make(map[*loader.Metadata]chan struct{}, len(roots))
	for i, m := range roots {
		index[m] = i
		done[m] = make(chan struct{})
	}
	eg, ctx := errgroup.WithContext(ctx)
	eg.SetLimit(runtime.GOMAXPROCS(0))
	for _, m := range order {
		eg.Go(func() error {
			defer close(done[m])
			// A package's dependencies among the roots are analysed first,
			// for their facts. Each was started before m (order is
			// topological), so this wait cannot starve the pool.
			for _, d := range deps[m] {
				select {
				case <-done[d]:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			res, err := a.analyze(ctx, m)
			results[index[m]] = res
			return err
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	out := &Result{Broken: make(map[string]bool)}
	seen := make(map[string]bool)
	seenErr := make(map[PackageError]bool)
	for _, res := range results {
		for f := range res.Broken {
			out.Broken[f] = true
		}
		out.Errors = append(out.Errors, res.Errors...)
		for _, e := range res.PackageErrors {
			if !seenErr[e] { // not reported by another variant of the package
				seenErr[e] = true
				out.PackageErrors = append(out.PackageErrors, e)
			}
		}
		for _, f := range res.Findings {
			start, _ := f.Posn()
			key := fmt.Sprintf("%s\x00%s:%d:%d\x00%s", f.Rule.ID, start.Filename, start.Line, start.Column, f.Diag.Message)
			if seen[key] {
				continue // the same file analysed in two variants of a package
			}
			seen[key] = true
			out.Findings = append(out.Findings, f)
		}
	}
	SortFindings(out.Findings)
	log.Debug("analysed packages", "packages", len(roots), "findings", len(out.Findings), "duration", time.Since(start).Round(time.Millisecond))
	return out, nil
}

// A stream is one run of Analyze.
type stream struct {
	g       *loader.Graph
	fset    *token.FileSet
	exports *loader.Exports
	facts   *Facts
	opts    *Options
	log     *slog.Logger
	// imported holds the roots that other roots import: their types,
	// checked from source, are kept for them (loader.ListDeps).
	imported map[string]bool
}

// importedRoots returns the IDs of the roots that other roots import.
func importedRoots(roots []*loader.Metadata) map[string]bool {
	ids := make(map[string]bool, len(roots))
	for _, m := range roots {
		ids[m.ID] = true
	}
	imported := make(map[string]bool)
	for _, m := range roots {
		for _, dep := range m.Imports {
			if ids[dep] {
				imported[dep] = true
			}
		}
	}
	return imported
}

// DependencyOrder returns pkgs in an order where each comes after those
// of them it imports (see [loader.Analysable] for test variants): the
// order in which facts flow from a package to its importers.
func DependencyOrder(pkgs []*loader.Metadata) []*loader.Metadata {
	order, _ := dependencyOrder(pkgs)
	return order
}

// dependencyOrder returns the packages to analyse in an order where each
// comes after those of them it imports, and those dependencies. An import
// of a package analysed only in its test variant (loader.Analysable)
// depends on that variant. Import cycles through test variants are
// broken.
func dependencyOrder(pkgs []*loader.Metadata) ([]*loader.Metadata, map[*loader.Metadata][]*loader.Metadata) {
	byID := make(map[string]*loader.Metadata)
	testOf := make(map[string]*loader.Metadata) // package path → its "p [p.test]" variant
	for _, m := range pkgs {
		byID[m.ID] = m
		if m.ForTest != "" && m.PkgPath == m.ForTest {
			testOf[m.PkgPath] = m
		}
	}
	deps := make(map[*loader.Metadata][]*loader.Metadata)
	for _, m := range pkgs {
		paths := make([]string, 0, len(m.Imports))
		for path := range m.Imports {
			paths = append(paths, path)
		}
		slices.Sort(paths) // deterministic
		for _, path := range paths {
			d, ok := byID[m.Imports[path]]
			if !ok {
				d, ok = testOf[path]
			}
			if ok && d != m && !slices.Contains(deps[m], d) {
				deps[m] = append(deps[m], d)
			}
		}
	}
	var order []*loader.Metadata
	state := make(map[*loader.Metadata]int) // 1 visiting, 2 done
	var visit func(m *loader.Metadata)
	visit = func(m *loader.Metadata) {
		state[m] = 1
		var kept []*loader.Metadata
		for _, d := range deps[m] {
			switch state[d] {
			case 1:
				continue // a cycle: do not wait for it
			case 0:
				visit(d)
			}
			kept = append(kept, d)
		}
		deps[m] = kept
		state[m] = 2
		order = append(order, m)
	}
	for _, m := range pkgs {
		if state[m] == 0 {
			visit(m)
		}
	}
	return order, deps
}

// analyze parses, type-checks and analyses package m, and releases all
// but its findings (which keep a file set of the package's files).
func (a *stream) analyze(ctx context.Context, m *loader.Metadata) (*Result, error) {
	res := &Result{}
	var errs []PackageError // parse and type errors, and a bad configuration
	defer func() {
		res.PackageErrors = append(listErrors(m.Errors, len(errs) > 0), errs...)
		if len(res.PackageErrors) > 0 {
			res.Broken = make(map[string]bool, len(m.GoFiles))
			for _, f := range m.GoFiles {
				res.Broken[f] = true
			}
		}
	}()
	if len(m.GoFiles) == 0 {
		return res, nil
	}
	sel, err := a.opts.Selection(m.Dir)
	if err != nil {
		errs = append(errs, PackageError{Msg: err.Error()})
		return res, nil
	}

	var (
		files []*ast.File
		toks  []*token.File
		srcs  = make(map[string][]byte, len(m.GoFiles))
	)
	defer func() {
		for _, tok := range toks {
			a.fset.RemoveFile(tok) // the package's own file set keeps them
		}
	}()
	for _, name := range m.GoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			errs = append(errs, PackageError{Pos: name + ":1", Msg: err.Error()})
			continue
		}
		f, tok, err := loader.Parse(a.fset, name, src)
		if tok != nil {
			toks = append(toks, tok)
		}
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				errs = append(errs, PackageError{Pos: e.Pos.String(), Msg: e.Msg})
			}
		} else if err != nil {
			errs = append(errs, PackageError{Pos: name + ":1", Msg: err.Error()})
		}
		if f != nil {
			files = append(files, f)
			srcs[name] = src
		}
	}
	var fileToks []*token.File
	for _, f := range files {
		fileToks = append(fileToks, a.fset.File(f.FileStart))
	}
	in := &Input{
		ID: m.ID, Path: m.PkgPath, Name: m.Name, Files: files, Toks: fileToks, GoVersion: m.GoVersion(), Sizes: m.Sizes,
		Importer: a.exports.Importer(a.g, m, nil), OtherFiles: m.OtherFiles, IgnoredFiles: m.IgnoredFiles,
		Module: m.AnalysisModule(), ModuleDir: moduleDir(m), Broken: len(m.Errors) > 0 || len(errs) > 0, Facts: a.facts,
		Positions: a.fset,
		ReadFile: func(name string) ([]byte, error) {
			if src, ok := srcs[name]; ok {
				return src, nil // what was parsed
			}
			return os.ReadFile(name)
		},
	}
	u, r, err := BuildAndRun(ctx, in, sel, a.log)
	if err != nil {
		return nil, err
	}
	if a.imported[m.ID] {
		a.exports.Put(m.ID, u.Pkg) // for the roots that import it, analysed after it
	}
	for _, e := range u.TypeErrors {
		pos := "-"
		if e.Pos.IsValid() {
			pos = u.Fset.Position(e.Pos).String()
		}
		errs = append(errs, PackageError{Pos: pos, Msg: e.Msg})
	}
	res.Findings, res.Errors = r.Findings, r.Errors
	return res, nil
}

// listErrors returns the go command's errors about a package, leaving
// out its report of a package that does not compile ("# pkg" and the
// compiler's messages) when the package's own parse or type errors say
// the same with positions.
func listErrors(list []packages.Error, positioned bool) []PackageError {
	var out []PackageError
	for _, e := range list {
		if positioned && e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
			continue
		}
		pos := e.Pos
		if pos == "" {
			pos = "-" // as go/packages prints it
		}
		out = append(out, PackageError{Pos: pos, Msg: e.Msg})
	}
	return out
}

// moduleDir returns the root directory of m's module, or "".
func moduleDir(m *loader.Metadata) string {
	if m.Module == nil {
		return ""
	}
	return m.Module.Dir
}
