package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strconv"
	"strings"
	"unicode"

	"github.com/gopitfalls/gopitfalls/rules/internal/errlive"
	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// The fixes bind the error and check it:
//
//	f()            → if err := f(); err != nil { return …, err }
//	v, _ := f()    → v, err := f(); if err != nil { return …, err }
//	v, err := f()  → (the same check inserted after it)
//
// In a function whose last result is an error the check returns it (with
// zero values for the other results), or returns it wrapped with
// fmt.Errorf; elsewhere it fails the test (t.Fatal) or logs it with the
// logger the enclosing code logs with (errorLoggers): the standard or the
// framework's log package the file imports, or a leveled logging
// package's Errorf; with none, no fix is offered.
// A failed Close is returned only when a return statement follows it
// directly; elsewhere it is logged: returning early would skip what the
// function still had to do (close the rest, unlock, count the release).
// Any error is logged rather than returned (or failing the test) where
// leaving would skip an Unlock, a WaitGroup's Done, a context's cancel or
// a deferred Close that the code below does (syncflow.SkipsCleanup).
// An error built and dropped (fmt.Errorf(…) as a statement), or built
// into err and lost, is returned as it is, with no check: it is never nil.
// The error is bound to err unless that would change what an err already
// in scope holds where it is read later, or shadow it; then it gets a name
// of its own (saveErr).

// A handler is one way to handle the bound error: the statement that goes
// in `if err != nil { … }`, and the edits (an import) it needs.
type handler struct {
	title rule.Text
	body  string
	edits []analysis.TextEdit
}

// handlers returns the ways the error bound to name may be handled at
// stmt in the function at fnCur.
func (c *checker) handlers(file *ast.File, fnCur inspector.Cursor, stmt ast.Node, call *ast.CallExpr, name string) []handler {
	fn := fnCur.Node()
	results, ok := typesutil.ResultsOf(c.info, fn)
	if !ok {
		return nil
	}
	if c.registersProcessWide(call) {
		return nil // a second registration fails by design: returning or logging that is wrong
	}
	q := typesutil.NewQualifier(file, c.pass.Pkg)
	label := errLabel(call)
	var hs []handler
	// Leaving the function here must skip no Unlock, Done, cancel or
	// deferred Close that the code below does; a failed Close is returned
	// only when a return follows.
	releasing := c.isCloseCall(call) && !c.returnsNext(fn, stmt) || c.exits.SkipsCleanup(fn, stmt, true, syncflow.Return)
	if typesutil.ReturnsError(results) && !releasing && !c.outcomeDecided(fn, stmt) && !c.fallsBackOnFailure(call) {
		if isDeferredLit(fnCur) {
			return nil // a deferred function's results are discarded
		}
		vals, ok := q.FailureReturn(c.info, fn, results, name)
		if !ok {
			return nil
		}
		hs = append(hs, handler{title: msgReturn.With(), body: "return " + strings.Join(vals, ", ")})
		if c.allowsWrap(file) {
			if fmtName, edits, ok := fixutil.AddImport(c.pass.Fset, c.pass.Pkg, file, stmt.Pos(), "fmt", "fmt"); ok {
				wrapped := fmtName + ".Errorf(" + strconv.Quote(label+": %w") + ", " + name + ")"
				if vals, ok := q.FailureReturn(c.info, fn, results, wrapped); ok {
					hs = append(hs, handler{
						title: msgWrap.With(),
						body:  "return " + strings.Join(vals, ", "),
						edits: edits,
					})
				}
			}
		}
		return hs
	}
	if typesutil.ReturnsError(results) && isDeferredLit(fnCur) {
		return nil // a deferred function's results are discarded
	}
	if tv := typesutil.TestingParamVar(c.info, fn); tv != nil && c.resolves(stmt.Pos(), tv.Name(), tv) && !releasing {
		t := tv.Name()
		hs = append(hs, handler{title: msgFatal.With(t + ".Fatal"), body: t + ".Fatal(" + name + ")"})
		return hs
	}
	if c.valuesReadAfter(fn, stmt, name) {
		return hs // logging and going on would use the values a failed call leaves
	}
	if c.releasedAfter(fn, stmt, call) {
		return hs // logging and going on would release what was not acquired
	}
	for _, lf := range c.errorLoggers(fnCur, file) {
		local, ok := fixutil.ImportName(file, c.pass.Pkg, lf.path)
		if !ok || !c.resolvesToPackage(stmt.Pos(), local, lf.path) {
			continue // not usable by name here
		}
		fn := local + "." + lf.name
		hs = append(hs, handler{
			title: msgLogWith.With(fn),
			body:  fn + "(" + strconv.Quote(label+": %v") + ", " + name + ")",
		})
		break
	}
	return hs
}

