package serverrecovery

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// recoveryFix puts recovery.Recovery() first in the server's Middleware
// option, or adds the option first among the server's options.
func recoveryFix(pass *analysis.Pass, s *server) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if s.noFix {
		return none, false
	}
	file := fixutil.FileOf(pass.Files, s.call.Pos())
	if file == nil {
		return none, false
	}
	qual, ok := qualifier(pass, s.call)
	if !ok {
		return none, false // called from inside the server package
	}
	transport := "transport/grpc"
	if s.http {
		transport = "transport/http"
	}
	modPrefix, ok := strings.CutSuffix(s.fn.Pkg().Path(), transport)
	if !ok {
		return none, false
	}
	rec, imp, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, s.call.Pos(), modPrefix+"middleware/recovery", "recovery")
	if !ok {
		return none, false // the name recovery is taken
	}
	call := rec + ".Recovery()"
	var edit analysis.TextEdit
	var title rule.Text
	opt := qual + ".Middleware(" + call + ")"
	switch {
	case s.mw != nil:
		edit, ok = insertFirst(pass, file, s.mw.Args, s.mw.Rparen, call)
		title = msgFixPrepend.With(call, calledAs(s.mw, "Middleware"))
	case s.call.Ellipsis.IsValid() && s.lit != nil:
		edit, ok = insertFirst(pass, file, s.lit.Elts, s.lit.Rbrace, opt)
		title = msgFixAdd.With(opt)
	case s.call.Ellipsis.IsValid():
		return none, false // the options come from appends alone
	default:
		edit, ok = insertFirst(pass, file, s.call.Args, s.call.Rparen, opt)
		title = msgFixAdd.With(opt)
	}
	if !ok {
		return none, false
	}
	edits, ok := fixutil.GofmtEdits(pass, file, edit)
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, title), TextEdits: slices.Concat(imp, edits)}, true
}

// qualifier returns the name by which call names its function's package.
func qualifier(pass *analysis.Pass, call *ast.CallExpr) (string, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return "", false
	}
	if _, ok := pass.TypesInfo.Uses[id].(*types.PkgName); !ok {
		return "", false
	}
	return id.Name, true
}

// insertFirst returns the edit that makes text the first of a call's
// arguments or a literal's elements (list, closed at end): on a line of
// its own when the first one starts one.
func insertFirst(pass *analysis.Pass, file *ast.File, list []ast.Expr, end token.Pos, text string) (analysis.TextEdit, bool) {
	if len(list) == 0 {
		return analysis.TextEdit{Pos: end, End: end, NewText: []byte(text)}, true
	}
	first := list[0]
	if fixutil.StartsLine(pass, file, first.Pos()) {
		at := first.Pos()
		return analysis.TextEdit{Pos: at, End: at, NewText: []byte(text + ",\n" + fixutil.Indent(pass.Fset, at))}, true
	}
	return analysis.TextEdit{Pos: first.Pos(), End: first.Pos(), NewText: []byte(text + ", ")}, true
}
