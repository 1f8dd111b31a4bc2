// Package makeinit builds the fixes that give a nil map or channel a value
// where it is declared: `var m map[K]V` → `m := make(map[K]V)`, a
// package-level `var m map[K]V` → `var m = make(map[K]V)`, and for a
// field of a local struct, `s.f = make(T)` right after s is declared (or
// `f: make(T)` in its composite literal).
//
// A fix is offered only where the rewrite is correct: the declaration is
// the one that leaves the value nil, nothing compares the variable with
// nil or assigns nil to it (making it would change what those see), and
// the edited file is still in gofmt's layout.
//
// A value made at its declaration is not made again: a later `m =
// make(…)` that nothing can tell from the declaration's make (nothing
// refers to m between them, and it is in no loop or function literal
// that the declaration is not in) is deleted, its arguments moving to the
// declaration when they have the same value there (constants, len of an
// unchanged variable); an if it leaves empty goes too (DeleteStmts).
// When such a make cannot go (a channel's buffer size computed after the
// declaration, a variable it would leave unused), there is no fix. A
// later make after a use of m resets it and stays.
package makeinit

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// ForVar returns a fix that makes the variable obj (a map or channel)
// with make where it is declared.
func ForVar(pass *analysis.Pass, obj *types.Var) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if obj == nil || obj.IsField() || obj.Pkg() == nil || obj.Pkg() != pass.Pkg || !obj.Pos().IsValid() {
		return none, false
	}
	file := fixutil.FileOf(pass.Files, obj.Pos())
	if file == nil {
		return none, false
	}
	path, _ := astutil.PathEnclosingInterval(file, obj.Pos(), obj.Pos())
	if len(path) < 3 {
		return none, false
	}
	if id, ok := path[0].(*ast.Ident); !ok || pass.TypesInfo.Defs[id] != obj {
		return none, false
	}
	name := obj.Name()
	pkgLevel := obj.Parent() == pass.Pkg.Scope()

	// The code in which a nil comparison or assignment would change meaning.
	var scope []ast.Node
	if pkgLevel {
		for _, f := range pass.Files {
			scope = append(scope, f)
		}
	} else if fn := enclosingFunc(path); fn != nil {
		scope = []ast.Node{fn}
	} else {
		return none, false
	}
	if nilUsed(pass.TypesInfo, scope, obj) {
		return none, false // code tells nil from made: making it changes behaviour
	}

	var edits []analysis.TextEdit
	var title rule.Text
	switch p := path[1].(type) {
	case *ast.ValueSpec:
		if len(p.Names) != 1 || len(p.Values) != 0 || p.Type == nil {
			return none, false
		}
		typ := exprText(pass, file, p.Type)
		gd, ok := path[2].(*ast.GenDecl)
		if !ok {
			return none, false
		}
		if pkgLevel {
			// var m map[K]V → var m = make(map[K]V)
			edits = []analysis.TextEdit{{Pos: p.Type.Pos(), End: p.Type.End(), NewText: []byte("= make(" + typ + ")")}}
			title = msgInitialize.With(name, typ)
			break
		}
		ds, ok := path[3].(*ast.DeclStmt)
		if !ok || len(gd.Specs) != 1 || gd.Lparen.IsValid() {
			return none, false // a var group, or a declaration outside a statement list
		}
		mk, later, ok := makeArgs(pass, file, scope[0], target{base: obj}, ds, typ)
		if !ok {
			return none, false
		}
		edits = append([]analysis.TextEdit{{Pos: ds.Pos(), End: p.Type.End(), NewText: []byte(name + " := make(" + mk + ")")}}, later...)
		title = msgDeclare.With(name, mk)
	case *ast.AssignStmt:
		// m := map[K]V(nil) → m := make(map[K]V)
		if p.Tok != token.DEFINE || len(p.Lhs) != 1 || len(p.Rhs) != 1 || pkgLevel {
			return none, false
		}
		conv, ok := ast.Unparen(p.Rhs[0]).(*ast.CallExpr)
		if !ok || len(conv.Args) != 1 || !isNilIdent(pass.TypesInfo, conv.Args[0]) {
			return none, false
		}
		if tv, ok := pass.TypesInfo.Types[conv.Fun]; !ok || !tv.IsType() {
			return none, false
		}
		typ := exprText(pass, file, conv.Fun)
		mk, later, ok := makeArgs(pass, file, scope[0], target{base: obj}, p, typ)
		if !ok {
			return none, false
		}
		edits = append([]analysis.TextEdit{{Pos: p.Rhs[0].Pos(), End: p.Rhs[0].End(), NewText: []byte("make(" + mk + ")")}}, later...)
		title = msgDeclare.With(name, mk)
	default:
		return none, false
	}
	edits, ok := Layout(pass, file, sortEdits(edits))
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, title), TextEdits: edits}, true
}