// valuesReadAfter reports whether stmt binds a result other than the
// error (named errName), of a type whose nil value panics when used, to
// a variable that fn mentions after it: a handler that only logs would go
// on with the nil a failed call leaves (a *regexp.Regexp), which
// use-before-err-check reports. An empty string or a 0 carried on is what
// the code did before; logging it loses nothing.
func (c *checker) valuesReadAfter(fn, stmt ast.Node, errName string) bool {
	var lhs []ast.Expr
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		lhs = s.Lhs
	case *ast.ValueSpec:
		for _, id := range s.Names {
			lhs = append(lhs, id)
		}
	}
	for _, e := range lhs {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok || id.Name == "_" || id.Name == errName {
			continue
		}
		if v := typesutil.ObjectOf(c.info, id); v != nil && panicsWhenNil(v.Type()) && errlive.MentionedAfter(c.info, fn, stmt, v) {
			return true
		}
	}
	return false
}

// releasedAfter reports whether call acquires (x.Acquire(ctx, n)) what fn
// releases after stmt (x.Release(n)): a handler that logs and goes on
// would run the code that holds it without it, and its Release panics
// ("semaphore: released more than held"), as nacos-sdk-go's beat loop
// does once its context is done. Leaving is the fix there, and which way
// to leave is the maintainer's.
func (c *checker) releasedAfter(fn, stmt ast.Node, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Acquire" {
		return false
	}
	x := types.ExprString(sel.X)
	released := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if released || n == nil {
			return false
		}
		if r, ok := n.(*ast.CallExpr); ok && r.Pos() > stmt.End() {
			if rs, ok := ast.Unparen(r.Fun).(*ast.SelectorExpr); ok && rs.Sel.Name == "Release" && types.ExprString(rs.X) == x {
				released = true
			}
		}
		return true
	})
	return released
}

// returnsNext reports whether stmt, a statement of fn, is followed
// directly by a return statement in its block that closes nothing itself.
// Only then may a failed Close return early: anywhere else the return
// would skip what the function still had to do (close the rest, unlock,
// count the release).
func (c *checker) returnsNext(fn, stmt ast.Node) bool {
	ret, _ := nextStmt(fn, stmt).(*ast.ReturnStmt)
	if ret == nil {
		return false
	}
	closes := false
	ast.Inspect(ret, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && (c.isCloseCall(call) || c.isBuiltinClose(call)) {
			closes = true // return c.db.Close()
		}
		return !closes
	})
	return !closes
}

// isBuiltinClose reports whether call is close(ch).
func (c *checker) isBuiltinClose(call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != "close" {
		return false
	}
	_, ok = c.info.Uses[id].(*types.Builtin)
	return ok
}

// errLabel returns how a wrapped or logged error names the call: the last
// two names of the callee as written (dao.AddBalance, json.Unmarshal,
// f.Close), or its name.
func errLabel(call *ast.CallExpr) string {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		switch x := ast.Unparen(fun.X).(type) {
		case *ast.Ident:
			return x.Name + "." + fun.Sel.Name
		case *ast.SelectorExpr:
			return x.Sel.Name + "." + fun.Sel.Name
		}
		return fun.Sel.Name
	}
	return "call"
}

