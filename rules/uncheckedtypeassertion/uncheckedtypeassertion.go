// Package uncheckedtypeassertion defines the unchecked-type-assertion
// rule: a single-value type assertion x.(T) panics when x holds another
// type (or is nil), where the comma-ok form v, ok := x.(T) does not.
//
// It proves only what syntax and types show. It leaves alone assertions
// that cannot fail but for a nil x (x's type already implements the
// interface T), assertions guarded by an enclosing comma-ok check or type
// switch case of the same expression and type, assertions on values whose
// dynamic type the program fixes by construction (sync.Pool.Get,
// atomic.Value.Load, container/heap elements, the argument of a
// heap.Interface Push), assertions in
// Must* functions (which panic by design), and reflection code that has
// checked the type first. In _test.go files it reports at hint severity.
package uncheckedtypeassertion

import (
	"embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"unicode"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the unchecked-type-assertion rule.
var Rule = rule.Define(rule.Spec{
	ID:       "unchecked-type-assertion",
	InTests:  rule.Hint, // a test that panics fails, loudly but harmlessly
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Syntax:   true,
	Fixes:    true,
	Notes:    notes,
	Messages: messages,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, _ *rule.Options) error {
	inspect := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// declared records the names earlier fixes declare in each scope, so
	// that fixes applied together (fix all, check -fix) do not declare a
	// name twice.
	declared := make(map[*types.Scope]map[string]bool)
	for cur := range inspect.Root().Preorder((*ast.TypeAssertExpr)(nil)) {
		assert := cur.Node().(*ast.TypeAssertExpr)
		if assert.Type == nil {
			continue // x.(type) in a type switch
		}
		if isCommaOK(cur) {
			continue // v, ok := x.(T) cannot panic
		}
		if cannotFail(pass.TypesInfo, assert) {
			continue // only a nil x fails, and that is another mistake
		}
		if isGuarded(pass.TypesInfo, cur, assert) {
			continue // an enclosing check already proved the type
		}
		if hasFixedDynamicType(pass.TypesInfo, cur, assert.X) {
			continue // the program fixes the dynamic type by construction
		}
		if isSameTypeClone(pass.TypesInfo, assert) {
			continue // proto.Clone returns a message of its argument's type
		}
		var fn ast.Node // nil at package level
		if fnCur, ok := typesutil.EnclosingFunc(cur); ok {
			fn = fnCur.Node()
		}
		if fd, ok := fn.(*ast.FuncDecl); ok && isMustName(fd.Name.Name) {
			continue // Must* functions panic by design
		}
		if inReflectCheck(pass.TypesInfo, cur) {
			continue // reflection code that checked the type first
		}

		xText := render(pass.Fset, assert.X)
		tText := render(pass.Fset, assert.Type)
		d := analysis.Diagnostic{
			Pos:     assert.Pos(),
			End:     assert.End(),
			Message: fmt.Sprintf("unchecked type assertion %s panics when %s holds another type", xText+".("+tText+")", xText),
		}
		file := fixutil.FileOf(pass.Files, assert.Pos())
		if fix, ok := suggestFix(pass, file, cur, fn, assert, declared); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
	return nil
}

// isCommaOK reports whether the assertion at cur is the single value of
// a two-value assignment or declaration.
func isCommaOK(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		return len(p.Lhs) == 2 && len(p.Rhs) == 1
	case *ast.ValueSpec:
		return len(p.Names) == 2 && len(p.Values) == 1
	}
	return false
}

// cannotFail reports whether x's static type already implements the
// interface T, so that only a nil x makes the assertion panic.
func cannotFail(info *types.Info, assert *ast.TypeAssertExpr) bool {
	xt, tt := info.TypeOf(assert.X), info.TypeOf(assert.Type)
	if xt == nil || tt == nil || !types.IsInterface(tt) {
		return false
	}
	iface, ok := tt.Underlying().(*types.Interface)
	return ok && types.Implements(xt, iface)
}

// isGuarded reports whether an enclosing statement has checked that the
// asserted expression holds T: the body of `if _, ok := x.(T); ok`, or a
// `case T:` clause of a type switch on x.
func isGuarded(info *types.Info, cur inspector.Cursor, assert *ast.TypeAssertExpr) bool {
	tt := info.TypeOf(assert.Type)
	if tt == nil {
		return false
	}
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false // guards do not reach into other functions
		case *ast.CaseClause:
			sw, ok := c.Parent().Parent().Node().(*ast.TypeSwitchStmt)
			if !ok {
				continue // a case of an expression switch
			}
			x := typeSwitchX(sw)
			if x == nil || !sameExpr(info, x, assert.X) {
				continue // a switch on something else
			}
			for _, e := range n.List {
				if t := info.TypeOf(e); t != nil && types.Identical(t, tt) {
					return true
				}
			}
		case *ast.IfStmt:
			if c.ParentEdgeKind() == edge.IfStmt_Else {
				continue // an else-if: its guard is checked below, at its own level
			}
			_ = n
		case *ast.BlockStmt:
			ifc := c.Parent()
			ifs, ok := ifc.Node().(*ast.IfStmt)
			if !ok || c.ParentEdgeKind() != edge.IfStmt_Body {
				continue // not the then-branch of an if
			}
			if ifGuards(info, ifs, assert.X, tt) {
				return true
			}
		}
	}
	return false
}

