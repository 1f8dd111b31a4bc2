package unhandlederror

import (
	"embed"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/errlive"
	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the unhandled-error rule.
var Rule = rule.Define(rule.Spec{
	ID:       "unhandled-error",
	InTests:  rule.Hint, // a test's dropped error shows up as a failing test
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Nolint:   []string{"errcheck"}, // //nolint:errcheck is the author's decision on that call
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	// errFact: how an exported function fails (summary.go).
	FactTypes: []analysis.Fact{new(errFact)},
	Run:       run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

// A checker holds what one pass of the rule needs.
type checker struct {
	pass  *analysis.Pass
	opts  *rule.Options
	info  *types.Info
	insp  *inspector.Inspector
	flows map[ast.Node]*errlive.Graph
	decls map[*types.Func]*ast.FuncDecl // this package's functions, for summaries
	nr    *noreturn.Checker             // which calls never return
	// summaries are those of this package's functions (summary.go).
	summaries map[*types.Func]*summary
	// calls counts how the package calls each function (belief.go).
	calls map[*types.Func]callCount
	// constVars are this package's variables that are constants in all
	// but name, for constArgs.
	constVars map[*types.Var]bool
	exits     *syncflow.Builder // may a fix leave the function here (SkipsCleanup)
}

func run(pass *analysis.Pass, opts *rule.Options) error {
	if isStd(pass.Pkg.Path()) {
		return nil // a dependency whose errors the table documents: nothing to report or export
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, opts: opts, info: pass.TypesInfo, insp: insp,
		flows: make(map[ast.Node]*errlive.Graph), summaries: make(map[*types.Func]*summary),
		exits: syncflow.NewBuilder(pass.TypesInfo, pass.Files)}
	c.nr = c.exits.NoReturn()
	focus := rule.FocusOf(pass)
	for fileCur := range insp.Root().Children() {
		file, ok := fileCur.Node().(*ast.File)
		if !ok || !focus.HasFile(file) {
			continue // not a file, or one whose findings would not be shown
		}
		if rule.IsGenerated(pass.Fset, file) {
			continue // generated code is fixed at its generator
		}
		for cur := range fileCur.Preorder((*ast.ExprStmt)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
			fnCur, ok := typesutil.OuterFunc(cur)
			if !ok {
				continue // package level: nothing runs in statement order
			}
			switch n := cur.Node().(type) {
			case *ast.ExprStmt:
				c.droppedCall(file, cur, fnCur, n)
			case *ast.AssignStmt:
				c.blankError(file, cur, fnCur, n, n.Lhs, n.Rhs, n.Tok)
				c.lostError(file, cur, fnCur, n, n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				c.blankError(file, cur, fnCur, n, lhs, n.Values, token.VAR)
				c.lostError(file, cur, fnCur, n, lhs, n.Values)
			}
		}
	}
	if len(pass.TypeErrors) == 0 && focus.Facts() {
		c.exportFacts() // after the findings: it changes none of them
	}
	return nil
}

// --- shape 1: a call used as a statement ---

func (c *checker) droppedCall(file *ast.File, cur, fnCur inspector.Cursor, stmt *ast.ExprStmt) {
	call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
	if !ok {
		return // a receive or other expression
	}
	res := c.resultsOf(call)
	errAt := c.errorAt(call, res)
	if errAt < 0 {
		return // returns no error
	}
	if c.inTestFile(call.Pos()) {
		return // a test's assertions catch a failed setup call
	}
	if res.Len() == 1 && c.isDefiniteError(call) {
		c.builtAndDropped(file, cur, fnCur, stmt, call)
		return // fmt.Errorf(…) as a statement: nothing failed, an error is lost
	}
	if c.excluded(call) {
		return // never fails, or nothing to do with the error (table.go, summary.go)
	}
	if isDeferredLit(fnCur) {
		return // cleanup run by defer: its error has nowhere to go
	}
	if c.inErrorPath(cur, fnCur) {
		return // best-effort cleanup while another error is handled
	}
	if isReleaseMethod(fnCur) && !c.isCloseCall(call) {
		return // a step of a Close or Shutdown method other than closing: best-effort release
	}
	v := c.droppedVerdict(fnCur, stmt, call)
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: rule.Say(c.pass, v.msg)}
	if !v.design && typesutil.IsNilable(res.At(errAt).Type()) { // a check compares the error with nil
		d.SuggestedFixes = c.fixDroppedCall(file, cur, fnCur, stmt, call, res, errAt)
	}
	rule.ReportAt(c.pass, v.level, d)
}

// builtAndDropped reports an error made and thrown away (fmt.Errorf(…)
// as a statement): the call cannot fail; the code meant to return it.
// The fix returns it, where the function returns an error and leaving
// there skips no cleanup; elsewhere there is no fix: logging an error
// nobody meant to log is not what the code asked for.
func (c *checker) builtAndDropped(file *ast.File, cur, fnCur inspector.Cursor, stmt *ast.ExprStmt, call *ast.CallExpr) {
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: rule.Say(c.pass, msgBuiltDropped.With(c.calleeName(call)))}
	if fix, ok := c.returnBuiltFix(file, cur, fnCur, stmt, call); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
}

// --- shape 2: v, _ := f() ---

func (c *checker) blankError(file *ast.File, cur, fnCur inspector.Cursor, stmt ast.Node, lhs, rhs []ast.Expr, tok token.Token) {
	if len(rhs) != 1 || len(lhs) < 2 {
		return // not a tuple assignment from one call
	}
	call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
	if !ok {
		return // a map index, type assertion or receive
	}
	res := c.resultsOf(call)
	if res == nil || res.Len() != len(lhs) {
		return // ill-typed
	}
	blank := -1
	for i, l := range lhs {
		if isBlank(l) && i == c.errorAt(call, res) {
			blank = i
		}
	}
	if blank < 0 {
		return // the error is bound, or there is none
	}
	if c.inTestFile(call.Pos()) {
		return // a test's assertions catch a failed setup call
	}
	var used ast.Expr // the first result that the code goes on to use
	for i, l := range lhs {
		if i == blank || isBlank(l) {
			continue
		}
		if c.usedAfter(fnCur, stmt, l) {
			used = l
			break
		}
	}
	if used == nil {
		return // every result is discarded too: nothing carries the zero value on
	}
	if c.excluded(call) {
		return // never fails, or fails on every run (table.go)
	}
	if c.nilGuardedField(used) {
		return // every read of the field checks it for nil first
	}
	if v := typesutil.LocalVar(c.info, used); v != nil {
		if c.onlyLogged(fnCur, stmt, v) {
			return // a zero value only makes a log line odd
		}
		if c.zeroCheckedNext(cur, v) || c.firstUseIsZeroCheck(fnCur, stmt, v) || c.onlyAssertedSafely(fnCur, stmt, v) {
			return // the zero value is handled
		}
	}
	v := c.blankVerdict(fnCur, call, lhs, used)
	d := analysis.Diagnostic{Pos: stmt.Pos(), End: stmt.End(), Message: rule.Say(c.pass, v.msg)}
	if as, ok := stmt.(*ast.AssignStmt); ok && !v.design && typesutil.IsNilable(res.At(blank).Type()) {
		d.SuggestedFixes = c.fixBlank(file, cur, fnCur, as, call, blank)
	}
	rule.ReportAt(c.pass, v.level, d)
}

// usedAfter reports whether the assignment target e is read after stmt:
// a variable mentioned later (not only assigned again), or a field, element
// or package variable, which outlive the function.
func (c *checker) usedAfter(fnCur inspector.Cursor, stmt ast.Node, e ast.Expr) bool {
	v := typesutil.LocalVar(c.info, e)
	if v == nil {
		return true // a field, element or package variable
	}
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if id.Pos() < stmt.End() || c.info.Uses[id] != v {
			continue // before the statement, or another object
		}
		if isAssignTarget(idCur) {
			continue // assigned again, not read
		}
		return true
	}
	return false
}

// onlyLogged reports whether every read of v after stmt is an argument of
// a formatting or logging call.
func (c *checker) onlyLogged(fnCur inspector.Cursor, stmt ast.Node, v *types.Var) bool {
	n := 0
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if id.Pos() < stmt.End() || c.info.Uses[id] != v || isAssignTarget(idCur) {
			continue // not a later read of v
		}
		n++
		arg := idCur
		for {
			switch arg.ParentEdgeKind() {
			case edge.ParenExpr_X, edge.BinaryExpr_X, edge.BinaryExpr_Y, edge.UnaryExpr_X:
				arg = arg.Parent() // (b), b/1e6, -b
				continue
			}
			if arg.ParentEdgeKind() == edge.CallExpr_Args {
				if tv := c.info.Types[arg.Parent().Node().(*ast.CallExpr).Fun]; tv.IsType() || tv.IsBuiltin() {
					arg = arg.Parent() // string(b), len(b)
					continue
				}
			}
			break
		}
		if arg.ParentEdgeKind() != edge.CallExpr_Args || !c.isLogCall(arg.Parent().Node().(*ast.CallExpr)) {
			return false
		}
	}
	return n > 0
}