// fixDroppedCall rewrites the statement f() to
// `if err := f(); err != nil { … }`.
func (c *checker) fixDroppedCall(file *ast.File, cur, fnCur inspector.Cursor, stmt *ast.ExprStmt, call *ast.CallExpr, res *types.Tuple, errAt int) []analysis.SuggestedFix {
	if !inStmtList(cur) || !fixutil.AloneOnLines(c.pass.Fset, cur) {
		return nil
	}
	name, tok, ok := c.errName(fnCur, stmt, call, bindIfInit)
	if !ok {
		return nil
	}
	lhs := make([]string, res.Len())
	for i := range lhs {
		lhs[i] = "_"
	}
	lhs[errAt] = name
	indent := fixutil.Indent(c.pass.Fset, stmt.Pos())
	end := fixutil.End(c.pass.Fset, stmt)
	var fixes []analysis.SuggestedFix
	for _, h := range c.handlers(file, fnCur, stmt, call, name) {
		edits := append([]analysis.TextEdit{
			{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte("if " + strings.Join(lhs, ", ") + " " + tok + " ")},
			{Pos: end, End: end, NewText: []byte("; " + name + " != nil {\n" + indent + "\t" + h.body + "\n" + indent + "}")},
		}, h.edits...)
		fixes = append(fixes, analysis.SuggestedFix{Message: rule.Say(c.pass, h.title), TextEdits: c.gofmtEdits(file, edits)})
	}
	return fixes
}

// returnBuiltFix returns the fix that returns the error a statement
// builds and drops: `fmt.Errorf(…)` → `return …, fmt.Errorf(…)`.
func (c *checker) returnBuiltFix(file *ast.File, cur, fnCur inspector.Cursor, stmt *ast.ExprStmt, call *ast.CallExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if !inStmtList(cur) {
		return none, false
	}
	text, ok := fixutil.Text(c.pass, file, call.Pos(), call.End())
	if !ok {
		return none, false
	}
	vals, ok := c.builtReturn(file, fnCur, stmt, text)
	if !ok {
		return none, false
	}
	edit := analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte("return " + strings.Join(vals, ", "))}
	return analysis.SuggestedFix{Message: rule.Say(c.pass, msgReturnBuilt.With()), TextEdits: c.gofmtEdits(file, []analysis.TextEdit{edit})}, true
}

// fixBlank binds the discarded error of `v, _ := f()` and checks it.
func (c *checker) fixBlank(file *ast.File, cur, fnCur inspector.Cursor, as *ast.AssignStmt, call *ast.CallExpr, blank int) []analysis.SuggestedFix {
	if !inStmtList(cur) || !fixutil.AloneOnLines(c.pass.Fset, cur) {
		return nil
	}
	mode := bindDefine
	if as.Tok == token.ASSIGN {
		mode = bindAssign
	}
	name, _, ok := c.errName(fnCur, as, call, mode)
	if !ok {
		return nil
	}
	for i, lhs := range as.Lhs {
		if id, isIdent := lhs.(*ast.Ident); isIdent && i != blank && id.Name == name {
			// `err, _ := status.WithDetails(…)`: err names the other result.
			if mode == bindAssign {
				return nil
			}
			base := errBase(call)
			if base == name {
				base = "callErr"
			}
			name = fixutil.FreshName(c.pass.Pkg, as.Pos(), base, nil)
		}
	}
	return c.checkAfter(file, fnCur, as, call, name, analysis.TextEdit{
		Pos: as.Lhs[blank].Pos(), End: as.Lhs[blank].End(), NewText: []byte(name),
	})
}

// fixLost checks the error variable name right after stmt assigns it.
// Where stmt builds the error (err = errors.Errorf(…)), there is nothing
// to check: the fix returns it (returnLostBuiltFix).
func (c *checker) fixLost(file *ast.File, cur, fnCur inspector.Cursor, stmt ast.Stmt, call *ast.CallExpr, name string) []analysis.SuggestedFix {
	if !inStmtList(cur) || !fixutil.AloneOnLines(c.pass.Fset, cur) {
		return nil
	}
	if c.isDefiniteError(call) {
		if fix, ok := c.returnLostBuiltFix(file, cur, fnCur, stmt, name); ok {
			return []analysis.SuggestedFix{fix}
		}
		return nil
	}
	return c.checkAfter(file, fnCur, stmt, call, name)
}

