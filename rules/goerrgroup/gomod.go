package goerrgroup

import (
	"go/ast"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
)

// A modCache remembers the go.mod files read for one pass.
type modCache struct {
	byDir map[string]*modfile.File // nil entry: no go.mod at or above dir
}

func newModCache() *modCache { return &modCache{byDir: make(map[string]*modfile.File)} }

// missing returns the module that provides the package at path when the
// module of filename does not require it yet (so `go get` is needed after
// the fix), or "" when it does, when file imports the package already, or
// when no go.mod is found.
func (m *modCache) missing(filename, path string, file *ast.File) string {
	for _, spec := range file.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err == nil && p == path {
			return ""
		}
	}
	mf := m.lookup(filepath.Dir(filename))
	if mf == nil || mf.Module == nil {
		return ""
	}
	if within(path, mf.Module.Mod.Path) {
		return ""
	}
	for _, r := range mf.Require {
		if within(path, r.Mod.Path) {
			return ""
		}
	}
	if within(path, xsyncModule) {
		return xsyncModule
	}
	// A framework errgroup: its module is the path up to /pkg/ (kratos)
	// or /library/ (go-common).
	for _, sep := range []string{"/pkg/", "/library/"} {
		if i := strings.Index(path, sep); i > 0 {
			return path[:i]
		}
	}
	return path
}

// within reports whether the package path is in the module mod.
func within(path, mod string) bool {
	return path == mod || strings.HasPrefix(path, mod+"/")
}

// lookup returns the go.mod at or above dir, or nil.
func (m *modCache) lookup(dir string) *modfile.File {
	if mf, ok := m.byDir[dir]; ok {
		return mf
	}
	var mf *modfile.File
	if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
		mf, _ = modfile.ParseLax(filepath.Join(dir, "go.mod"), data, nil)
	} else if parent := filepath.Dir(dir); parent != dir {
		mf = m.lookup(parent)
	}
	m.byDir[dir] = mf
	return mf
}