// typeSwitchX returns the expression a type switch switches on.
func typeSwitchX(sw *ast.TypeSwitchStmt) ast.Expr {
	var e ast.Expr
	switch a := sw.Assign.(type) {
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			e = a.Rhs[0]
		}
	case *ast.ExprStmt:
		e = a.X
	}
	if ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr); ok {
		return ta.X
	}
	return nil
}

// ifGuards reports whether the condition of ifs proves x holds t:
// `if _, ok := x.(t); ok` (possibly `&& …`).
func ifGuards(info *types.Info, ifs *ast.IfStmt, x ast.Expr, t types.Type) bool {
	as, ok := ifs.Init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return false
	}
	ta, ok := ast.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil || !sameExpr(info, ta.X, x) {
		return false
	}
	if at := info.TypeOf(ta.Type); at == nil || !types.Identical(at, t) {
		return false
	}
	okObj := typesutil.ObjectOf(info, as.Lhs[1])
	if okObj == nil {
		return false
	}
	// The condition must be ok, or ok && ….
	var conj func(e ast.Expr) bool
	conj = func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.LAND {
			return conj(b.X) || conj(b.Y)
		}
		return typesutil.ObjectOf(info, e) == okObj
	}
	return conj(ifs.Cond)
}

// sameExpr reports whether a and b denote the same variable, the same
// field path of one (x, x.f, x.f.g), or the same element of one indexed
// by the same variable or constant (m[k], m["k"]).
func sameExpr(info *types.Info, a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		if !ok {
			return false
		}
		oa, ob := info.ObjectOf(a), info.ObjectOf(b)
		if oa == nil || ob == nil {
			return a.Name == b.Name // no types: compare spelling
		}
		return oa == ob
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		return ok && a.Sel.Name == b.Sel.Name && sameExpr(info, a.X, b.X)
	case *ast.IndexExpr:
		b, ok := b.(*ast.IndexExpr)
		return ok && sameExpr(info, a.X, b.X) && sameIndex(info, a.Index, b.Index)
	}
	return false
}

// sameIndex reports whether two index expressions are the same variable
// or the same constant.
func sameIndex(info *types.Info, a, b ast.Expr) bool {
	if ta, tb := info.Types[a], info.Types[b]; ta.Value != nil && tb.Value != nil {
		return ta.Value.ExactString() == tb.Value.ExactString()
	}
	_, aIsIdent := ast.Unparen(a).(*ast.Ident)
	return aIsIdent && sameExpr(info, a, b)
}

// hasFixedDynamicType reports whether x is a value whose dynamic type the
// program fixes by construction, in one place: a value taken from a
// sync.Pool (its New makes it), an atomic.Value (which panics itself on a
// Store of another type) or a container/heap, or the argument of a
// heap.Interface Push method. Values of a sync.Map, a container/list or
// a cache are not: any code may store any type there, and a wrong one is
// the pitfall.
func hasFixedDynamicType(info *types.Info, cur inspector.Cursor, x ast.Expr) bool {
	x = ast.Unparen(x)
	switch x := x.(type) {
	case *ast.CallExpr:
		return isContainerGet(info, x)
	case *ast.Ident:
		v, ok := info.ObjectOf(x).(*types.Var)
		if !ok {
			return false
		}
		return isPushParam(info, cur, v) || isAssignedFromContainer(info, cur, v)
	}
	return false
}

