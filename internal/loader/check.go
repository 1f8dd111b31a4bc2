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
	"sync"
)

// ParseMode is how files are parsed: with every error, and comments
// (suppressions, the rules' doc-comment conventions). Without the
// parser's object resolution (ast.Ident.Obj, ast.File.Scope), which
// nothing reads since go/types resolves names: it walked every file
// once more (a third of parsing an edited 3,000-line file).
const ParseMode = parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution

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
	// The maps start at the sizes the package's last check ended with:
	// the language server checks an open package again on every edit,
	// and growing them is a tenth of the check's time.
	var n infoSizes
	if last, ok := lastSizes.Load(path); ok {
		n = last.(infoSizes)
	}
	c.Info = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue, n.types),
		Defs:         make(map[*ast.Ident]types.Object, n.defs),
		Uses:         make(map[*ast.Ident]types.Object, n.uses),
		Implicits:    make(map[ast.Node]types.Object, n.implicits),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection, n.selections),
		Scopes:       make(map[ast.Node]*types.Scope, n.scopes),
		Instances:    make(map[*ast.Ident]types.Instance),
		FileVersions: make(map[*ast.File]string, len(files)),
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
	lastSizes.Store(path, infoSizes{len(c.Info.Types), len(c.Info.Defs), len(c.Info.Uses), len(c.Info.Implicits), len(c.Info.Selections), len(c.Info.Scopes)})
	return c
}

// infoSizes are the sizes of a package's types.Info maps after a check.
type infoSizes struct{ types, defs, uses, implicits, selections, scopes int }

// lastSizes holds the infoSizes of each package path's last check.
var lastSizes sync.Map