// isLogCall reports whether call formats or logs its arguments: fmt,
// log, log/slog, the framework's log package, or a testing Log method.
func (c *checker) isLogCall(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch path := fn.Pkg().Path(); {
	case path == "fmt", path == "log", path == "log/slog", c.opts.FrameworkPackage(path, "log"):
		return true
	case path == "testing":
		return strings.HasPrefix(fn.Name(), "Log") || strings.HasPrefix(fn.Name(), "Error") || strings.HasPrefix(fn.Name(), "Fatal")
	}
	return false
}

// zeroCheckedNext reports whether the statement at cur is followed by (or
// is the init of) an if whose condition compares v with a constant or nil.
func (c *checker) zeroCheckedNext(cur inspector.Cursor, v *types.Var) bool {
	var ifs *ast.IfStmt
	if cur.ParentEdgeKind() == edge.IfStmt_Init {
		ifs = cur.Parent().Node().(*ast.IfStmt)
	} else if next, ok := cur.NextSibling(); ok {
		ifs, _ = next.Node().(*ast.IfStmt)
	}
	if ifs == nil {
		return false
	}
	found := false
	ast.Inspect(ifs.Cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			switch n.Op {
			case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
				if c.isVarOrLen(n.X, v) && c.isConst(n.Y) || c.isVarOrLen(n.Y, v) && c.isConst(n.X) {
					found = true
				}
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "IsZero" && c.info.ObjectOf(identOf(sel.X)) == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// firstUseIsZeroCheck reports whether the first read of v after stmt, in
// source order, compares it (or its length) with a constant or nil:
// `isDir := e.IsDir() || (info != nil && info.IsDir())`.
func (c *checker) firstUseIsZeroCheck(fnCur inspector.Cursor, stmt ast.Node, v *types.Var) bool {
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if id.Pos() < stmt.End() || c.info.Uses[id] != v || isAssignTarget(idCur) {
			continue // not a later read of v
		}
		use := idCur
		if use.ParentEdgeKind() == edge.CallExpr_Args && c.isVarOrLen(use.Parent().Node().(ast.Expr), v) {
			use = use.Parent() // len(v)
		}
		if b, ok := use.Parent().Node().(*ast.BinaryExpr); ok {
			switch b.Op {
			case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
				return c.isConst(b.X) || c.isConst(b.Y)
			}
		}
		return false
	}
	return false
}

// onlyAssertedSafely reports whether every read of v after stmt is the
// operand of a type assertion that cannot panic (see assertsSafely):
// `f, _ := factoryOf(kind)` followed by `if _, ok := f.(Sampler); ok`
// treats a nil f as "not a Sampler", which is what it is.
func (c *checker) onlyAssertedSafely(fnCur inspector.Cursor, stmt ast.Node, v *types.Var) bool {
	n := 0
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if id.Pos() < stmt.End() || c.info.Uses[id] != v || isAssignTarget(idCur) {
			continue // not a later read of v
		}
		n++
		if idCur.ParentEdgeKind() != edge.TypeAssertExpr_X || !assertsSafely(idCur.Parent()) {
			return false
		}
	}
	return n > 0
}

// assertsSafely reports whether the type assertion at cur cannot panic:
// it is the comma-ok form (`f, ok := v.(Sampler)`, whose ok is false for
// a nil interface) or the guard of a type switch (where nil takes the
// nil case or the default).
func assertsSafely(cur inspector.Cursor) bool {
	if cur.Node().(*ast.TypeAssertExpr).Type == nil {
		return true // switch v.(type), switch x := v.(type)
	}
	switch cur.ParentEdgeKind() {
	case edge.AssignStmt_Rhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		return len(as.Lhs) == 2 && len(as.Rhs) == 1
	case edge.ValueSpec_Values:
		vs := cur.Parent().Node().(*ast.ValueSpec)
		return len(vs.Names) == 2 && len(vs.Values) == 1
	}
	return false
}

// isVarOrLen reports whether e is v or len(v).
func (c *checker) isVarOrLen(e ast.Expr, v *types.Var) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "len" {
			e = ast.Unparen(call.Args[0])
		}
	}
	id, ok := e.(*ast.Ident)
	return ok && c.info.ObjectOf(id) == v
}