// makeArgs returns what to make t with at its declaration decl (the
// type typ, and the arguments of the makes it takes over), and the edits
// that delete the later makes this makes redundant (see laterMakes).
func makeArgs(pass *analysis.Pass, file *ast.File, fn ast.Node, t target, decl ast.Stmt, typ string) (string, []analysis.TextEdit, bool) {
	redundant, args, ok := laterMakes(pass, fn, t, decl.Pos(), decl.End(), isMapType(t))
	if !ok {
		return "", nil, false
	}
	mk := typ
	if args != "" {
		mk += ", " + args
	}
	if len(redundant) == 0 {
		return mk, nil, true
	}
	edits, _, ok := DeleteStmts(pass, file, redundant)
	if !ok {
		return "", nil, false // a later make that cannot go: it would make the value twice
	}
	return mk, edits, true
}

// isMapType reports whether t is a map.
func isMapType(t target) bool {
	typ := t.base.Type()
	for _, f := range t.path {
		if p, ok := typ.Underlying().(*types.Pointer); ok {
			typ = p.Elem()
		}
		st, ok := typ.Underlying().(*types.Struct)
		if !ok {
			return false
		}
		found := false
		for i := 0; i < st.NumFields(); i++ {
			if st.Field(i).Name() == f {
				typ, found = st.Field(i).Type(), true
				break
			}
		}
		if !found {
			return false
		}
	}
	_, ok := typ.Underlying().(*types.Map)
	return ok
}

