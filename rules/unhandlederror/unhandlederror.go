// Package unhandlederror defines the unhandled-error rule: an error that a
// call returns and that the code never looks at, so that the call's other
// results (zero values, as often as not) are carried into the code that
// follows as if it had succeeded.
//
// It reports three shapes:
//
//   - a call that returns an error, used as a statement: f(), x.Save(ctx, v),
//     d.db.Close();
//   - v, _ := f() where the blank takes the error and v is used later;
//   - an error variable whose value is never read: err := f() followed by
//     err = g() (or w, err := g()) with no check between, or by the end of
//     the function or of err's scope. This uses go/cfg on the function
//     body, so that a read on any path counts (see liveness.go). A
//     function literal the function defers reads the variables it mentions
//     only when the function returns, so an err overwritten before any
//     return is lost even when `defer func() { if err != nil { … } }()`
//     looks at it.
//
// A Close dropped as a statement is reported: SPEC exempts only
// `defer x.Close()`. A Close that only releases a resource whose work is
// done (a response body, rows, a pooled connection, a listener, a client,
// a file opened for reading) is reported at information severity; one
// that finishes writing (compress and archive writers, an io.WriteCloser,
// a file created or opened for writing in the same function) is a
// warning. Closes of io.Pipe ends, which always return nil, are not
// reported.
//
// What it deliberately leaves alone, because a service team would not
// change the code for it:
//
//   - `_ = f()` and `_, _ = f()`: the drop is explicit;
//   - calls in the exclusions table (table.go, the one place for that
//     policy): calls documented never to fail (bytes.Buffer and
//     strings.Builder writes, hash writes, math/rand reads), writes to
//     quiet sinks (standard output and error, buffers, bufio and tabwriter
//     writers whose errors surface at Flush, an http.ResponseWriter: the
//     status is sent, so a failed write can only mean the client has gone,
//     and nothing is left to tell it), Shutdown, os.Remove, connection
//     deadlines, and parsers given constants;
//   - calls made by defer, directly or in a deferred function literal;
//   - the steps of a Close, Shutdown or Stop method other than closing
//     something: best-effort release whose error has nowhere to go (a
//     Close inside them is reported: a Dao's Close is the last place its
//     pools' failures can be logged);
//   - best-effort cleanup on an error path: statements inside
//     `if err != nil { … }` (or its `else` for `err == nil`), or inside a
//     nested block that ends by returning a non-nil error, such as
//     tx.Rollback(), f.Close() or os.Remove(tmp) before `return err`. The
//     error being returned is the one that matters; a second one from the
//     cleanup has nowhere to go. This includes Close: `if err != nil {
//     f.Close(); return err }` is not reported;
//   - `v, _ := f()` when every later use of v only formats or logs it, or
//     when the next statement checks v against its zero value;
//   - generated files.
//
// In _test.go files it reports only error variables that are never read,
// at hint severity: a test whose setup call fails, or that discards an
// error with _, fails at its assertions; a test that checks the wrong err
// passes when it should not.
package unhandlederror

