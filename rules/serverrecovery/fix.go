package serverrecovery

import (
	"go/ast"
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
	if s.mw != nil {
		edit, ok = insertFirst(pass, file, s.mw, call)
		title = msgFixPrepend.With(call, calledAs(s.mw, "Middleware"))
	} else {
		opt := qual + ".Middleware(" + call + ")"
		edit, ok = insertFirst(pass, file, s.call, opt)
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

// insertFirst returns the edit that makes text call's first argument: on
// a line of its own when the first argument starts one.
func insertFirst(pass *analysis.Pass, file *ast.File, call *ast.CallExpr, text string) (analysis.TextEdit, bool) {
	if len(call.Args) == 0 {
		return analysis.TextEdit{Pos: call.Rparen, End: call.Rparen, NewText: []byte(text)}, true
	}
	first := call.Args[0]
	if fixutil.StartsLine(pass, file, first.Pos()) {
		at := first.Pos()
		return analysis.TextEdit{Pos: at, End: at, NewText: []byte(text + ",\n" + fixutil.Indent(pass.Fset, at))}, true
	}
	return analysis.TextEdit{Pos: first.Pos(), End: first.Pos(), NewText: []byte(text + ", ")}, true
}
