package indexrange

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

// cutFix rewrites `kv := strings.SplitN(s, sep, 2)` used only as kv[0]
// and kv[1] to `k, v, ok := strings.Cut(s, sep)` with a check of ok.
// Only SplitN with n == 2 means the same as Cut: strings.Split(s,
// sep)[1] is the text between the first two separators, Cut's after is
// all the rest, so a Split is never rewritten.
func (c *checker) cutFix(f *finding) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass, info := c.pass, c.pass.TypesInfo
	src := f.b.src
	if f.definite || f.k != 1 || src == nil || src.kind != srcSplitN || src.n != 2 || src.sep == "" ||
		!isFunc(src.call.Call.StaticCallee(), "strings", "SplitN") || ssa.Value(src.call) != f.ia.X {
		return none, false
	}
	obj := typesutil.LocalVar(info, f.expr.X)
	if obj == nil {
		return none, false
	}
	callCur, ok := c.calls[src.call.Pos()]
	if !ok {
		return none, false
	}
	call := callCur.Node().(*ast.CallExpr)
	defCur, ok := fixutil.EnclosingStmt(callCur)
	if !ok {
		return none, false
	}
	def, ok := defCur.Node().(*ast.AssignStmt)
	if !ok || def.Tok != token.DEFINE || len(def.Lhs) != 1 || len(def.Rhs) != 1 || ast.Unparen(def.Rhs[0]) != call ||
		typesutil.ObjectOf(info, def.Lhs[0]) != obj || !fixutil.AloneOnLines(pass.Fset, defCur) {
		return none, false
	}
	fnCur, ok := typesutil.EnclosingFunc(f.cur)
	if !ok {
		return none, false
	}
	uses, ok := cutUses(info, fnCur, obj)
	if !ok {
		return none, false
	}

	p := &plan{file: fixutil.FileOf(pass.Files, def.Pos()), fnNode: fnCur.Node(), stmt: defCur,
		subject: obj.Name(), obj: obj, at: fixutil.LineStart(pass.Fset, def.Pos()), scope: def.Pos(),
		indent: fixutil.Indent(pass.Fset, def.Pos()), members: []*finding{f}}
	if p.file == nil {
		return none, false
	}
	ex, ok := c.exitFor(p, 2, src)
	if !ok {
		return none, false
	}
	sText, ok1 := fixutil.Text(pass, p.file, call.Args[0].Pos(), call.Args[0].End())
	sepText, ok2 := fixutil.Text(pass, p.file, call.Args[1].Pos(), call.Args[1].End())
	funText, ok3 := fixutil.Text(pass, p.file, call.Fun.Pos(), call.Fun.End())
	if !ok1 || !ok2 || !ok3 {
		return none, false
	}
	cutFun := strings.TrimSuffix(funText, "SplitN") + "Cut"

	names, edits, foldComment, folded := foldNext(pass, p.file, defCur, uses)
	if !folded {
		names = [2]string{"_", "_"}
		for _, ix := range uses {
			j, _ := constInt64(info.Types[ix.Index])
			if names[j] == "_" {
				names[j] = c.freshAt([]string{"before", "after"}[j], def.Pos(), uses)
			}
			edits = append(edits, analysis.TextEdit{Pos: ix.Pos(), End: ix.End(), NewText: []byte(names[j])})
		}
	}
	okName := c.freshAt("ok", def.Pos(), uses)
	rest, ok := fixutil.Text(pass, p.file, def.End(), fixutil.LineEnd(pass.Fset, def.End()))
	if !ok {
		return none, false
	}
	if foldComment != "" {
		if strings.TrimSpace(rest) != "" {
			return none, false // two comments for one line
		}
		rest = " " + foldComment
	}
	text := fmt.Sprintf("%s%s, %s, %s := %s(%s, %s)%s\n%sif !%s {\n",
		p.indent, names[0], names[1], okName, cutFun, sText, sepText, rest, p.indent, okName)
	for _, l := range ex.lines {
		text += p.indent + "\t" + l + "\n"
	}
	text += p.indent + "}\n"
	edits = append(edits, ex.edits...)
	edits = append(edits, analysis.TextEdit{
		Pos: fixutil.LineStart(pass.Fset, def.Pos()), End: fixutil.NextLineStart(pass.Fset, def.End()), NewText: []byte(text),
	})
	edits, ok = fixutil.Gofmt(pass, p.file, edits)
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(pass, msgUseCut.With(cutFun, ex.title, types.ExprString(call.Args[0]), src.sep)),
		TextEdits: edits,
	}, true
}