import (
	"embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/errlive"
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

// Rule is the unhandled-error rule.
var Rule = rule.Define(rule.Spec{
	ID:       "unhandled-error",
	InTests:  rule.Hint, // a test's dropped error shows up as a failing test
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Messages: messages,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

// A checker holds what one pass of the rule needs.
type checker struct {
	pass  *analysis.Pass
	opts  *rule.Options
	info  *types.Info
	flows map[ast.Node]*errlive.Graph
	decls map[*types.Func]*ast.FuncDecl // this package's functions, for returnsOnlyNil
	// constVars are this package's variables that are constants in all
	// but name, for constArgs.
	constVars map[*types.Var]bool
}

func run(pass *analysis.Pass, opts *rule.Options) error {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, opts: opts, info: pass.TypesInfo, flows: make(map[ast.Node]*errlive.Graph)}
	for fileCur := range insp.Root().Children() {
		file, ok := fileCur.Node().(*ast.File)
		if !ok {
			continue // not a file
		}
		if ast.IsGenerated(file) {
			continue // generated code is fixed at its generator
		}
		for cur := range fileCur.Preorder((*ast.ExprStmt)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
			fnCur, ok := enclosingFunc(cur)
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
	return nil
}

// --- shape 1: a call used as a statement ---

func (c *checker) droppedCall(file *ast.File, cur, fnCur inspector.Cursor, stmt *ast.ExprStmt) {
	call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
	if !ok {
		return // a receive or other expression
	}
	res := c.resultsOf(call)
	errAt := errorIndex(res)
	if errAt < 0 {
		return // returns no error
	}
	if c.inTestFile(call.Pos()) {
		return // a test's assertions catch a failed setup call
	}
	if c.excluded(call) {
		return // never fails, or nothing to do with the error (table.go)
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
	d := analysis.Diagnostic{
		Pos:     call.Pos(),
		End:     call.End(),
		Message: fmt.Sprintf("error returned by %s is not checked", c.calleeName(call)),
	}
	d.SuggestedFixes = c.fixDroppedCall(file, cur, fnCur, stmt, call, res, errAt)
	rule.ReportAt(c.pass, c.releaseLevel(call), d)
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
		if isBlank(l) && typesutil.IsError(res.At(i).Type()) {
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
	if v := typesutil.LocalVar(c.info, used); v != nil {
		if c.onlyLogged(fnCur, stmt, v) {
			return // a zero value only makes a log line odd
		}
		if c.zeroCheckedNext(cur, v) {
			return // the zero value is handled right away
		}
	}
	d := analysis.Diagnostic{
		Pos: stmt.Pos(),
		End: stmt.End(),
		Message: fmt.Sprintf("error returned by %s is discarded; %s may be %s when it fails",
			c.calleeName(call), types.ExprString(used), zeroPhrase(c.info.TypeOf(used))),
	}
	if as, ok := stmt.(*ast.AssignStmt); ok {
		d.SuggestedFixes = c.fixBlank(file, cur, fnCur, as, call, blank)
	}
	c.pass.Report(d)
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
	// Pair each target with the call whose error result it receives.
	type target struct {
		id   *ast.Ident
		call *ast.CallExpr
	}
	var targets []target
	if len(rhs) == 1 && len(lhs) >= 1 {
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok {
			return // not a call
		}
		res := c.resultsOf(call)
		if res == nil || res.Len() != len(lhs) {
			return // ill-typed
		}
		for i, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && typesutil.IsError(res.At(i).Type()) {
				targets = append(targets, target{id, call})
			}
		}
	} else if len(rhs) == len(lhs) {
		for i, r := range rhs {
			call, ok := ast.Unparen(r).(*ast.CallExpr)
			if !ok {
				continue // not a call
			}
			if res := c.resultsOf(call); res != nil && res.Len() == 1 && typesutil.IsError(res.At(0).Type()) {
				if id, ok := lhs[i].(*ast.Ident); ok {
					targets = append(targets, target{id, call})
				}
			}
		}
	}
	for _, t := range targets {
		v := typesutil.LocalVar(c.info, t.id)
		if v == nil || !typesutil.IsError(v.Type()) {
			continue // blank, a field, a package variable, or not an error variable
		}
		if v.Pos() < fnCur.Node().Pos() || v.Pos() > fnCur.Node().End() {
			continue // captured from an enclosing function
		}
		if c.excluded(t.call) {
			continue // never fails, or nothing to do with the error (table.go)
		}
		live, over := c.liveAfter(c.flowOf(fnCur.Node()), v, stmt)
		if live {
			continue // read on some path
		}
		name := c.calleeName(t.call)
		msg := fmt.Sprintf("%s from %s is never checked", t.id.Name, name)
		if over != nil && over != stmt {
			msg = fmt.Sprintf("%s from %s is overwritten at line %d before it is checked",
				t.id.Name, name, c.pass.Fset.Position(over.Pos()).Line)
		}
		d := analysis.Diagnostic{Pos: stmt.Pos(), End: stmt.End(), Message: msg}
		if st, ok := stmt.(ast.Stmt); ok {
			d.SuggestedFixes = c.fixLost(file, cur, fnCur, st, t.call, t.id.Name)
		}
		rule.ReportAt(c.pass, c.releaseLevel(t.call), d)
		return // one report per statement
	}
}

// --- where a call stands ---

// isDeferredLit reports whether the function at fnCur is a function
// literal run by defer (or by testing's Cleanup).
func isDeferredLit(fnCur inspector.Cursor) bool {
	if _, ok := fnCur.Node().(*ast.FuncLit); !ok {
		return false
	}
	switch fnCur.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		return fnCur.Parent().ParentEdgeKind() == edge.DeferStmt_Call
	case edge.CallExpr_Args:
		call := fnCur.Parent().Node().(*ast.CallExpr)
		sel, ok := call.Fun.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Cleanup"
	}
	return false
}

// isReleaseMethod reports whether the function at fnCur is a method
// named Close, Shutdown or Stop (or their unexported forms): the release
// path of a type, whose steps are best effort.
func isReleaseMethod(fnCur inspector.Cursor) bool {
	fd, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok || fd.Recv == nil {
		return false
	}
	switch fd.Name.Name {
	case "Close", "close", "Shutdown", "shutdown", "Stop", "stop":
		return true
	}
	return false
}

// isCloseCall reports whether call closes something: a method or function
// named Close (or close), or a function kept in a variable or field whose
// name contains "close" in any case (closeFn, readClose). Business calls
// such as CloseOrder(ctx, id) are not closes.
func (c *checker) isCloseCall(call *ast.CallExpr) bool {
	k := c.calleeKey(call)
	if k.value {
		return strings.Contains(strings.ToLower(k.name), "close")
	}
	return k.name == "Close" || k.name == "close"
}

// inErrorPath reports whether the statement at cur is in a block that
// handles another error: the body of `if x != nil` (or the else of
// `if x == nil`) with x an error, or a nested block that ends by returning
// a non-nil error.
func (c *checker) inErrorPath(cur, fnCur inspector.Cursor) bool {
	fn := fnCur.Node()
	prev := cur.Node() // the child of b on the way up from cur
	for b := cur.Parent(); b.Node() != nil && b.Node() != fn; prev, b = b.Node(), b.Parent() {
		var list []ast.Stmt
		switch n := b.Node().(type) {
		case *ast.FuncLit:
			return false // another function
		case *ast.BlockStmt:
			list = n.List
			if ifs, ok := b.Parent().Node().(*ast.IfStmt); ok {
				switch b.ParentEdgeKind() {
				case edge.IfStmt_Body:
					if c.testsError(ifs.Cond, token.NEQ) {
						return true
					}
				case edge.IfStmt_Else:
					if c.testsError(ifs.Cond, token.EQL) {
						return true
					}
				}
			}
			if b.ParentEdgeKind() == edge.FuncDecl_Body || b.ParentEdgeKind() == edge.FuncLit_Body {
				return c.onFinalErrorStretch(n, prev)
			}
			if b.ParentEdgeKind() != edge.IfStmt_Body && b.ParentEdgeKind() != edge.IfStmt_Else {
				continue // a loop body, or a plain block: its last return says nothing
			}
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		default:
			continue
		}
		if len(list) > 0 && c.returnsError(list[len(list)-1]) {
			return true
		}
	}
	return false
}

// onFinalErrorStretch reports whether stmt, a statement of the function
// body, is followed by nothing but statements without a return and a final
// return of a definite error: `qa.alarm(ctx); return ErrNoSpace`.
func (c *checker) onFinalErrorStretch(body *ast.BlockStmt, stmt ast.Node) bool {
	at := -1
	for i, s := range body.List {
		if s == stmt {
			at = i
		}
	}
	if at < 0 || at == len(body.List)-1 {
		return false
	}
	ret, ok := body.List[len(body.List)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 || !c.isDefiniteError(ret.Results[len(ret.Results)-1]) {
		return false
	}
	for _, s := range body.List[at+1 : len(body.List)-1] {
		returns := false
		ast.Inspect(s, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				returns = true
			}
			return !returns
		})
		if returns {
			return false // the function may still succeed after stmt
		}
	}
	return true
}

// isDefiniteError reports whether e is certainly a non-nil error: an
// error variable of a package (ErrNotFound), a new error (errors.New,
// fmt.Errorf), or a composite literal.
func (c *checker) isDefiniteError(e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		_, ok := ast.Unparen(u.X).(*ast.CompositeLit)
		return ok
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.Ident, *ast.SelectorExpr:
		obj := typesutil.ObjectOf(c.info, e)
		if sel, ok := e.(*ast.SelectorExpr); ok {
			obj = c.info.Uses[sel.Sel]
		}
		v, ok := obj.(*types.Var)
		return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && typesutil.IsError(v.Type())
	case *ast.CallExpr:
		fn := typesutil.Callee(c.info, e)
		if fn == nil || fn.Pkg() == nil {
			return false
		}
		if typesutil.IsFunc(fn, "fmt", "Errorf") {
			return true
		}
		if strings.HasSuffix(fn.Pkg().Path(), "errors") {
			switch fn.Name() {
			case "New", "Errorf": // not Wrap or WithStack: they return nil for nil
				return true
			}
		}
	}
	return false
}

// testsError reports whether cond is, or has as an operand of && or ||,
// the comparison `x op nil` with x of type error.
func (c *checker) testsError(cond ast.Expr, op token.Token) bool {
	cond = ast.Unparen(cond)
	b, ok := cond.(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch b.Op {
	case token.LAND, token.LOR:
		return c.testsError(b.X, op) || c.testsError(b.Y, op)
	case op:
		x, y := b.X, b.Y
		if c.isNil(x) {
			x, y = y, x
		}
		return c.isNil(y) && typesutil.IsError(c.info.TypeOf(x))
	}
	return false
}

func (c *checker) isNil(e ast.Expr) bool {
	tv, ok := c.info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// returnsError reports whether stmt returns a last result that is not nil
// and of type error, or panics.
func (c *checker) returnsError(stmt ast.Stmt) bool {
	switch s := stmt.(type) {
	case *ast.ReturnStmt:
		if len(s.Results) == 0 {
			return false
		}
		last := s.Results[len(s.Results)-1]
		if c.isNil(last) {
			return false
		}
		if t := c.info.TypeOf(last); t != nil && (typesutil.IsError(t) || typesutil.ImplementsError(t)) {
			return true
		}
		if len(s.Results) == 1 { // return f() with f returning (T, error)
			if tuple, ok := c.info.TypeOf(last).(*types.Tuple); ok {
				return typesutil.ReturnsError(tuple)
			}
		}
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
				_, builtin := c.info.Uses[id].(*types.Builtin)
				return builtin
			}
		}
	}
	return false
}

// --- helpers ---

// returnsOnlyNil reports whether call statically calls a function declared
// in this package that does some work and whose every return statement
// gives nil for each error result: it cannot fail, whatever its signature
// says. A body that is only `return nil` is a stub, not a proof.
func (c *checker) returnsOnlyNil(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.info, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return false
	}
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := c.info.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	fd := c.decls[fn.Origin()]
	if fd == nil || fd.Body == nil {
		return false
	}
	if len(fd.Body.List) == 1 {
		if _, ok := fd.Body.List[0].(*ast.ReturnStmt); ok {
			return false // a stub (return nil) promises errors it does not return yet
		}
	}
	return c.onlyNilReturns(fd.Body, fn.Signature().Results())
}

// onlyNilReturns reports whether body, of a function with results res,
// has a return and every return statement gives nil for each error result.
func (c *checker) onlyNilReturns(body *ast.BlockStmt, res *types.Tuple) bool {
	if body == nil || res == nil || errorIndex(res) < 0 {
		return false
	}
	returns, onlyNil := 0, true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // another function's returns
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) != res.Len() {
				onlyNil = false // a bare return, or return f()
				return false
			}
			for i, r := range n.Results {
				if typesutil.IsError(res.At(i).Type()) && !c.isNil(r) {
					onlyNil = false
				}
			}
		}
		return onlyNil
	})
	return returns > 0 && onlyNil
}