// returnLostBuiltFix returns the fix for an error built into the
// variable name and lost (kratos's protoc tool: `err =
// errors.Errorf("project is not inside module…")` as the last statement
// of an if, overwritten below): `return …, err` after it, as the code's
// other failures do (`err = errors.New("not in project"); return nil,
// err`), not `if err != nil` around an error that cannot be nil. Only
// where stmt ends its block (a return there leaves nothing unreachable),
// the function returns an error, and leaving skips no cleanup; logging an
// error nobody meant to log is not what the code asked for.
func (c *checker) returnLostBuiltFix(file *ast.File, cur, fnCur inspector.Cursor, stmt ast.Stmt, name string) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if !endsBlock(cur) {
		return none, false
	}
	vals, ok := c.builtReturn(file, fnCur, stmt, name)
	if !ok {
		return none, false
	}
	indent := fixutil.Indent(c.pass.Fset, stmt.Pos())
	eol := fixutil.LineEnd(c.pass.Fset, fixutil.End(c.pass.Fset, stmt))
	edit := analysis.TextEdit{Pos: eol, End: eol, NewText: []byte("\n" + indent + "return " + strings.Join(vals, ", "))}
	return analysis.SuggestedFix{Message: rule.Say(c.pass, msgReturnBuilt.With()), TextEdits: c.gofmtEdits(file, []analysis.TextEdit{edit})}, true
}

// builtReturn returns the results of a return of the built error errExpr
// at stmt in the function at fnCur: it reports false where the function
// returns no error, where its results are discarded (a deferred literal),
// or where leaving at stmt would skip an Unlock, Done or cancel.
func (c *checker) builtReturn(file *ast.File, fnCur inspector.Cursor, stmt ast.Stmt, errExpr string) ([]string, bool) {
	fn := fnCur.Node()
	results, ok := typesutil.ResultsOf(c.info, fn)
	if !ok || !typesutil.ReturnsError(results) || isDeferredLit(fnCur) {
		return nil, false
	}
	if c.exits.SkipsCleanup(fn, stmt, true, syncflow.Return) {
		return nil, false // leaving here would skip an Unlock, Done or cancel
	}
	return typesutil.NewQualifier(file, c.pass.Pkg).FailureReturn(c.info, fn, results, errExpr)
}

// endsBlock reports whether the statement at cur is the last of its
// block or case body.
func endsBlock(cur inspector.Cursor) bool {
	list, _ := typesutil.StmtList(cur.Parent().Node())
	return len(list) > 0 && list[len(list)-1] == cur.Node()
}

// checkAfter returns one fix per handler that inserts
// `if name != nil { … }` on the line after stmt, plus the edits given.
func (c *checker) checkAfter(file *ast.File, fnCur inspector.Cursor, stmt ast.Stmt, call *ast.CallExpr, name string, extra ...analysis.TextEdit) []analysis.SuggestedFix {
	indent := fixutil.Indent(c.pass.Fset, stmt.Pos())
	eol := fixutil.LineEnd(c.pass.Fset, fixutil.End(c.pass.Fset, stmt))
	var fixes []analysis.SuggestedFix
	for _, h := range c.handlers(file, fnCur, stmt, call, name) {
		check := "\n" + indent + "if " + name + " != nil {\n" + indent + "\t" + h.body + "\n" + indent + "}"
		edits := append(append([]analysis.TextEdit{}, extra...), analysis.TextEdit{Pos: eol, End: eol, NewText: []byte(check)})
		fixes = append(fixes, analysis.SuggestedFix{Message: rule.Say(c.pass, h.title), TextEdits: c.gofmtEdits(file, append(edits, h.edits...))})
	}
	return fixes
}

// How a fix binds the error.
type bindMode int

const (
	bindIfInit bindMode = iota // if err := f(); …
	bindDefine                 // v, err := f()
	bindAssign                 // v, err = f()
)

