package driver

import (
	"context"
	"go/ast"
	"go/token"
	"go/types"
	"log/slog"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/gopitfalls/gopitfalls/internal/loader"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// An Input is a package to analyse, however its files were read and
// parsed: check reads them from disk, the language server takes the
// editor's buffers and reuses its parses of unchanged files.
type Input struct {
	ID        string // for logs
	Path      string // the package path
	Name      string // the package name
	Files     []*ast.File
	Toks      []*token.File // the token.Files of Files, in any file set
	GoVersion string        // as go/types wants it ("" for the latest)
	Sizes     types.Sizes   // nil: gc's for this GOARCH
	Importer  types.Importer
	// OtherFiles and IgnoredFiles are the go command's.
	OtherFiles, IgnoredFiles []string
	Module                   *analysis.Module
	ModuleDir                string
	// Broken says a file could not be read or parsed in full, or the go
	// command reported errors: rules that do not run despite errors are
	// skipped, as with type errors.
	Broken   bool
	ReadFile func(filename string) ([]byte, error)
	Facts    *Facts
	// Positions, if set, is the file set where Toks and the imported
	// packages' objects (read from export data) have their positions.
	Positions *token.FileSet
	// Reuse releases the rules' results for reuse once they are done
	// (see Unit.Reuse).
	Reuse bool
	// FactsReadOnly keeps the package's own facts in its passes, out of
	// Facts, and so never reads them from there: the language server's
	// analyses of unsaved buffers share a cached store of their
	// dependencies' facts, which an edit must neither change nor be
	// misled by (a fact of a function since deleted). Nobody reads the
	// facts of such a pass: Unit.Focus says so to the rules.
	FactsReadOnly bool
	// Focus names the files whose findings will be shown (the editor's
	// open files): rules may skip the work that would only report
	// elsewhere (rule.Focus). Nil: the whole package; empty: none, for
	// a package analysed only for its facts.
	Focus []string
}

// Build type-checks the package of in and returns its Unit, ready for
// the rules: whatever go/types makes of it, with every type error.
//
// Every rule starts from the inspector of the package's syntax, which
// needs no types: Build makes it while go/types checks, on a processor
// the type-check leaves idle, rather than at the head of the rules,
// which all wait for it (3 ms of an edit's critical path in a package
// of 20 kLOC).
func Build(in *Input, log *slog.Logger) *Unit {
	sizes := in.Sizes
	if sizes == nil {
		sizes = types.SizesFor("gc", runtime.GOARCH)
	}
	ins := make(chan *inspector.Inspector, 1)
	go func() { ins <- inspector.New(in.Files) }()
	c := loader.TypeCheck(in.Path, in.Name, in.Files, in.Toks, in.Importer, sizes, in.GoVersion, log)
	if in.Positions != nil {
		addImportedFiles(c.Fset, in.Positions, c.Types, c.Info)
	}
	return &Unit{
		ID: in.ID, Fset: c.Fset, Files: in.Files, OtherFiles: in.OtherFiles, IgnoredFiles: in.IgnoredFiles,
		Pkg: c.Types, Info: c.Info, Sizes: sizes, TypeErrors: c.Errors, Module: in.Module, ModuleDir: in.ModuleDir,
		HasErrors: in.Broken || len(c.Errors) > 0, ReadFile: in.ReadFile, Facts: in.Facts, Reuse: in.Reuse,
		Focus:     focus(in.Toks, in.Focus, in.FactsReadOnly),
		inspector: <-ins,
	}
}

// focus returns the Focus of the files called names among toks (nil
// names: the whole package), whose facts nobody reads with readOnly.
func focus(toks []*token.File, names []string, readOnly bool) *rule.Focus {
	var f *rule.Focus // the whole package
	if names != nil {
		var files []*token.File
		for _, tf := range toks {
			if slices.Contains(names, tf.Name()) {
				files = append(files, tf)
			}
		}
		f = rule.NewFocus(files)
	}
	if readOnly {
		f = f.WithoutFacts()
	}
	return f
}

// addImportedFiles adds to fset, the package's own file set, the files
// of positions where the objects the package uses from other packages
// are declared, as the analysis framework's drivers give them: a rule
// can then tell where a dependency's function is declared (and read it,
// when the package was loaded from export data). Only the files of used
// objects are added, not every file of positions: a package uses a few
// dozen, a module's dependencies have thousands.
func addImportedFiles(fset, positions *token.FileSet, pkg *types.Package, info *types.Info) {
	seen := make(map[*token.File]bool)
	var files []*token.File
	for _, obj := range info.Uses {
		if obj == nil || obj.Pkg() == nil || obj.Pkg() == pkg || !obj.Pos().IsValid() {
			continue
		}
		if f := positions.File(obj.Pos()); f != nil && !seen[f] {
			seen[f] = true
			if fset.File(obj.Pos()) == nil {
				files = append(files, f)
			}
		}
	}
	fset.AddExistingFiles(files...)
}

// BuildAndRun builds the Unit of in and runs the selected rules on it:
// what check does for each package it streams, and the language server
// for each package an edit touches. It fails only when ctx is cancelled
// or the selection names an unknown rule.
func BuildAndRun(ctx context.Context, in *Input, sel *Selection, log *slog.Logger) (*Unit, *Result, error) {
	start := time.Now()
	var u *Unit
	// Profiles (gopitfalls serve -cpuprofile) attribute samples by phase.
	pprof.Do(ctx, pprof.Labels("phase", "typecheck"), func(context.Context) { u = Build(in, log) })
	checked := time.Now()
	var res *Result
	var err error
	pprof.Do(ctx, pprof.Labels("phase", "rules"), func(ctx context.Context) { res, err = Run(ctx, u, sel, log) })
	if err != nil {
		return u, nil, err
	}
	log.Debug("analysed package", "package", in.ID, "files", len(in.Files), "typecheck", checked.Sub(start).Round(time.Microsecond),
		"rules", time.Since(checked).Round(time.Microsecond), "findings", len(res.Findings))
	return u, res, nil
}