// resultsOf returns the results of the function a call calls, or nil for
// conversions, builtins and ill-typed calls.
func (c *checker) resultsOf(call *ast.CallExpr) *types.Tuple {
	tv, ok := c.info.Types[call.Fun]
	if !ok || tv.IsType() || tv.IsBuiltin() || tv.Type == nil {
		return nil
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	return sig.Results()
}

// errorIndex returns the index of the last result of type error, or -1.
func errorIndex(res *types.Tuple) int {
	if res == nil {
		return -1
	}
	for i := res.Len() - 1; i >= 0; i-- {
		if typesutil.IsError(res.At(i).Type()) {
			return i
		}
	}
	return -1
}

// calleeName returns how messages name the function a call calls: as
// written when short (s.dao.UpdateBalance, json.Unmarshal), else its name.
func (c *checker) calleeName(call *ast.CallExpr) string {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		if s := types.ExprString(fun); len(s) <= 40 && isNamePath(fun) {
			return s
		}
		return fun.Sel.Name
	case *ast.FuncLit:
		return "the function literal"
	}
	return types.ExprString(call.Fun)
}

// shortName returns the callee's own name: UpdateBalance, Unmarshal.
func shortName(call *ast.CallExpr) string {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		return fun.Sel.Name
	}
	return ""
}

