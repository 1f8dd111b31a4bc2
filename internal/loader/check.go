package loader

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"log/slog"
	"runtime/debug"
	"slices"
)

// ParseMode is how files are parsed: with every error, and comments
// (suppressions, the rules' doc-comment conventions).
const ParseMode = parser.AllErrors | parser.ParseComments

// Parse parses the file name with contents src into fset. Its syntax may
// be partial; it is nil when not even a package clause parsed. The
// token.File is returned in any case, for the caller to remove from fset
// once done.
func Parse(fset *token.FileSet, name string, src []byte) (*ast.File, *token.File, error) {
	f, err := parser.ParseFile(fset, name, src, ParseMode)
	var tok *token.File
	if f != nil {
		tok = fset.File(f.FileStart)
	}
	if f != nil && f.Name != nil && f.Name.Name == "_" && err != nil {
		f = nil // not even a package clause
	}
	return f, tok, err
}

// A Checked package is the outcome of type-checking a package's files:
// its types, possibly partial, with every error found.
type Checked struct {
	// Fset holds the package's own files only, whatever file set they
	// were parsed into (positions of imported objects are not in it).
	Fset   *token.FileSet
	Types  *types.Package
	Info   *types.Info
	Errors []types.Error
}

// TypeCheck type-checks files, whose token.Files are toks, as package
// path named name, importing with imp, for the Go version goVersion (as
// go/types wants it; "" for the latest). It records every error and goes
// on despite them, as far as go/types does, so it never fails; a panic of
// the type checker is logged to log and recorded as an error.
func TypeCheck(path, name string, files []*ast.File, toks []*token.File, imp types.Importer, sizes types.Sizes, goVersion string, log *slog.Logger) *Checked {
	fset := token.NewFileSet()
	toks = slices.Clone(toks)
	slices.SortFunc(toks, func(a, b *token.File) int { return a.Base() - b.Base() })
	fset.AddExistingFiles(toks...)
	c := &Checked{Fset: fset}
	c.Info = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		Instances:    make(map[*ast.Ident]types.Instance),
		FileVersions: make(map[*ast.File]string),
	}
	conf := types.Config{
		Importer:  imp,
		Sizes:     sizes,
		GoVersion: goVersion,
		// Files that import "C" are checked as written, not as cgo
		// rewrites them: C.anything is accepted without a type.
		FakeImportC: true,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				c.Errors = append(c.Errors, te)
			}
		},
	}
	func() {
		defer func() {
			if p := recover(); p != nil {
				if log != nil {
					log.Error("type checker panicked", "package", path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				}
				c.Errors = append(c.Errors, types.Error{Fset: fset, Msg: fmt.Sprint("type checker panicked: ", p)})
			}
		}()
		c.Types, _ = conf.Check(path, fset, files, c.Info)
	}()
	if c.Types == nil {
		c.Types = types.NewPackage(path, name)
	}
	return c
}