// freshAt returns base, or base with a number, such that declaring it
// at pos shadows nothing and is not shadowed at any of uses.
func (c *checker) freshAt(base string, pos token.Pos, uses []*ast.IndexExpr) string {
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s%d", base, i)
		}
		free := typesutil.InScope(c.pass.Pkg, pos, name, nil)
		for _, u := range uses {
			if !typesutil.InScope(c.pass.Pkg, u.Pos(), name, nil) {
				free = false
			}
		}
		if free {
			return name
		}
	}
}

func containsIndex(list []*ast.IndexExpr, ix *ast.IndexExpr) bool {
	for _, e := range list {
		if e == ix {
			return true
		}
	}
	return false
}

// cutUses returns the uses of obj, the slice a SplitN made, in the
// function at fnCur, when every one is a read of element 0 or 1.
func cutUses(info *types.Info, fnCur inspector.Cursor, obj types.Object) ([]*ast.IndexExpr, bool) {
	var uses []*ast.IndexExpr
	for cur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if info.Uses[id] != obj {
			continue // another identifier
		}
		ix, ok := cur.Parent().Node().(*ast.IndexExpr)
		if !ok || cur.ParentEdgeKind() != edge.IndexExpr_X || !isReadOnly(cur.Parent()) {
			return nil, false
		}
		tv, ok := info.Types[ix.Index]
		if !ok || tv.Value == nil {
			return nil, false
		}
		if i, ok := constInt64(tv); !ok || (i != 0 && i != 1) {
			return nil, false
		}
		uses = append(uses, ix)
	}
	return uses, len(uses) > 0
}

// foldNext folds `a, b := kv[0], kv[1]` right after the split at defCur
// into the Cut: it returns the names to define, the edit that deletes
// the folded line, and the comment at its end, which moves to the Cut.
func foldNext(pass *analysis.Pass, file *ast.File, defCur inspector.Cursor, uses []*ast.IndexExpr) (names [2]string, edits []analysis.TextEdit, foldComment string, folded bool) {
	info := pass.TypesInfo
	names = [2]string{"_", "_"}
	// a, b := kv[0], kv[1] right after the split: define a and b instead.
	if next, ok := defCur.NextSibling(); ok {
		if as, ok := next.Node().(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) &&
			len(as.Rhs) == len(uses) && fixutil.AloneOnLines(pass.Fset, next) {
			fold := true
			var got [2]bool
			for i, r := range as.Rhs {
				ix, ok := ast.Unparen(r).(*ast.IndexExpr)
				id, isID := as.Lhs[i].(*ast.Ident)
				if !ok || !isID || !containsIndex(uses, ix) {
					fold = false
					break
				}
				j, _ := constInt64(info.Types[ix.Index])
				if got[j] {
					fold = false
					break
				}
				got[j] = true
				names[j] = id.Name
			}
			if fold {
				folded = true
				// The folded line goes; a comment at its end moves to the Cut.
				if rest, ok := fixutil.Text(pass, file, next.Node().End(), fixutil.LineEnd(pass.Fset, next.Node().End())); ok {
					foldComment = strings.TrimSpace(rest)
				}
				edits = append(edits, analysis.TextEdit{
					Pos: fixutil.LineStart(pass.Fset, next.Node().Pos()),
					End: fixutil.NextLineStart(pass.Fset, next.Node().End()),
				})
			}
		}
	}
	return names, edits, foldComment, folded
}
