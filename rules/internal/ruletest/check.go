package ruletest

import (
	"errors"
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/gopitfalls/gopitfalls/internal/loader"
	"golang.org/x/tools/go/packages"
)

// TypeCheck parses the files of pkg, with the contents in replace
// instead of a file's where it has them, and type-checks them in
// process as pkg, resolving imports with imp. A file that does not parse
// is checked as far as it parses (nil when not even its package clause
// does): the parse errors are in the returned package's Errors, the type
// errors in its TypeErrors. It is how a fixed or mutated package is
// checked again without the go command.
func TypeCheck(pkg *packages.Package, imp types.Importer, replace map[string][]byte) *packages.Package {
	fset := token.NewFileSet()
	out := &packages.Package{
		ID: pkg.ID, Name: pkg.Name, PkgPath: pkg.PkgPath, GoFiles: pkg.GoFiles, CompiledGoFiles: pkg.CompiledGoFiles,
		Fset: fset, TypesSizes: pkg.TypesSizes, Module: pkg.Module, Imports: pkg.Imports,
	}
	var toks []*token.File
	for _, name := range pkg.CompiledGoFiles {
		src, ok := replace[name]
		if !ok {
			var err error
			if src, err = os.ReadFile(name); err != nil {
				out.Errors = append(out.Errors, packages.Error{Pos: name, Msg: err.Error(), Kind: packages.ParseError})
				continue
			}
		}
		f, tok, err := loader.Parse(fset, name, src)
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				out.Errors = append(out.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			out.Errors = append(out.Errors, packages.Error{Pos: name, Msg: err.Error(), Kind: packages.ParseError})
		}
		if f != nil {
			out.Syntax, toks = append(out.Syntax, f), append(toks, tok)
		}
	}
	goVersion := ""
	if pkg.Module != nil && pkg.Module.GoVersion != "" {
		goVersion = "go" + pkg.Module.GoVersion
	}
	c := loader.TypeCheck(pkg.PkgPath, pkg.Name, out.Syntax, toks, imp, pkg.TypesSizes, goVersion, nil)
	out.Fset, out.Types, out.TypesInfo, out.TypeErrors = c.Fset, c.Types, c.Info, c.Errors
	return out
}

// Imports returns the paths that files import ("C" and "unsafe" aside).
func Imports(files []*ast.File) []string {
	var out []string
	for _, f := range files {
		for _, spec := range f.Imports {
			if path, err := strconv.Unquote(spec.Path.Value); err == nil && path != "C" && path != "unsafe" {
				out = append(out, path)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// A Module is the packages of a fixture module, loaded once so that they
// can be checked again in process (TypeCheck) with files changed: each
// package from source, the packages they import from the export data the
// go command compiles, offline (GOPROXY=off).
type Module struct {
	Dir  string
	Pkgs []*packages.Package // the module's packages, without tests

	// universe holds every package the module's packages import,
	// directly or not, by path: those whose export data was read (a
	// package that export data only mentions lacks what it does not
	// mention).
	universe map[string]*types.Package
}

// LoadModule loads the packages of the module in dir.
func LoadModule(dir string) (*Module, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule,
		Dir: dir,
		Env: append(os.Environ(), "GO111MODULE=on", "GOPROXY=off", "GOWORK=off", "GOFLAGS=-mod=mod"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, err
	}
	m := &Module{Dir: dir, universe: make(map[string]*types.Package)}
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		for _, imp := range p.Imports() {
			if !seen[imp] {
				seen[imp] = true
				if imp.Complete() {
					m.universe[imp.Path()] = imp
				}
				visit(imp)
			}
		}
	}
	for _, p := range pkgs {
		if p.Types == nil || len(p.CompiledGoFiles) == 0 {
			continue // did not load
		}
		m.Pkgs = append(m.Pkgs, p)
		visit(p.Types)
		p.Syntax, p.TypesInfo = nil, nil // TypeCheck parses again
	}
	return m, nil
}

// Import implements types.Importer with the packages the module's
// packages import.
func (m *Module) Import(path string) (*types.Package, error) {
	if p, ok := m.universe[path]; ok {
		return p, nil
	}
	return nil, errors.New("package " + path + " is not imported by the module")
}

// Has reports whether the module's packages import the package at path.
func (m *Module) Has(path string) bool {
	_, ok := m.universe[path]
	return ok
}