// isSameTypeClone reports whether the assertion is proto.Clone(m).(T)
// (any protobuf runtime's Clone) where m's static type is T: Clone
// returns a message of its argument's dynamic type.
func isSameTypeClone(info *types.Info, assert *ast.TypeAssertExpr) bool {
	call, ok := ast.Unparen(assert.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	fn := typesutil.Callee(info, call)
	if fn == nil || fn.Name() != "Clone" || fn.Pkg() == nil || !strings.HasSuffix(fn.Pkg().Path(), "/proto") {
		return false
	}
	at, tt := info.TypeOf(call.Args[0]), info.TypeOf(assert.Type)
	return at != nil && tt != nil && types.Identical(at, tt)
}

// isContainerGet reports whether call takes a value out of a container
// whose element type the program fixes.
func isContainerGet(info *types.Info, call *ast.CallExpr) bool {
	fn := typesutil.Callee(info, call)
	switch {
	case typesutil.IsMethod(fn, "sync", "Pool", "Get"),
		typesutil.IsMethod(fn, "sync/atomic", "Value", "Load"),
		typesutil.IsMethod(fn, "sync/atomic", "Value", "Swap"),
		typesutil.IsFunc(fn, "container/heap", "Pop"),
		typesutil.IsFunc(fn, "container/heap", "Remove"):
		return true
	}
	// h.Pop() on a heap.Interface implementation's own Pop.
	if fn != nil && fn.Name() == "Pop" && fn.Signature().Recv() != nil && implementsHeap(fn.Signature().Recv().Type()) {
		return true
	}
	return false
}

// implementsHeap reports whether t (or *t) has the methods of heap.Interface.
func implementsHeap(t types.Type) bool {
	ms := types.NewMethodSet(t)
	if _, ok := t.(*types.Pointer); !ok {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for _, name := range []string{"Len", "Less", "Swap", "Push", "Pop"} {
		if ms.Lookup(nil, name) == nil {
			// Lookup needs the package for unexported names; these are exported.
			return false
		}
	}
	return true
}

// isPushParam reports whether v is the parameter of a heap.Interface
// Push(x any) method enclosing cur.
func isPushParam(info *types.Info, cur inspector.Cursor, v *types.Var) bool {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd := c.Node().(*ast.FuncDecl)
		if fd.Recv == nil || fd.Name.Name != "Push" {
			return false
		}
		fn, ok := info.Defs[fd.Name].(*types.Func)
		if !ok {
			return false
		}
		sig := fn.Signature()
		return sig.Params().Len() == 1 && sig.Params().At(0) == v && implementsHeap(sig.Recv().Type())
	}
	return false
}

// isAssignedFromContainer reports whether v is a local variable defined
// by a container read (isContainerGet), and never assigned again.
func isAssignedFromContainer(info *types.Info, cur inspector.Cursor, v *types.Var) bool {
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return false
	}
	var defs []ast.Expr // right-hand sides that assign v
	assigned := 0
	for c := range fnCur.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.IncDecStmt)(nil), (*ast.UnaryExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if typesutil.ObjectOf(info, lhs) != v {
					continue
				}
				assigned++
				if len(n.Rhs) == 1 && i == 0 {
					defs = append(defs, n.Rhs[0])
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] == v && len(n.Values) == 1 && i == 0 {
					assigned++
					defs = append(defs, n.Values[0])
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(info, n.X) == v {
				return false // its address escapes
			}
		}
	}
	if assigned != 1 || len(defs) != 1 {
		return false
	}
	call, ok := ast.Unparen(defs[0]).(*ast.CallExpr)
	if !ok {
		return false
	}
	return isContainerGet(info, call)
}

// isMustName reports whether a function's name says it panics on failure.
func isMustName(name string) bool {
	return strings.HasPrefix(name, "Must") || strings.HasPrefix(name, "must")
}

