package makeinit

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// DeleteStmts returns edits that delete the statements stmts of file,
// each with its lines, and tidy up what that leaves empty: an if whose
// body loses all its statements goes too when it has no init statement,
// its condition has no side effects (see isPure) and its else, if any,
// is emptied as well (`close(ch)` alone in `if !graceful { … }` takes
// the if with it); an else block that loses all its statements goes, the
// if staying. pruned reports whether a whole if goes. It fails (ok false)
// when a statement is not alone on its lines of a statement list, or
// deleting would leave an if with an empty body and a non-empty else.
func DeleteStmts(pass *analysis.Pass, file *ast.File, stmts []ast.Stmt) (edits []analysis.TextEdit, pruned, ok bool) {
	info := pass.TypesInfo
	gone := make(map[ast.Stmt]bool)
	for _, s := range stmts {
		gone[s] = true
	}
	// An if whose blocks all lose every statement goes as a whole.
	emptied := func(b *ast.BlockStmt) bool {
		if b == nil || len(b.List) == 0 {
			return false // (an empty block that was empty before is left alone)
		}
		for _, s := range b.List {
			if !gone[s] {
				return false
			}
		}
		return true
	}
	var elses []*ast.IfStmt // ifs that lose their else block only
	for changed := true; changed; {
		changed = false
		for s := range gone {
			path, _ := astutil.PathEnclosingInterval(file, s.Pos(), s.End())
			i := indexOf(path, s)
			if i < 0 || i+2 >= len(path) {
				continue // not found, or nothing encloses it
			}
			block, isBlock := path[i+1].(*ast.BlockStmt)
			ifs, isIf := path[i+2].(*ast.IfStmt)
			if !isBlock || !isIf || !emptied(block) {
				continue // not the last statement left of an if's block
			}
			switch {
			case block == ifs.Body && ifs.Init == nil && isPure(info, ifs.Cond) && (ifs.Else == nil || isEmptied(ifs.Else, emptied)):
				for _, x := range block.List {
					delete(gone, x)
				}
				if eb, ok := ifs.Else.(*ast.BlockStmt); ok {
					for _, x := range eb.List {
						delete(gone, x)
					}
				}
				gone[ifs] = true
				pruned, changed = true, true
			case block == ifs.Body:
				return nil, false, false // an empty then-block: `if c {} else {…}`
			case ast.Stmt(block) == ifs.Else:
				for _, x := range block.List {
					delete(gone, x)
				}
				elses = append(elses, ifs)
				changed = true
			}
		}
	}
	fset := pass.Fset
	for _, ifs := range elses {
		if gone[ifs] {
			continue // goes as a whole
		}
		edits = append(edits, analysis.TextEdit{Pos: ifs.Body.End(), End: ifs.Else.End()})
	}
	for s := range gone {
		path, _ := astutil.PathEnclosingInterval(file, s.Pos(), s.End())
		i := indexOf(path, s)
		if i < 0 || i+1 >= len(path) {
			return nil, false, false
		}
		if outer, ok := path[i+1].(*ast.IfStmt); ok && outer.Else == s {
			// else if c { … }: delete from the end of the block before it.
			edits = append(edits, analysis.TextEdit{Pos: outer.Body.End(), End: s.End()})
			continue
		}
		list, ok := typesutil.StmtList(path[i+1])
		if !ok {
			return nil, false, false // not an element of a statement list
		}
		if !aloneInList(fset, list, s) || !fixutil.OwnsLines(pass, file, s) {
			return nil, false, false // shares its lines
		}
		edits = append(edits, analysis.TextEdit{Pos: fixutil.LineStart(fset, s.Pos()), End: fixutil.NextLineStart(fset, s.End())})
	}
	edits = sortEdits(edits)
	for i := 1; i < len(edits); i++ {
		if edits[i].Pos < edits[i-1].End {
			return nil, false, false // overlapping (cannot happen: each goes once)
		}
	}
	if leavesUnused(info, file, edits) {
		return nil, false, false // a variable or import used only by what goes
	}
	return edits, pruned, true
}