// isConst reports whether e is a constant or nil.
func (c *checker) isConst(e ast.Expr) bool {
	tv, ok := c.info.Types[e]
	return ok && (tv.Value != nil || tv.IsNil())
}

// --- shape 3: an error variable overwritten or dropped before it is read ---

func (c *checker) lostError(file *ast.File, cur, fnCur inspector.Cursor, stmt ast.Node, lhs, rhs []ast.Expr) {
	for _, t := range c.lostTargets(lhs, rhs) {
		v := typesutil.LocalVar(c.info, t.id)
		if v == nil || !typesutil.IsError(v.Type()) {
			continue // blank, a field, a package variable, or not an error variable
		}
		if v.Pos() < fnCur.Node().Pos() || v.Pos() > fnCur.Node().End() {
			continue // captured from an enclosing function
		}
		if c.excluded(t.call) {
			continue // never fails, or nothing to do with the error (table.go, summary.go)
		}
		fate := c.flowOf(fnCur.Node()).After(v, stmt)
		if fate.Read || c.comparedWithAll(t.call, fate.Compared) {
			continue // read on some path, or compared with every sentinel the callee can fail with
		}
		if fate.Over == stmt {
			fate.Over = nil // the statement itself, again (a loop)
		}
		vd := c.lostVerdict(t, fate)
		d := analysis.Diagnostic{Pos: stmt.Pos(), End: stmt.End(), Message: rule.Say(c.pass, vd.msg)}
		if st, ok := stmt.(ast.Stmt); ok && !vd.design {
			d.SuggestedFixes = c.fixLost(file, cur, fnCur, st, t.call, t.id.Name)
		}
		rule.ReportAt(c.pass, vd.level, d)
		return // one report per statement
	}
}