// ForField returns a fix that makes the field path sel (x.f, x.f.g) of
// the local struct variable x right where x is declared: `x.f = make(T)`
// after `var x S` (or `x := S{…}`, `x := new(S)`), or `f: make(T)` in
// x's composite literal.
func ForField(pass *analysis.Pass, sel *ast.SelectorExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	info := pass.TypesInfo
	// Walk down to the base variable; every step must select a field.
	var fields []string
	var e ast.Expr = sel
	for {
		s, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			break
		}
		if selection, ok := info.Selections[s]; !ok || selection.Kind() != types.FieldVal || len(selection.Index()) != 1 {
			return none, false // a method, a qualified name or a promoted field
		}
		fields = append([]string{s.Sel.Name}, fields...)
		e = s.X
	}
	base, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return none, false
	}
	obj := typesutil.LocalVar(info, base)
	if obj == nil {
		return none, false
	}
	file := fixutil.FileOf(pass.Files, obj.Pos())
	if file == nil || fixutil.FileOf(pass.Files, sel.Pos()) != file {
		return none, false
	}
	q := typesutil.NewQualifier(file, pass.Pkg)
	typ, ok := q.TypeString(info.TypeOf(sel))
	if !ok {
		return none, false // the type names a package the file does not import
	}
	path, _ := astutil.PathEnclosingInterval(file, obj.Pos(), obj.Pos())
	if len(path) < 4 {
		return none, false
	}
	if id, ok := path[0].(*ast.Ident); !ok || info.Defs[id] != obj {
		return none, false
	}
	var stmt ast.Stmt
	var lit *ast.CompositeLit
	switch p := path[1].(type) {
	case *ast.ValueSpec:
		gd, ok1 := path[2].(*ast.GenDecl)
		ds, ok2 := path[3].(*ast.DeclStmt)
		if !ok1 || !ok2 || len(gd.Specs) != 1 || len(p.Names) != 1 || len(p.Values) != 0 {
			return none, false
		}
		stmt = ds
	case *ast.AssignStmt:
		if p.Tok != token.DEFINE || len(p.Lhs) != 1 || len(p.Rhs) != 1 {
			return none, false
		}
		rhs := ast.Unparen(p.Rhs[0])
		if u, ok := rhs.(*ast.UnaryExpr); ok && u.Op == token.AND {
			rhs = ast.Unparen(u.X)
		}
		if lit, ok = rhs.(*ast.CompositeLit); !ok && !isNewCall(info, rhs) {
			return none, false // not built here
		}
		stmt = p
	default:
		return none, false
	}
	if !inStmtList(path, stmt) {
		return none, false
	}
	fn := enclosingFunc(path)
	if fn == nil {
		return none, false
	}
	mk, later, ok := makeArgs(pass, file, fn, target{base: obj, path: fields}, stmt, typ)
	if !ok {
		return none, false
	}
	if lit != nil && len(fields) == 1 {
		if fix, ok := addToLiteral(pass, file, lit, fields[0], mk, later); ok {
			return fix, true
		}
	}
	// x.f = make(T) on the line after the declaration.
	lhs := base.Name
	for _, f := range fields {
		lhs += "." + f
	}
	indent := fixutil.Indent(pass.Fset, stmt.Pos())
	at := fixutil.LineEnd(pass.Fset, fixutil.End(pass.Fset, stmt))
	edits := append([]analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + indent + lhs + " = make(" + mk + ")")}}, later...)
	edits, ok = Layout(pass, file, sortEdits(edits))
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, msgMakeAfter.With(lhs, base.Name)), TextEdits: edits}, true
}

// ForLiteral returns a fix that makes the field sel.Sel (a map or
// channel) in the keyed composite literal whose opening brace is at
// lbrace, the struct that sel reads on some path: `f: make(T)` added to
// `&T{…}` in b := m[k]; if !ok { b = &T{…} }; b.f[k] = v.
func ForLiteral(pass *analysis.Pass, lbrace token.Pos, sel *ast.SelectorExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	info := pass.TypesInfo
	if selection, ok := info.Selections[sel]; !ok || selection.Kind() != types.FieldVal || len(selection.Index()) != 1 {
		return none, false // a method, a qualified name or a promoted field
	}
	file := fixutil.FileOf(pass.Files, lbrace)
	if file == nil || fixutil.FileOf(pass.Files, sel.Pos()) != file {
		return none, false
	}
	path, _ := astutil.PathEnclosingInterval(file, lbrace, lbrace)
	var lit *ast.CompositeLit
	for _, n := range path {
		if cl, ok := n.(*ast.CompositeLit); ok && cl.Lbrace == lbrace {
			lit = cl
			break
		}
	}
	if lit == nil {
		return none, false
	}
	// The literal must build the struct whose field sel reads.
	lt := info.TypeOf(lit)
	xt := info.TypeOf(sel.X)
	if lt == nil || xt == nil {
		return none, false
	}
	if p, ok := xt.Underlying().(*types.Pointer); ok {
		xt = p.Elem()
	}
	if !types.Identical(lt, xt) {
		return none, false
	}
	q := typesutil.NewQualifier(file, pass.Pkg)
	typ, ok := q.TypeString(info.TypeOf(sel))
	if !ok {
		return none, false // the type names a package the file does not import
	}
	return addToLiteral(pass, file, lit, sel.Sel.Name, typ, nil)
}

// isNewCall reports whether e is a call of the builtin new.
func isNewCall(info *types.Info, e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	b, ok := typesutil.ObjectOf(info, call.Fun).(*types.Builtin)
	return ok && b.Name() == "new"
}

