package nilmapwrite

import (
	"embed"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/makeinit"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssapath"
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
	Requires: []*analysis.Analyzer{inspect.Analyzer, ssaflow.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, _ *rule.Options) error {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// No SSA form (the package does not type-check): no findings.
	return ssaflow.Run(pass, func(ssainput *ssaflow.Form) error {
		check(pass, in, ssainput)
		return nil
	})
}

// check reports the map writes of the pass's focus that are nil.
func check(pass *analysis.Pass, in *inspector.Inspector, ssainput *ssaflow.Form) {
	syntax := ssapath.NewSyntax(in)
	// The package's globals, and each function's paths, are worked out
	// for the functions that write to a map, when they are first needed.
	globals := ssapath.FormGlobals(ssainput)
	reported := make(map[token.Pos]bool)
	focus := rule.FocusOf(pass)
	for _, fn := range ssainput.SrcFuncs {
		if !focus.Has(fn.Pos()) {
			continue // it reports only at fn's own map writes, which would not be shown
		}
		var f *ssapath.Func
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				mu, ok := instr.(*ssa.MapUpdate)
				if !ok {
					continue // not a map write
				}
				if f == nil {
					f = ssapath.NewFunc(fn, globals)
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
		Message: rule.Say(pass, msgNilMapWrite.With(m, why)),
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
		return makeinit.ForVar(pass, v)
	case *ast.SelectorExpr:
		if src.Kind != ssapath.NilLocal {
			return analysis.SuggestedFix{}, false // a package variable's field: where to make it is a design choice
		}
		if ssapath.Reassigned(src.Loc) {
			return analysis.SuggestedFix{}, false // the struct is assigned again: making it at the declaration is not enough
		}
		if fix, ok := makeinit.ForField(pass, x); ok {
			return fix, true
		}
		if lit, ok := ssapath.LiteralOf(src.Loc); ok {
			return makeinit.ForLiteral(pass, lit, x) // the struct is built by a literal, not where x is declared
		}
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{}, false
}