// isNamePath reports whether e is a chain of identifiers: a, a.b, a.b.c.
func isNamePath(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isNamePath(e.X)
	}
	return false
}

// zeroPhrase says what a result holds when its call fails, for messages.
func zeroPhrase(t types.Type) string {
	if t == nil {
		return "a zero value"
	}
	if typesutil.IsNilable(t) {
		return "nil"
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		switch {
		case b.Info()&types.IsNumeric != 0:
			return "0"
		case b.Info()&types.IsString != 0:
			return "empty"
		case b.Info()&types.IsBoolean != 0:
			return "false"
		}
	}
	return "a zero value"
}

// releaseLevel returns the severity of a finding on call: information
// for a Close that only releases a resource (see closeOnlyReleases), else
// the rule's.
func (c *checker) releaseLevel(call *ast.CallExpr) rule.Severity {
	if c.isCloseCall(call) && closeOnlyReleases(c, call, c.calleeKey(call).recv) {
		return rule.Information
	}
	return rule.Warning
}

// inTestFile reports whether pos is in a _test.go file.
func (c *checker) inTestFile(pos token.Pos) bool {
	f := c.pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// enclosingFunc returns the cursor of the innermost function around cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if c == cur {
			continue
		}
		return c, true
	}
	return inspector.Cursor{}, false
}

