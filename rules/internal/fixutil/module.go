package fixutil

import (
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis"
)

// Provides reports whether the package being analysed can import the
// package at path without a change to its module's go.mod: path is in
// the standard library or in the module itself, the package or one of its
// dependencies imports it already, or a module that go.mod requires
// holds it. Adding an import that no required module provides breaks the
// build of every package of the module (the go command refuses to build
// until go.mod is updated), so a fix that adds one is not offered.
//
// go.mod is read through pass.ReadFile, so that an editor's unsaved
// go.mod counts. The gopitfalls drivers serve it there; drivers that
// serve only the package's own files (go vet, x/tools' checker) make
// Provides report false for a package none of the above provides: no
// fix is better than a fix that may break the build.
func Provides(pass *analysis.Pass, path string) bool {
	if typesutil.IsStd(path) {
		return true
	}
	if pass.Module != nil && within(path, pass.Module.Path) {
		return true
	}
	if pass.Pkg != nil && imports(pass.Pkg, path) {
		return true
	}
	mf := GoMod(pass)
	if mf == nil {
		return false
	}
	if mf.Module != nil && within(path, mf.Module.Mod.Path) {
		return true
	}
	for _, r := range mf.Require {
		if within(path, r.Mod.Path) {
			return true
		}
	}
	return false
}

// GoMod returns the go.mod of the module being analysed, read through
// pass.ReadFile, or nil when the driver gives no module, or does not
// serve its go.mod, or the file does not parse.
func GoMod(pass *analysis.Pass) *modfile.File {
	if pass.Module == nil || pass.Module.GoMod == "" || pass.ReadFile == nil {
		return nil
	}
	data, err := pass.ReadFile(pass.Module.GoMod)
	if err != nil {
		return nil
	}
	mf, err := modfile.ParseLax(pass.Module.GoMod, data, nil)
	if err != nil {
		return nil
	}
	return mf
}

// within reports whether the package path is in the module mod.
func within(path, mod string) bool {
	return mod != "" && (path == mod || strings.HasPrefix(path, mod+"/"))
}

// imports reports whether pkg imports the package at path, directly or
// through its dependencies.
func imports(pkg *types.Package, path string) bool {
	seen := make(map[*types.Package]bool)
	stack := []*types.Package{pkg}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, imp := range p.Imports() {
			if imp.Path() == path {
				return true
			}
			if !seen[imp] {
				seen[imp] = true
				stack = append(stack, imp)
			}
		}
	}
	return false
}
