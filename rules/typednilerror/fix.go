package typednilerror

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

// fixes offers to declare the variable with the interface type, and to
// return nil explicitly on the path where the value is nil.
func (c *checker) fixes(cur inspector.Cursor, fn *ssa.Function, i int, expr ast.Expr, x ssa.Value, src *nilSource) []analysis.SuggestedFix {
	ret := cur.Node().(*ast.ReturnStmt)
	file := fixutil.FileOf(c.pass.Files, ret.Pos())
	if file == nil || expr == nil {
		return nil
	}
	iface := fn.Signature.Results().At(i).Type()
	var fixes []analysis.SuggestedFix
	if fix, ok := c.declareFix(cur, file, expr, iface); ok {
		fixes = append(fixes, fix)
	}
	if fix, ok := c.returnNilFix(cur, file, fn, i, expr, src); ok {
		fixes = append(fixes, fix)
	}
	return fixes
}

// declareFix changes `var e *T` to `var e error` when every use of e
// keeps its meaning with the interface type and nothing assigns e a value
// that may itself be a nil *T.
func (c *checker) declareFix(cur inspector.Cursor, file *ast.File, expr ast.Expr, iface types.Type) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	info := c.pass.TypesInfo
	obj := typesutil.LocalVar(info, expr)
	if obj == nil {
		return none, false
	}
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return none, false
	}
	var spec *ast.ValueSpec
	for n := range fnCur.Preorder((*ast.ValueSpec)(nil)) {
		vs := n.Node().(*ast.ValueSpec)
		if len(vs.Names) == 1 && info.Defs[vs.Names[0]] == obj {
			spec = vs
		}
	}
	if spec == nil || spec.Type == nil || len(spec.Values) != 0 {
		return none, false // not `var e *T`
	}
	for n := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := n.Node().(*ast.Ident)
		if info.Uses[id] != obj {
			continue // another identifier
		}
		if !c.fitsInterface(n, obj, iface) {
			return none, false
		}
	}
	q := typesutil.NewQualifier(file, c.pass.Pkg)
	text, ok := q.TypeString(iface)
	if !ok {
		return none, false
	}
	edits, ok := fixutil.Gofmt(c.pass, file, []analysis.TextEdit{{Pos: spec.Type.Pos(), End: spec.Type.End(), NewText: []byte(text)}})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(c.pass, msgDeclareAs.With(obj.Name(), text)),
		TextEdits: edits,
	}, true
}

// fitsInterface reports whether the use of obj at cur means the same
// when obj has the interface type iface: it is compared with nil,
// returned or passed where iface fits, has a method of iface called, or
// is assigned a value that is never a nil concrete value.
func (c *checker) fitsInterface(cur inspector.Cursor, obj types.Object, iface types.Type) bool {
	info := c.pass.TypesInfo
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	parent := cur.Parent().Node()
	switch cur.ParentEdgeKind() {
	case edge.BinaryExpr_X, edge.BinaryExpr_Y:
		b := parent.(*ast.BinaryExpr)
		other := b.Y
		if cur.ParentEdgeKind() == edge.BinaryExpr_Y {
			other = b.X
		}
		return (b.Op == token.EQL || b.Op == token.NEQ) && isNilIdent(info, other)
	case edge.ReturnStmt_Results:
		fnCur, ok := typesutil.EnclosingFunc(cur)
		if !ok {
			return false
		}
		results, ok := typesutil.ResultsOf(info, fnCur.Node())
		r := parent.(*ast.ReturnStmt)
		if !ok || len(r.Results) != results.Len() {
			return false
		}
		for i, e := range r.Results {
			if e == cur.Node() {
				return types.AssignableTo(iface, results.At(i).Type())
			}
		}
		return false
	case edge.CallExpr_Args:
		call := parent.(*ast.CallExpr)
		ft := info.TypeOf(call.Fun)
		if ft == nil {
			return false
		}
		sig, ok := ft.Underlying().(*types.Signature)
		if !ok {
			return false // a conversion
		}
		for i, a := range call.Args {
			if a != cur.Node() {
				continue
			}
			var pt types.Type
			switch {
			case sig.Variadic() && i >= sig.Params().Len()-1:
				if call.Ellipsis.IsValid() {
					return false
				}
				s, ok := sig.Params().At(sig.Params().Len() - 1).Type().Underlying().(*types.Slice)
				if !ok {
					return false
				}
				pt = s.Elem()
			case i < sig.Params().Len():
				pt = sig.Params().At(i).Type()
			default:
				return false
			}
			return types.AssignableTo(iface, pt)
		}
		return false
	case edge.SelectorExpr_X:
		sel := parent.(*ast.SelectorExpr)
		m, _, _ := types.LookupFieldOrMethod(iface, false, obj.Pkg(), sel.Sel.Name)
		_, isMethod := m.(*types.Func)
		return isMethod
	case edge.AssignStmt_Rhs:
		// err = e, with err of an interface type that iface fits.
		as := parent.(*ast.AssignStmt)
		if len(as.Lhs) != len(as.Rhs) {
			return false
		}
		for i, r := range as.Rhs {
			if r == cur.Node() {
				lt := info.TypeOf(as.Lhs[i])
				return lt != nil && types.IsInterface(lt) && types.AssignableTo(iface, lt)
			}
		}
	case edge.AssignStmt_Lhs:
		as := parent.(*ast.AssignStmt)
		if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
			return false
		}
		for i, l := range as.Lhs {
			if l == cur.Node() {
				return c.neverTypedNil(as.Rhs[i])
			}
		}
	}
	return false
}

