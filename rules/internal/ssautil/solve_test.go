package ssautil_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	gpssautil "github.com/gopitfalls/gopitfalls/rules/internal/ssautil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// TestSolve records a fact in each block it passes: where the two
// branches of an if and a loop's back edge meet, the join keeps only the
// fact every way in has.
func TestSolve(t *testing.T) {
	const src = `package p

func f(c bool) int {
	x := 0
	if c {
		x = 1
	} else {
		x = 2
	}
	for {
		x++
	}
}
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("p", "p"), []*ast.File{file}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	fn := pkg.Func("f")
	type facts map[string]int
	in, out := make([]facts, len(fn.Blocks)), make([]facts, len(fn.Blocks))
	// Each block records that it was reached ("b<index>": 1); a join keeps
	// what both sides record.
	edge := func(p, b *ssa.BasicBlock) facts { return out[p.Index] }
	join := func(a, b int) (int, bool) { return a, a == b }
	transfer := func(b *ssa.BasicBlock, f facts) facts {
		f["b"+string(rune('0'+b.Index))] = 1
		f["last"] = b.Index // differs between the branches
		return f
	}
	if !gpssautil.Solve(fn, in, out, edge, join, transfer) {
		t.Fatal("did not settle")
	}
	if in[0] == nil || len(in[0]) != 0 {
		t.Errorf("entry facts %v, want empty", in[0])
	}
	found := false
	for _, b := range fn.Blocks {
		if b.Comment == "for.body" {
			found = true
			// Reached from both branches and from itself: only the entry
			// block's fact holds on every way in.
			if _, ok := in[b.Index]["b0"]; !ok || len(in[b.Index]) != 1 { // not "last": the sides disagree
				t.Errorf("for.body facts %v, want only b0", in[b.Index])
			}
		}
	}
	if !found {
		t.Fatal("no for.body block")
	}
}