// addToLiteral adds `field: make(typ)` to a keyed (or empty) composite
// literal.
func addToLiteral(pass *analysis.Pass, file *ast.File, lit *ast.CompositeLit, field, typ string, later []analysis.TextEdit) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	for _, elt := range lit.Elts {
		if _, ok := elt.(*ast.KeyValueExpr); !ok {
			return none, false // positional: cannot add one field
		}
	}
	kv := field + ": make(" + typ + ")"
	var edit analysis.TextEdit
	fset := pass.Fset
	switch {
	case len(lit.Elts) == 0:
		edit = analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(kv)}
	case fset.Position(lit.Lbrace).Line == fset.Position(lit.Rbrace).Line:
		last := lit.Elts[len(lit.Elts)-1]
		edit = analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(", " + kv)}
	default:
		// One element per line: a new line before the closing brace.
		at := fixutil.LineStart(fset, lit.Rbrace)
		last := lit.Elts[len(lit.Elts)-1]
		if fset.Position(last.End()).Line == fset.Position(lit.Rbrace).Line {
			return none, false // the brace follows the last element
		}
		indent := fixutil.Indent(fset, last.Pos())
		edit = analysis.TextEdit{Pos: at, End: at, NewText: []byte(indent + kv + ",\n")}
	}
	edits := append([]analysis.TextEdit{edit}, later...)
	edits, ok := Layout(pass, file, sortEdits(edits))
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, msgAddToLit.With(kv)), TextEdits: edits}, true
}

// nilUsed reports whether code in scope compares obj with nil or assigns
// nil to it.
func nilUsed(info *types.Info, scope []ast.Node, obj types.Object) bool {
	found := false
	for _, n := range scope {
		ast.Inspect(n, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) &&
					(is(info, n.X, obj) && isNilIdent(info, n.Y) || is(info, n.Y, obj) && isNilIdent(info, n.X)) {
					found = true
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if is(info, lhs, obj) && len(n.Rhs) == len(n.Lhs) && isNilIdent(info, n.Rhs[i]) {
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}

func is(info *types.Info, e ast.Expr, obj types.Object) bool {
	return typesutil.ObjectOf(info, e) == obj
}

// isNilIdent reports whether e is the predeclared nil.
func isNilIdent(info *types.Info, e ast.Expr) bool {
	_, ok := typesutil.ObjectOf(info, e).(*types.Nil)
	return ok
}

// enclosingFunc returns the innermost function of path.
func enclosingFunc(path []ast.Node) ast.Node {
	for _, n := range path {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n
		}
	}
	return nil
}

// inStmtList reports whether stmt, on path, is an element of a block or
// case body.
func inStmtList(path []ast.Node, stmt ast.Stmt) bool {
	for i, n := range path {
		if n != stmt || i+1 >= len(path) {
			continue // not the statement, or nothing encloses it
		}
		switch p := path[i+1].(type) {
		case *ast.BlockStmt:
			return true
		case *ast.CaseClause:
			return contains(p.Body, stmt)
		case *ast.CommClause:
			return contains(p.Body, stmt)
		}
		return false
	}
	return false
}

func contains(list []ast.Stmt, s ast.Stmt) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// exprText returns the source text of e, or its printed form.
func exprText(pass *analysis.Pass, file *ast.File, e ast.Expr) string {
	if s, ok := fixutil.Text(pass, file, e.Pos(), e.End()); ok {
		return s
	}
	return types.ExprString(e)
}

// Layout returns edits equivalent to edits whose result is in gofmt's
// layout (fixutil.Gofmt, which realigns the comments and columns around
// inserted lines), and false when there are none. Editors apply fixes
// verbatim, so a fix that would need reformatting is not offered: where
// the declarations the edits touch are not gofmt'd to begin with (often
// only a doc comment, which gofmt has rewrapped since Go 1.19), they must
// be gofmt'd after the fix (fixutil.GofmtStrict).
func Layout(pass *analysis.Pass, file *ast.File, edits []analysis.TextEdit) ([]analysis.TextEdit, bool) {
	return fixutil.GofmtStrict(pass, file, edits)
}
