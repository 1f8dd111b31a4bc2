package rule

import (
	"go/ast"
	"go/token"
	"iter"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// A Focus is the part of a package whose findings will be shown: the
// language server shows those of the files the editor has open, and
// nothing else, on every edit. A rule may skip the work whose only
// outcome is a report outside its Focus (the findings in one function,
// say), and so answer an edit sooner. It must not skip anything else:
// what it learns of the whole package (summaries, facts it exports,
// counts across call sites) is the same whatever the Focus.
//
// A Focus also says whether anybody reads the facts the pass exports:
// nobody does for an editor's buffer, whose dependents see the facts of
// the files on disk. A rule may skip working out facts then.
//
// The nil Focus holds the whole package, facts wanted: every driver but
// the language server's edits (check, go vet, golangci-lint, the
// workspace scan).
type Focus struct {
	files   []*token.File
	all     bool // every file (files is nil)
	noFacts bool
}

// NewFocus returns the Focus of the given files of a package. With
// none, nothing is shown: a pass run for the facts it exports.
func NewFocus(files []*token.File) *Focus {
	return &Focus{files: files}
}

// WithoutFacts returns f for a pass whose facts nobody reads.
func (f *Focus) WithoutFacts() *Focus {
	if f == nil {
		return &Focus{all: true, noFacts: true}
	}
	return &Focus{files: f.files, all: f.all, noFacts: true}
}

// Facts reports whether the facts the pass exports are read.
func (f *Focus) Facts() bool { return f == nil || !f.noFacts }

// All reports whether f holds every file of the package.
func (f *Focus) All() bool { return f == nil || f.all }

// Files returns the files of f; nil when it holds every file.
func (f *Focus) Files() []*token.File {
	if f == nil {
		return nil
	}
	return f.files
}

// Has reports whether pos is in a file of f.
func (f *Focus) Has(pos token.Pos) bool {
	if f == nil || f.all {
		return true
	}
	for _, tf := range f.files {
		if base := token.Pos(tf.Base()); base <= pos && pos <= base+token.Pos(tf.Size()) {
			return true
		}
	}
	return false
}

// HasFile reports whether file is in f.
func (f *Focus) HasFile(file *ast.File) bool { return f.Has(file.FileStart) }

// FileCursors returns the cursors of the files of in that are in f: for
// the work of a rule whose only outcome in a file is that file's
// findings.
func (f *Focus) FileCursors(in *inspector.Inspector) iter.Seq[inspector.Cursor] {
	return func(yield func(inspector.Cursor) bool) {
		for cur := range in.Root().Children() {
			if file, ok := cur.Node().(*ast.File); ok && f.HasFile(file) && !yield(cur) {
				return
			}
		}
	}
}

// Preorder is in.Root().Preorder(types...) over the files of f: for the
// work of a rule whose only outcome at a node is findings there.
func (f *Focus) Preorder(in *inspector.Inspector, types ...ast.Node) iter.Seq[inspector.Cursor] {
	return func(yield func(inspector.Cursor) bool) {
		for file := range f.FileCursors(in) {
			for cur := range file.Preorder(types...) {
				if !yield(cur) {
					return
				}
			}
		}
	}
}

// FocusAnalyzer gives rules the Focus of the pass. Its own Run says
// "the whole package"; the gopitfalls driver gives it the files an
// editor shows instead (driver.Input.Focus). Every rule requires it.
var FocusAnalyzer = &analysis.Analyzer{
	Name:             "gopitfalls_focus",
	Doc:              "the files of the package whose findings are shown (all, outside the language server)",
	Run:              func(*analysis.Pass) (any, error) { return (*Focus)(nil), nil },
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Focus](),
}

// FocusOf returns the Focus of a rule's pass.
func FocusOf(pass *analysis.Pass) *Focus {
	f, _ := pass.ResultOf[FocusAnalyzer].(*Focus)
	return f
}
