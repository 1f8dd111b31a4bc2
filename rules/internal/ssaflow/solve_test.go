package ssaflow_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/pmap"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
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
	type facts = *pmap.Map[string, int]
	in, out := make([]facts, len(fn.Blocks)), make([]facts, len(fn.Blocks))
	// Each block records that it was reached ("b<index>": 1); a join keeps
	// what both sides record.
	edge := func(p, b *ssa.BasicBlock) facts { return out[p.Index] }
	join := func(a, b int) (int, bool) { return a, a == b }
	transfer := func(b *ssa.BasicBlock, f facts) facts {
		f.Set("b"+string(rune('0'+b.Index)), 1)
		f.Set("last", b.Index) // differs between the branches
		return f
	}
	if err := ssaflow.Solve(fn, in, out, edge, join, transfer); err != nil {
		t.Fatal(err)
	}
	if in[0] == nil || in[0].Len() != 0 {
		t.Errorf("entry facts %v, want empty", in[0])
	}
	found := false
	for _, b := range fn.Blocks {
		if b.Comment == "for.body" {
			found = true
			// Reached from both branches and from itself: only the entry
			// block's fact holds on every way in.
			if _, ok := in[b.Index].Get("b0"); !ok || in[b.Index].Len() != 1 { // not "last": the sides disagree
				t.Errorf("for.body facts %v, want only b0", maps.Collect(in[b.Index].All()))
			}
		}
	}
	if !found {
		t.Fatal("no for.body block")
	}
}

// TestCycles checks Cycles against its definition (a block is in a loop
// when one of its successors reaches it) on functions with loops, nested
// and sequential, a goto, a self-loop and a long straight line.
func TestCycles(t *testing.T) {
	src := `package p

func loops(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			s += j
		}
		if s > 10 {
			break
		}
	}
	for s > 0 {
		s--
	}
	return s
}

func jumps(n int) int {
again:
	n--
	if n > 0 {
		goto again
	}
	for {
	}
}

func straight(n int) int {
`
	for i := range 3000 { // bigger than the old quadratic search allowed
		src += "\tif n > " + strconv.Itoa(i) + " {\n\t\tn--\n\t}\n"
	}
	src += "\treturn n\n}\n"
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("p", "p"), []*ast.File{file}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"loops", "jumps", "straight"} {
		fn := pkg.Func(name)
		got := ssaflow.Cycles(fn)
		loops := 0
		for _, b := range fn.Blocks {
			if got[b.Index] {
				loops++
			}
			// The definition, by search; the straight line has no loop.
			want := false
			if name != "straight" {
				seen := make(map[*ssa.BasicBlock]bool)
				stack := slices.Clone(b.Succs)
				for len(stack) > 0 && !want {
					s := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					want = s == b
					if !seen[s] {
						seen[s] = true
						stack = append(stack, s.Succs...)
					}
				}
			}
			if got[b.Index] != want {
				t.Errorf("%s: block %d (%s): in a loop %v, want %v", name, b.Index, b.Comment, got[b.Index], want)
			}
		}
		if name != "straight" && loops == 0 {
			t.Errorf("%s: no block in a loop", name)
		}
	}
}

// TestSolveGivesUp checks that Solve stops on a function so large that
// its blocks, visited twice, exceed MaxVisits.
func TestSolveGivesUp(t *testing.T) {
	var b strings.Builder
	b.WriteString("package p\n\nfunc g() {}\n\nfunc f(n int) {\n")
	for i := range ssaflow.MaxVisits/4 + 1 { // two blocks each
		fmt.Fprintf(&b, "\tif n > %d {\n\t\tg()\n\t}\n", i) // no variable to lift: SSA is quick to build
	}
	b.WriteString("}\n")
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", b.String(), 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("p", "p"), []*ast.File{file}, 0)
	if err != nil {
		t.Fatal(err)
	}
	fn := pkg.Func("f")
	type facts = *pmap.Map[int, int]
	in, out := make([]facts, len(fn.Blocks)), make([]facts, len(fn.Blocks))
	edge := func(p, b *ssa.BasicBlock) facts { return out[p.Index] }
	join := func(a, b int) (int, bool) { return a, a == b }
	transfer := func(b *ssa.BasicBlock, f facts) facts { return f }
	err = ssaflow.Solve(fn, in, out, edge, join, transfer)
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("Solve on %d blocks: %v, want it to give up", len(fn.Blocks), err)
	}
}