// isAssignTarget reports whether the identifier at cur is a whole target
// of an assignment (x = …, x, y := …), which writes and does not read it.
func isAssignTarget(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() != edge.AssignStmt_Lhs {
		return false
	}
	as := cur.Parent().Node().(*ast.AssignStmt)
	return as.Tok == token.ASSIGN || as.Tok == token.DEFINE
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// openedForWriting reports whether recv is a local variable assigned in
// its scope from a function that opens a file for writing.
func (c *checker) openedForWriting(call *ast.CallExpr, recv ast.Expr) bool {
	v := typesutil.LocalVar(c.info, recv)
	if v == nil || v.Parent() == nil {
		return false
	}
	file := fixutil.FileOf(c.pass.Files, call.Pos())
	if file == nil {
		return false
	}
	scope := v.Parent()
	found := false
	ast.Inspect(file, func(n ast.Node) bool {
		if found || n == nil || n.End() < scope.Pos() || n.Pos() > scope.End() {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 {
			return true
		}
		assigns := false
		for _, l := range as.Lhs {
			if typesutil.ObjectOf(c.info, l) == v {
				assigns = true
			}
		}
		if !assigns {
			return true
		}
		if rc, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok {
			fn := typesutil.Callee(c.info, rc)
			for _, w := range fileWriters {
				i := strings.LastIndex(w, ".")
				if typesutil.IsFunc(fn, w[:i], w[i+1:]) {
					found = true
				}
			}
		}
		return true
	})
	return found
}