// A lostTarget is an error variable that an assignment stores a call's
// error in: the error result of call, or the error field read from its
// result (err = db.Create(&u).Error) when field is set.
type lostTarget struct {
	id    *ast.Ident
	call  *ast.CallExpr
	field *ast.SelectorExpr
}

// lostTargets pairs each identifier target of an assignment with the
// call whose error it receives.
func (c *checker) lostTargets(lhs, rhs []ast.Expr) []lostTarget {
	var targets []lostTarget
	if len(rhs) == 1 && len(lhs) >= 1 {
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok {
			return c.fieldTargets(lhs, rhs)
		}
		res := c.resultsOf(call)
		if res == nil || res.Len() != len(lhs) {
			return nil // ill-typed
		}
		for i, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && typesutil.IsError(res.At(i).Type()) {
				targets = append(targets, lostTarget{id: id, call: call})
			}
		}
		return targets
	}
	if len(rhs) != len(lhs) {
		return nil
	}
	for i, r := range rhs {
		call, ok := ast.Unparen(r).(*ast.CallExpr)
		if !ok {
			continue // not a call
		}
		if res := c.resultsOf(call); res != nil && res.Len() == 1 && typesutil.IsError(res.At(0).Type()) {
			if id, ok := lhs[i].(*ast.Ident); ok {
				targets = append(targets, lostTarget{id: id, call: call})
			}
		}
	}
	return append(targets, c.fieldTargets(lhs, rhs)...)
}

// fieldTargets returns the targets that receive an error field of a
// call's result: err = db.Create(&u).Error.
func (c *checker) fieldTargets(lhs, rhs []ast.Expr) []lostTarget {
	if len(rhs) != len(lhs) {
		return nil
	}
	var targets []lostTarget
	for i, r := range rhs {
		sel, ok := ast.Unparen(r).(*ast.SelectorExpr)
		if !ok || !typesutil.IsError(c.info.TypeOf(sel)) {
			continue // not an error field
		}
		if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
			continue // a method value or a qualified identifier
		}
		call, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			continue // a field of a variable: a stored error, not a fresh one
		}
		if id, ok := lhs[i].(*ast.Ident); ok {
			targets = append(targets, lostTarget{id: id, call: call, field: sel})
		}
	}
	return targets
}