// leavesUnused reports whether deleting the text of edits leaves a local
// variable (not a parameter) or an imported package of file unused:
// something the deleted code refers to that nothing else in file does.
func leavesUnused(info *types.Info, file *ast.File, edits []analysis.TextEdit) bool {
	inEdits := func(pos token.Pos) bool {
		for _, e := range edits {
			if e.Pos <= pos && pos < e.End {
				return true
			}
		}
		return false
	}
	// The objects the deleted code uses, and whether anything else does.
	used := make(map[types.Object]bool)
	var params []*ast.FieldList
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncType:
			params = append(params, n.Params, n.Results)
		case *ast.Ident:
			obj := info.Uses[n]
			if obj == nil {
				return true
			}
			if inEdits(n.Pos()) {
				if _, ok := used[obj]; !ok {
					used[obj] = false
				}
			} else {
				used[obj] = true
			}
		}
		return true
	})
	isParam := func(pos token.Pos) bool {
		for _, fl := range params {
			if fl != nil && fl.Pos() <= pos && pos < fl.End() {
				return true
			}
		}
		return false
	}
	for obj, elsewhere := range used {
		if elsewhere || inEdits(obj.Pos()) {
			continue // still used, or declared in what goes too
		}
		switch o := obj.(type) {
		case *types.PkgName:
			return true // the import would be unused
		case *types.Var:
			if o.IsField() || o.Parent() == nil || o.Pkg() == nil || o.Parent() == o.Pkg().Scope() || isParam(o.Pos()) {
				continue // fields, package variables and parameters may go unused
			}
			if fixutil.FileOf([]*ast.File{file}, o.Pos()) == nil {
				continue // declared in another file: a package-level variable
			}
			return true
		}
	}
	return false
}

// isEmptied reports whether the else branch e is a block that emptied
// says loses all its statements.
func isEmptied(e ast.Stmt, emptied func(*ast.BlockStmt) bool) bool {
	b, ok := e.(*ast.BlockStmt)
	return ok && emptied(b)
}

// indexOf returns the index of n in path, or -1.
func indexOf(path []ast.Node, n ast.Node) int {
	for i, x := range path {
		if x == n {
			return i
		}
	}
	return -1
}

// aloneInList reports whether no statement of list next to s shares a
// line with it.
func aloneInList(fset *token.FileSet, list []ast.Stmt, s ast.Stmt) bool {
	line := func(p token.Pos) int { return fset.Position(p).Line }
	for i, x := range list {
		if x != s {
			continue
		}
		if i > 0 && line(list[i-1].End()) == line(s.Pos()) {
			return false
		}
		if i+1 < len(list) && line(list[i+1].Pos()) == line(s.End()) {
			return false
		}
		return true
	}
	return false
}

// sortEdits returns edits sorted by position.
func sortEdits(edits []analysis.TextEdit) []analysis.TextEdit {
	for i := 1; i < len(edits); i++ {
		for j := i; j > 0 && edits[j].Pos < edits[j-1].Pos; j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
	return edits
}

// isPure reports whether evaluating e has no effect that deleting it
// would lose: it reads variables, constants and struct fields, and
// applies operators that cannot panic (no division, no indexing, no
// calls but len, cap and conversions). A field read through a nil
// pointer does panic; deleting such a read is taken as harmless.
func isPure(info *types.Info, e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return isPure(info, e.X)
	case *ast.UnaryExpr:
		switch e.Op {
		case token.NOT, token.SUB, token.ADD, token.XOR:
			return isPure(info, e.X)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.QUO, token.REM:
			return false // division by zero panics
		}
		return isPure(info, e.X) && isPure(info, e.Y)
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			return sel.Kind() == types.FieldVal && isPure(info, e.X)
		}
		_, isPkg := info.Uses[identOf(e.X)].(*types.PkgName)
		return isPkg // a qualified name: pkg.Var, pkg.Const
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() {
			return len(e.Args) == 1 && isPure(info, e.Args[0]) // a conversion
		}
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
				return len(e.Args) == 1 && isPure(info, e.Args[0])
			}
		}
	}
	return false
}

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}
