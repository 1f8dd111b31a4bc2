package paladininit

import (
	"go/ast"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// checkMainLiterals reports a use of paladin in a function literal,
// goroutine or deferred call written in main when nothing in main (in
// those either) initialises paladin, or may: whenever the literal runs
// (a handler, a callback, a goroutine), the client is still nil. When
// main does initialise paladin, a literal is taken to run after it, as
// handlers do, and is not followed.
func (c *checker) checkMainLiterals(main *function) {
	var first *event
	initialises := false
	var inLit func(n ast.Node, lit bool)
	inLit = func(n ast.Node, lit bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			if initialises {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				inLit(n.Body, true)
				return false
			case *ast.GoStmt:
				inLit(n.Call, true)
				return false
			case *ast.DeferStmt:
				inLit(n.Call, true)
				return false
			case *ast.CallExpr:
				for _, e := range c.callEvents(n) {
					switch e.kind {
					case initEvent, opaqueEvent:
						initialises = true
					case useEvent:
						if lit && first == nil {
							first = &e
						}
					}
				}
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if c.isDefaultClient(l) {
						initialises = true
					}
				}
			}
			return true
		})
	}
	inLit(main.decl.Body, false)
	if initialises || first == nil {
		return // main initialises paladin (or may), or uses it nowhere else
	}
	u := first.use
	what := msgUseVia.With(u.Call, u.Func, u.File, u.Line, msgFuncLit.With())
	if u.Func == typesutil.QualifiedName(main.obj) {
		what = msgUseLitLine.With(u.Call, u.Line)
	}
	c.pass.Report(analysis.Diagnostic{
		Pos:     main.decl.Pos(),
		End:     main.decl.Type.End(),
		Message: rule.Say(c.pass, msgNeverInit.With(what)),
		Related: []analysis.RelatedInformation{{Pos: first.node.Pos(), End: first.node.End(), Message: rule.Say(c.pass, msgFirstUse.With())}},
	})
}
