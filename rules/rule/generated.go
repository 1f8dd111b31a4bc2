package rule

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"
)

// IsGenerated reports whether file is generated code: it has the
// standard "Code generated … DO NOT EDIT." header (ast.IsGenerated), or
// its name is one that a code generator of the framework writes, whose
// header may have been edited away: the Kratos cache generators' output
// (kratos tool genbts writes dao.bts.go, genmc writes mc.cache.go;
// go-common's wrote *.bts.go, *.mc.go and dao.cache.go).
//
// Diagnostics in generated files are dropped (see the suppressor): their
// readers fix them at the generator, not in the file.
func IsGenerated(fset *token.FileSet, file *ast.File) bool {
	if ast.IsGenerated(file) {
		return true
	}
	tf := fset.File(file.FileStart)
	return tf != nil && generatedName(filepath.Base(tf.Name()))
}

// generatedName reports whether a file's base name is one that a
// framework code generator writes.
func generatedName(base string) bool {
	switch base {
	case "mc.cache.go", "dao.cache.go":
		return true
	}
	return strings.HasSuffix(base, ".bts.go") || strings.HasSuffix(base, ".mc.go")
}
