// Package nilmapwrite defines the nil-map-write rule: assigning to an
// element of a nil map (m[k] = v, m[k]++, m[k] += v) panics with
// "assignment to entry in nil map".
//
// It works on each function's SSA form (golang.org/x/tools/go/ssa, built
// by ssautil.Analyzer) and proves, for a map update, that the map is nil
// on some feasible path to it:
//
//   - a local declared without a value (var m map[K]V, m := map[K]V(nil),
//     m = nil) that is not made on every path to the write;
//   - a map field of a struct built in this function (var s S, s := S{…},
//     &S{…}, new(S)) that is not set on some path from the struct's
//     creation to the write, before the struct (or the field's address)
//     is handed to code that could set it: a call that gets it, a
//     closure, a send; once its address is stored elsewhere (a map, a
//     field), a later call or a store through an unknown pointer may set
//     it too. This includes a struct that reaches the write through a
//     pointer merged with others: `b, ok := m[k]; if !ok { b = &T{…} };
//     b.f[k] = v` with no f in the literal;
//   - an unexported package-level map (or a map field of one) that the
//     package never initializes, assigns or takes the address of.
//
// A path is feasible unless its branch conditions contradict each other
// or what holds at the write: a map made under `if debug` and written
// under `if debug` is not reported, nor one behind `if m == nil { m =
// make(…) }` or `if m != nil`. A path ends at a call that never returns:
// os.Exit, log.Fatal*, t.Fatal* and the package's own functions that
// always end in one. Conditions are compared, not computed: a map made
// only `if i == 0`, on a loop's first iteration, is still reported. The
// one piece of arithmetic it knows is about lengths: len(x) > 0 (and
// len(x) != 0, len(x) >= 1, and the negations len(x) == 0, len(x) < 1)
// of a slice or string x holds inside `for … := range x` and inside
// `for i := 0; i < len(x); i++`, so a map made only for a non-empty x
// and written in a loop over the same x is not reported. Ranges over
// maps, channels and integers are not correlated with lengths.
//
// The fix makes the map where it is declared (or adds it to the literal
// that builds the struct), taking over a later make that would make it
// again on the same path, and the if left empty by that (see makefix).
//
// It leaves alone what it cannot prove nil: parameters, results of calls,
// fields of structs built elsewhere, maps captured by closures (the
// analysis stays within one function), exported package variables
// (another package may set them), and deletes and reads, which do not
// panic on a nil map. Packages that do not type-check get no SSA form and
// therefore no findings.
package nilmapwrite

import (
	"embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/makefix"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssapath"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssautil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the nil-map-write rule.
var Rule = rule.Define(rule.Spec{
	ID:       "nil-map-write",
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Messages: messages,
	Requires: []*analysis.Analyzer{inspect.Analyzer, ssautil.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, _ *rule.Options) error {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ssainput := ssautil.Of(pass)
	if ssainput == nil {
		return nil // the package does not type-check: no SSA form
	}
	syntax := ssapath.NewSyntax(in)
	globals := ssapath.NewGlobals(ssainput.Pkg, ssainput.SrcFuncs)
	reported := make(map[token.Pos]bool)
	for _, fn := range ssainput.SrcFuncs {
		f := ssapath.NewFunc(fn, globals)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				mu, ok := instr.(*ssa.MapUpdate)
				if !ok {
					continue // not a map write
				}
				src, ok := f.NilAt(mu.Map, mu)
				if !ok {
					continue // made (or unknown) on every feasible path
				}
				ixCur, ok := syntax.Index(mu.Pos())
				if !ok {
					continue // a map literal's entry, or no syntax to point at
				}
				stmt, ok := assignmentOf(ixCur)
				if !ok || reported[stmt.Pos()] {
					continue // not a statement we can point at, or already reported
				}
				reported[stmt.Pos()] = true
				pass.Report(diagnostic(pass, stmt, ixCur.Node().(*ast.IndexExpr), src))
			}
		}
	}
	return nil
}

// assignmentOf returns the assignment or ++/-- statement whose left-hand
// side is the index expression at cur.
func assignmentOf(cur inspector.Cursor) (ast.Stmt, bool) {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.ParenExpr:
			continue // (m[k]) = v: look through the parentheses
		case *ast.AssignStmt:
			return n, true
		case *ast.IncDecStmt:
			return n, true
		}
		return nil, false
	}
	return nil, false
}

// diagnostic describes the write of ix in stmt to a map that src says is
// nil, with a fix that makes the map where it is declared.
func diagnostic(pass *analysis.Pass, stmt ast.Stmt, ix *ast.IndexExpr, src ssapath.NilSource) analysis.Diagnostic {
	m := types.ExprString(ix.X)
	why := src.Why(pass.TypesInfo, pass.Files, ix.X, m)
	d := analysis.Diagnostic{
		Pos:     stmt.Pos(),
		End:     stmt.End(),
		Message: fmt.Sprintf("assignment to entry in nil map %s; %s", m, why),
	}
	if fix, ok := suggestFix(pass, ix.X, src); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return d
}

// suggestFix makes the map where it is declared: the variable, or the
// field of a local struct.
func suggestFix(pass *analysis.Pass, x ast.Expr, src ssapath.NilSource) (analysis.SuggestedFix, bool) {
	x = ast.Unparen(x)
	switch x := x.(type) {
	case *ast.Ident:
		v, ok := typesutil.ObjectOf(pass.TypesInfo, x).(*types.Var)
		if !ok || src.Loc.Path != "" {
			return analysis.SuggestedFix{}, false
		}
		return makefix.ForVar(pass, v)
	case *ast.SelectorExpr:
		if src.Kind != ssapath.NilLocal {
			return analysis.SuggestedFix{}, false // a package variable's field: where to make it is a design choice
		}
		if fix, ok := makefix.ForField(pass, x); ok {
			return fix, true
		}
		if lit, ok := ssapath.LiteralOf(src.Loc); ok {
			return makefix.ForLiteral(pass, lit, x) // the struct is built by a literal, not where x is declared
		}
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{}, false
}