// neverTypedNil reports whether e is a value that can be stored in an
// interface without making a typed nil: nil itself, &T{…}, new(T), a
// value that already is an interface, or the result of a function of
// this package that never returns nil.
func (c *checker) neverTypedNil(e ast.Expr) bool {
	info := c.pass.TypesInfo
	e = ast.Unparen(e)
	if isNilIdent(info, e) {
		return true
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		_, isLit := ast.Unparen(u.X).(*ast.CompositeLit)
		return isLit
	}
	if call, ok := e.(*ast.CallExpr); ok {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "new" {
				return true
			}
		}
		if obj := typesutil.Callee(info, call); obj != nil && obj.Signature().Results().Len() == 1 {
			if fn := c.pkg.Prog.FuncValue(obj); fn != nil && fn.Pkg == c.pkg && c.form.HasBody(fn) {
				return !c.mayReturnNil(fn, 0)
			}
		}
	}
	t := info.TypeOf(e)
	return t != nil && types.IsInterface(t)
}

func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// returnNilFix rewrites the return statement to return nil explicitly
// where the value is nil: `return nil` when it always is,
// `if e == nil { return nil }` before `return e` for a variable, and
// `if err := f(); err != nil { return err }; return nil` for a call.
func (c *checker) returnNilFix(cur inspector.Cursor, file *ast.File, fn *ssa.Function, i int, expr ast.Expr, src *nilSource) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass, info := c.pass, c.pass.TypesInfo
	ret := cur.Node().(*ast.ReturnStmt)
	results := fn.Signature.Results()
	if len(ret.Results) != results.Len() || !fixutil.AloneOnLines(pass.Fset, cur) {
		return none, false
	}
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return none, false // e.g. a labeled return
	}
	texts := make([]string, len(ret.Results))
	for j, r := range ret.Results {
		t, ok := fixutil.Text(pass, file, r.Pos(), r.End())
		if !ok || strings.Contains(t, "\n") {
			return none, false
		}
		texts[j] = t
	}
	indent := fixutil.Indent(pass.Fset, ret.Pos())
	withNil := func(v string) string {
		out := append([]string(nil), texts...)
		out[i] = v
		return "return " + strings.Join(out, ", ")
	}
	var text string
	var title rule.Text
	switch e := ast.Unparen(expr).(type) {
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() {
			// (*T)(nil): a conversion of nil.
			text = withNil("nil")
			title = msgReturnNil.With(types.TypeString(info.TypeOf(e), pkgName(pass.Pkg)))
			break
		}
		// The other results are evaluated after the call now: only
		// constants and local variables may be among them.
		for j, r := range ret.Results {
			if j != i && !isSimple(info, r) {
				return none, false
			}
		}
		name := "err"
		if !typesutil.IsError(results.At(i).Type()) {
			name = "v"
		}
		for j, r := range ret.Results {
			if j != i && mentions(r, name) {
				return none, false
			}
		}
		text = fmt.Sprintf("if %s := %s; %s != nil {\n%s\t%s\n%s}\n%s%s",
			name, texts[i], name, indent, withNil(name), indent, indent, withNil("nil"))
		title = msgReturnNilWhenRet.With(texts[i])
	default:
		if !fixutil.IsVarPath(e) {
			return none, false
		}
		if src.always {
			if obj := typesutil.LocalVar(info, e); obj != nil && usesOf(info, cur, obj) == 1 {
				return none, false // e would be left unused: declaring it as error is the fix
			}
			text = withNil("nil")
			title = msgReturnNil.With(types.TypeString(info.TypeOf(e), pkgName(pass.Pkg)))
			break
		}
		text = fmt.Sprintf("if %s == nil {\n%s\t%s\n%s}\n%s%s",
			texts[i], indent, withNil("nil"), indent, indent, "return "+strings.Join(texts, ", "))
		title = msgReturnNilWhenNil.With(texts[i])
	}
	edits, ok := fixutil.Gofmt(pass, file, []analysis.TextEdit{{Pos: ret.Pos(), End: ret.End(), NewText: []byte(text)}})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, title), TextEdits: edits}, true
}

// usesOf counts the uses of obj in the function enclosing cur.
func usesOf(info *types.Info, cur inspector.Cursor, obj types.Object) int {
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return 0
	}
	n := 0
	for c := range fnCur.Preorder((*ast.Ident)(nil)) {
		if info.Uses[c.Node().(*ast.Ident)] == obj {
			n++
		}
	}
	return n
}

// isSimple reports whether e is a constant or a local variable: reading
// it after a call gives what reading it before did, as far as it goes.
func isSimple(info *types.Info, e ast.Expr) bool {
	if tv, ok := info.Types[e]; ok && (tv.Value != nil || tv.IsNil()) {
		return true
	}
	return typesutil.LocalVar(info, e) != nil
}

// mentions reports whether the identifier name occurs in e.
func mentions(e ast.Expr, name string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}
