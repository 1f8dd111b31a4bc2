package fixutil_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
)

// TestBrokenEnds gives the line helpers the ends of half-typed code: a
// call cut short by the end of the file ends one past it (the start of
// the next file of the file set, or no file), and a node may have no end.
func TestBrokenEnds(t *testing.T) {
	for _, last := range []bool{true, false} {
		fset := token.NewFileSet()
		src := "package p\n\nfunc f() {\n\tv, err := parse(\"x\",\n\treturn v\n}\n"
		f, _ := parser.ParseFile(fset, "a.go", src, parser.AllErrors)
		if !last {
			parser.ParseFile(fset, "b.go", "package p\n\nvar x = 1\n", 0)
		}
		tf := fset.File(f.FileStart)
		eof := token.Pos(tf.Base() + tf.Size())
		var stmt ast.Stmt
		ast.Inspect(f, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				stmt = as
			}
			return true
		})
		if stmt == nil || stmt.End() <= eof {
			t.Fatalf("the parser no longer ends the cut-short call past the file (%v): the test needs another input", stmt)
		}
		end := fixutil.End(fset, stmt)
		if end != eof {
			t.Errorf("last file %v: End %d, want the end of the file %d", last, end, eof)
		}
		if got := fixutil.LineEnd(fset, end); got != eof {
			t.Errorf("last file %v: LineEnd %d, want %d", last, got, eof)
		}
		if got := fixutil.NextLineStart(fset, end); got != eof {
			t.Errorf("last file %v: NextLineStart %d, want %d", last, got, eof)
		}
	}
	fset := token.NewFileSet()
	if fixutil.LineStart(fset, token.NoPos) != token.NoPos || fixutil.NextLineStart(fset, token.NoPos) != token.NoPos || fixutil.LineEnd(fset, token.NoPos) != token.NoPos {
		t.Errorf("the line helpers do not give NoPos for NoPos")
	}
	if got := fixutil.End(fset, &ast.FieldList{Opening: 5}); got != 5 {
		t.Errorf("End of a node with no end %d, want its start", got)
	}
}