// inReflectCheck reports whether the assertion is inside an if or case
// whose condition asks reflect about a type (Implements, AssignableTo,
// ConvertibleTo, Kind, CanInterface, CanConvert).
func inReflectCheck(info *types.Info, cur inspector.Cursor) bool {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		var cond ast.Node
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.IfStmt:
			cond = n.Cond
		case *ast.SwitchStmt:
			cond = n.Tag
		}
		if cond == nil {
			continue // not a condition
		}
		found := false
		ast.Inspect(cond, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return !found
			}
			fn := typesutil.Callee(info, call)
			if fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "reflect" {
				switch fn.Name() {
				case "Implements", "AssignableTo", "ConvertibleTo", "Kind", "CanInterface", "CanConvert", "TypeOf":
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// render prints an expression as gofmt would.
func render(fset *token.FileSet, e ast.Expr) string {
	return types.ExprString(e)
}

// --- the fix ---

// suggestFix rewrites the assertion to the comma-ok form followed by an
// if !ok that leaves the function: returning an error where it returns
// one, failing the test in a test, else returning zero values (which the
// fix's title says).
func suggestFix(pass *analysis.Pass, file *ast.File, cur inspector.Cursor, fn ast.Node, assert *ast.TypeAssertExpr, declared map[*types.Scope]map[string]bool) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	info := pass.TypesInfo
	if fn == nil || file == nil || info.TypeOf(assert.Type) == nil {
		return none, false // package level, or no types: nothing to return from
	}
	if isDeferred(fn, cur) {
		return none, false // returning from a deferred func would swallow a panic or an error
	}
	stmtCur, ok := fixutil.EnclosingStmt(cur)
	if !ok {
		return none, false
	}
	stmt := stmtCur.Node().(ast.Stmt)
	if !fixutil.AloneOnLines(pass.Fset, stmtCur) {
		return none, false // another statement shares its line
	}
	indent := fixutil.Indent(pass.Fset, stmt.Pos())
	q := typesutil.NewQualifier(file, pass.Pkg)
	xText, tText := render(pass.Fset, assert.X), render(pass.Fset, assert.Type)
	pure := fixutil.IsVarPath(assert.X)

	var taken map[string]bool
	if pass.Pkg != nil {
		if scope := fixutil.BlockScope(pass.Pkg, stmt.Pos()); scope != nil {
			if declared[scope] == nil {
				declared[scope] = make(map[string]bool)
			}
			taken = declared[scope]
		}
	}
	okName := fixutil.FreshName(pass.Pkg, stmt.Pos(), "ok", taken)

	// The statement that leaves the function when the assertion fails.
	var edits []analysis.TextEdit
	var leave, title string
	if t := typesutil.TestingParam(info, fn); t != "" {
		msg := strconv.Quote(fmt.Sprintf("%s is not of type %s", xText, tText))
		if pure {
			msg = strconv.Quote(fmt.Sprintf("%s is %%T, not %s", xText, tText)) + ", " + xText
		}
		leave = t + ".Fatalf(" + msg + ")"
		title = "Check the type assertion and fail the test"
	} else {
		results, ok := typesutil.ResultsOf(info, fn)
		if !ok {
			return none, false
		}
		errExpr := ""
		if typesutil.ReturnsError(results) {
			var pkgEdits []analysis.TextEdit
			if pure {
				name, e, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, stmt.Pos(), "fmt", "fmt")
				if !ok {
					return none, false
				}
				errExpr = name + ".Errorf(" + strconv.Quote(fmt.Sprintf("%s is %%T, not %s", xText, tText)) + ", " + xText + ")"
				pkgEdits = e
			} else {
				name, e, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, stmt.Pos(), "errors", "errors")
				if !ok {
					return none, false
				}
				errExpr = name + ".New(" + strconv.Quote(fmt.Sprintf("%s is not of type %s", xText, tText)) + ")"
				pkgEdits = e
			}
			edits = append(edits, pkgEdits...)
			title = "Check the type assertion and return an error"
		} else if results.Len() == 0 {
			title = "Check the type assertion and return early instead of panicking"
		} else {
			title = "Check the type assertion and return zero values instead of panicking"
		}
		vals, ok := q.ZeroReturn(results, errExpr)
		if !ok {
			return none, false
		}
		leave = "return"
		if len(vals) > 0 {
			leave += " " + strings.Join(vals, ", ")
		}
	}
	check := "if !" + okName + " {\n" + indent + "\t" + leave + "\n" + indent + "}"

	// v := x.(T) → v, ok := x.(T); if !ok {…}
	if as, ok := stmt.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 &&
		ast.Unparen(as.Rhs[0]) == assert && !isBlank(as.Lhs[0]) {
		eol := fixutil.LineEnd(pass.Fset, stmt.End())
		edits = append(edits,
			analysis.TextEdit{Pos: as.Lhs[0].End(), End: as.Lhs[0].End(), NewText: []byte(", " + okName)},
			analysis.TextEdit{Pos: eol, End: eol, NewText: []byte("\n" + indent + check)},
		)
		return gofmtFix(pass, file, title, edits)
	}

	// Otherwise extract the assertion into a checked variable before the
	// statement, when that evaluates nothing earlier or less often.
	if !pure || !canHoist(stmtCur, cur) {
		return none, false
	}
	name := fixutil.FreshName(pass.Pkg, stmt.Pos(), nameFor(info.TypeOf(assert.Type)), taken)
	edits = append(edits,
		analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(
			name + ", " + okName + " := " + xText + ".(" + tText + ")\n" + indent + check + "\n" + indent)},
		analysis.TextEdit{Pos: outerParen(cur).Pos(), End: outerParen(cur).End(), NewText: []byte(name)},
	)
	return gofmtFix(pass, file, title, edits)
}

