// Package depsrc answers questions about the source of a function that
// the analysis only knows from export data: a dependency's function,
// whose types the driver read from the compiler's output and whose
// syntax no pass has. Export data keeps where each function was
// declared (the file in the module cache, its line and column), so the
// declaration can be parsed and read as syntax, without types.
//
// A question is a function of the declaration: a Table keeps its answer
// for every function of a file, computed when the file is first asked
// about, and not the syntax, so a long-running server holds a few words
// a function, not the dependencies' trees. A file that changes (a
// package of the workspace that is loaded from export data) is read
// again: the table keys a file by its size and modification time.
package depsrc

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"sync"
	"time"
)

// A Table holds the answers to one question, for the functions of the
// files asked about so far. Its zero value is ready to use, and it is
// safe for concurrent use (passes run in parallel).
type Table[T any] struct {
	// Answer computes the answer for one declaration, which has a body.
	// It sees only syntax: no types, no other file.
	Answer func(*ast.FuncDecl) T

	mu    sync.Mutex
	files map[string]*file[T]
}

type file[T any] struct {
	size    int64
	modTime time.Time
	funcs   map[key]T // by the line and name of the declaration
	pending sync.Once
}

// A key is where a function is declared: export data keeps the line of
// an object, not its column.
type key struct {
	line int
	name string
}

// maxFileSize bounds the files the table parses: generated tables of
// megabytes are not worth a question.
const maxFileSize = 4 << 20

// Lookup returns the answer for fn, declared in fset at fn.Pos(), when
// its declaration can be read: fn has a position in a Go file that exists
// and parses, and a function of that name with a body is declared on
// that line.
func (t *Table[T]) Lookup(fset *token.FileSet, fn *types.Func) (T, bool) {
	var zero T
	if fn == nil || !fn.Pos().IsValid() {
		return zero, false
	}
	p := fset.Position(fn.Pos())
	if p.Filename == "" || p.Line == 0 {
		return zero, false
	}
	st, err := os.Stat(p.Filename)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxFileSize {
		return zero, false
	}
	t.mu.Lock()
	if t.files == nil {
		t.files = make(map[string]*file[T])
	}
	f := t.files[p.Filename]
	if f == nil || f.size != st.Size() || !f.modTime.Equal(st.ModTime()) {
		f = &file[T]{size: st.Size(), modTime: st.ModTime()}
		t.files[p.Filename] = f
	}
	t.mu.Unlock()
	f.pending.Do(func() { f.read(p.Filename, t.Answer) })
	v, ok := f.funcs[key{p.Line, fn.Name()}]
	return v, ok
}

// read parses the file and answers for each of its functions.
func (f *file[T]) read(name string, answer func(*ast.FuncDecl) T) {
	src, err := os.ReadFile(name)
	if err != nil {
		return
	}
	fset := token.NewFileSet()
	syn, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return
	}
	f.funcs = make(map[key]T)
	for _, d := range syn.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		f.funcs[key{fset.Position(fd.Name.Pos()).Line, fd.Name.Name}] = answer(fd)
	}
}