// errName chooses the name (and the assignment token, for bindIfInit) to
// bind the error of call to at stmt: err unless that changes or shadows
// an err read later, else a name of its own such as saveErr. It reports
// false when no name works (bindAssign needs a declared variable).
func (c *checker) errName(fnCur inspector.Cursor, stmt ast.Node, call *ast.CallExpr, mode bindMode) (name, tok string, ok bool) {
	pos := stmt.Pos()
	var scope *types.Scope
	if c.pass.Pkg != nil {
		scope = c.pass.Pkg.Scope().Innermost(pos)
	}
	if scope == nil {
		return "", "", false
	}
	if mode == bindDefine && fixutil.DeclaredAfter(c.pass.Pkg, pos, "err") {
		// v, err := f() here would break a later err := in the block.
		return fixutil.FreshName(c.pass.Pkg, pos, errBase(call), nil), ":=", true
	}
	_, obj := scope.LookupParent("err", pos)
	if obj == nil {
		if mode == bindAssign {
			return "", "", false
		}
		return "err", ":=", true
	}
	v, _ := obj.(*types.Var)
	localErr := v != nil && isLocal(v) && typesutil.IsError(v.Type())
	dead := func() bool {
		if !localErr {
			return false
		}
		live, _ := c.liveAfter(c.flowOf(fnCur.Node()), v, stmt)
		return !live
	}
	// A named result is read when the function returns.
	mentioned := func() bool {
		return localErr && c.isNamedResult(fnCur.Node(), v) || c.mentionedAfter(fnCur.Node(), stmt, obj)
	}
	switch mode {
	case bindIfInit:
		if !mentioned() {
			return "err", ":=", true // shadows nothing that is read later
		}
		if dead() {
			return "err", "=", true // reuses err, whose value is not needed
		}
	case bindDefine:
		if scope.Lookup("err") == obj {
			if dead() {
				return "err", ":=", true // := assigns the err of this scope
			}
		} else if !mentioned() {
			return "err", ":=", true // declares err here; the outer one is not used again
		}
	case bindAssign:
		if dead() {
			return "err", "=", true
		}
		return "", "", false
	}
	return fixutil.FreshName(c.pass.Pkg, pos, errBase(call), nil), ":=", true
}

// errBase is the base of the name of an error variable of its own for
// call: saveErr for s.Save(…).
func errBase(call *ast.CallExpr) string {
	base := strings.TrimSuffix(lowerFirst(shortName(call)), "_") + "Err"
	if !token.IsIdentifier(base) {
		base = "callErr"
	}
	return base
}

// isLocal reports whether v is declared in a function.
func isLocal(v *types.Var) bool {
	return !v.IsField() && v.Pkg() != nil && v.Parent() != nil && v.Parent() != v.Pkg().Scope()
}

// lowerFirst lowers the leading capitals of a name: UpdateBalance →
// updateBalance, URLFor → urlFor.
func lowerFirst(name string) string {
	r := []rune(name)
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
	s := string(r)
	if token.IsKeyword(s) {
		return s + "_"
	}
	return s
}

// allowsWrap reports whether the file's Go version has %w (Go 1.13).
func (c *checker) allowsWrap(file *ast.File) bool {
	v := c.info.FileVersions[file]
	return v == "" || version.Compare(v, "go1.13") >= 0
}

// resolves reports whether name at pos denotes obj.
func (c *checker) resolves(pos token.Pos, name string, obj types.Object) bool {
	return obj != nil && c.pass.Pkg != nil && typesutil.InScope(c.pass.Pkg, pos, name, obj)
}

// resolvesToPackage reports whether name at pos denotes the import of path.
func (c *checker) resolvesToPackage(pos token.Pos, name, path string) bool {
	if c.pass.Pkg == nil {
		return false
	}
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == path
}

// inStmtList reports whether the statement at cur is an element of a
// block or case body, where statements may be inserted around it.
func inStmtList(cur inspector.Cursor) bool {
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return true
	}
	return false
}