// gofmtFix returns the fix with its edits in gofmt's layout in context:
// trailing comments of neighbouring lines realigned around the inserted
// lines (fixutil.Gofmt).
func gofmtFix(pass *analysis.Pass, file *ast.File, title string, edits []analysis.TextEdit) (analysis.SuggestedFix, bool) {
	edits, ok := fixutil.Gofmt(pass, file, edits)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{Message: title, TextEdits: edits}, true
}

// isDeferred reports whether fn is a function literal called by a defer
// statement.
func isDeferred(fn ast.Node, cur inspector.Cursor) bool {
	lit, ok := fn.(*ast.FuncLit)
	if !ok {
		return false
	}
	for c := range cur.Enclosing((*ast.DeferStmt)(nil)) {
		if c.Node().(*ast.DeferStmt).Call.Fun == lit {
			return true
		}
	}
	return false
}

// canHoist reports whether the assertion at cur may be evaluated before
// the statement at stmt without changing what the statement does: it is
// evaluated exactly once, after nothing with side effects, and not in a
// loop condition or a short-circuited operand.
func canHoist(stmt, cur inspector.Cursor) bool {
	target := cur.Node()
	for c := cur; c != stmt; c = c.Parent() {
		switch c.ParentEdgeKind() {
		case edge.BinaryExpr_Y:
			if op := c.Parent().Node().(*ast.BinaryExpr).Op; op == token.LAND || op == token.LOR {
				return false // evaluated only sometimes
			}
		case edge.ForStmt_Cond, edge.ForStmt_Post, edge.ForStmt_Body, edge.RangeStmt_Body,
			edge.IfStmt_Body, edge.IfStmt_Else, edge.SwitchStmt_Body, edge.TypeSwitchStmt_Body,
			edge.SelectStmt_Body, edge.CaseClause_Body, edge.CommClause_Body, edge.LabeledStmt_Stmt:
			return false // in a nested statement or evaluated repeatedly
		case edge.IfStmt_Cond, edge.SwitchStmt_Tag:
			if init := initOf(c.Parent().Node()); init != nil {
				return false // the init statement runs first
			}
		}
	}
	// Nothing with side effects may come before it.
	ok := true
	ast.Inspect(stmt.Node(), func(n ast.Node) bool {
		if !ok || n == nil {
			return false
		}
		if n.Pos() >= target.Pos() {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if n.End() <= target.Pos() {
				ok = false
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && n.End() <= target.Pos() {
				ok = false
			}
		case *ast.FuncLit:
			return false
		}
		return ok
	})
	return ok
}

func initOf(n ast.Node) ast.Stmt {
	switch n := n.(type) {
	case *ast.IfStmt:
		return n.Init
	case *ast.SwitchStmt:
		return n.Init
	}
	return nil
}

// outerParen returns the outermost parenthesized form of the node at cur.
func outerParen(cur inspector.Cursor) ast.Node {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	return cur.Node()
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// nameFor derives a variable name from a type: *pb.Reply → reply.
func nameFor(t types.Type) string {
	if typesutil.IsError(t) {
		return "err"
	}
	if n := typesutil.NamedOf(t); n != nil {
		name := n.Obj().Name()
		r := []rune(name)
		// Lower the leading run of capitals: HTTPClient → httpClient.
		i := 0
		for i < len(r) && unicode.IsUpper(r[i]) {
			i++
		}
		if i > 1 && i < len(r) {
			i--
		}
		for j := 0; j < i; j++ {
			r[j] = unicode.ToLower(r[j])
		}
		if s := string(r); token.IsIdentifier(s) && !token.IsKeyword(s) {
			return s
		}
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		switch {
		case b.Info()&types.IsString != 0:
			return "s"
		case b.Info()&types.IsInteger != 0:
			return "n"
		case b.Info()&types.IsBoolean != 0:
			return "b"
		}
	}
	return "v"
}
