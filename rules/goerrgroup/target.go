package goerrgroup

import (
	"go/ast"
	"strconv"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// A target is the errgroup package a rewrite uses.
type target struct {
	path   string
	kratos bool // a framework errgroup (kratos' shape), not x/sync's
	// instead is the configured errgroup that the module cannot import,
	// when path is another one it can: the fix's title says so.
	instead string
}

// A shared holds what the fixes of one pass share: which errgroup
// packages the module can import without a change to its go.mod
// (fixutil.Provides), and the control-flow graphs that say where a fix
// may return (syncflow.SkipsCleanup).
type shared struct {
	pass     *analysis.Pass
	provides map[string]bool
	exits    *syncflow.Builder
}

func newShared(pass *analysis.Pass) *shared {
	return &shared{pass: pass, provides: make(map[string]bool), exits: syncflow.NewBuilder(pass.TypesInfo, pass.Files)}
}

func (m *shared) canImport(path string) bool {
	ok, seen := m.provides[path]
	if !seen {
		ok = fixutil.Provides(m.pass, path)
		m.provides[path] = ok
	}
	return ok
}

// errgroupTarget returns the errgroup to rewrite to: the one the file
// imports already; else the configured one, when the module can import
// it; else another errgroup the module can import (x/sync's, or a
// framework's under the configured prefixes). It reports false when the
// module can import none: an import that go.mod does not provide for
// stops the go command from building any package of the module.
func (m *shared) errgroupTarget(file *ast.File, opts *rule.Options) (target, bool) {
	for _, spec := range file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue // malformed import
		}
		if p == xsyncPath {
			return target{path: p}, true
		}
		if opts.FrameworkPackage(p, "sync/errgroup") {
			return target{path: p, kratos: true}, true
		}
	}
	configured := opts.ErrgroupImport
	if configured == "" {
		configured = rule.DefaultErrgroupImport
	}
	if m.canImport(configured) {
		return target{path: configured, kratos: opts.FrameworkPackage(configured, "sync/errgroup")}, true
	}
	candidates := []string{xsyncPath}
	for _, prefix := range opts.FrameworkImportPrefixes {
		candidates = append(candidates, prefix+"sync/errgroup")
	}
	for _, p := range candidates {
		if p != configured && m.canImport(p) {
			return target{path: p, kratos: p != xsyncPath, instead: configured}, true
		}
	}
	return target{}, false
}
