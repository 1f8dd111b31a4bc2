package goerrgroup

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// rewriteLit turns `go func(…) { … }(…)` into `g.Go(func() error { … })`:
// it replaces the head and the tail, removes the Done, and makes every
// bare return of the literal return nil, except the return of
// `if err != nil { return }`, which gave up on the error of a call and now
// returns it. A last statement that drops the error of a call becomes
// `return call`. rewriteLit returns the function of the first call whose
// error the closure now returns, or nil.
func (f *fixer) rewriteLit(gs *ast.GoStmt, lit *ast.FuncLit, done ast.Stmt, head, indent string, ctxObj *types.Var, renameCtx string) (ast.Expr, bool) {
	fset := f.pass.Fset
	body := lit.Body
	line := func(p token.Pos) int { return fset.Position(p).Line }
	if line(body.Lbrace) != line(gs.Pos()) || !f.startsLine(body.Rbrace) {
		return nil, false // a one-line or oddly laid out literal
	}
	var stmts []ast.Stmt
	for _, s := range body.List {
		if s != done {
			stmts = append(stmts, s)
		}
	}
	if len(stmts) > 0 && line(stmts[0].Pos()) == line(body.Lbrace) {
		return nil, false // a statement on the line of the brace
	}
	f.add(gs.Pos(), body.Lbrace+1, head)
	swallowed := f.swallowingReturns(lit)
	var errCall ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				at := n.Pos() + token.Pos(len("return"))
				if sw, ok := swallowed[n]; ok {
					f.add(at, at, " "+sw.name) // the error the goroutine gave up on
					if errCall == nil {
						errCall = sw.call
					}
				} else {
					f.add(at, at, " nil")
				}
			}
		case *ast.Ident:
			if renameCtx != "" && ctxObj != nil && f.info.Uses[n] == types.Object(ctxObj) {
				f.add(n.Pos(), n.End(), renameCtx)
			}
		}
		return true
	})
	switch {
	case len(stmts) > 0 && f.isErrorStatement(stmts[len(stmts)-1]):
		last := stmts[len(stmts)-1].(*ast.ExprStmt)
		f.add(last.Pos(), last.Pos(), "return ")
		if errCall == nil {
			errCall = last.X.(*ast.CallExpr).Fun
		}
	case len(stmts) == 0 || !isTerminating(stmts[len(stmts)-1]):
		at := fixutil.LineStart(fset, body.Rbrace)
		f.add(at, at, indent+"\treturn nil\n")
	}
	f.add(body.Rbrace+1, gs.End(), ")")
	return errCall, true
}

// A swallow is a bare return that gives up on an error: the name of the
// error variable, and the function of the call it holds the error of.
type swallow struct {
	name string
	call ast.Expr
}

// swallowingReturns finds, in the goroutine lit (not in function literals
// within it), the bare returns of `if err != nil { return }` where err is
// an error variable of lit assigned from a call by the if's init or by
// the statement just before the if. As g.Go closures they return err, so
// that the error reaches Wait.
func (f *fixer) swallowingReturns(lit *ast.FuncLit) map[*ast.ReturnStmt]swallow {
	res := map[*ast.ReturnStmt]swallow{}
	var visit func(list []ast.Stmt)
	visit = func(list []ast.Stmt) {
		for i, s := range list {
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false // another function's returns
				case *ast.BlockStmt:
					visit(n.List)
					return false
				case *ast.CaseClause:
					visit(n.Body)
					return false
				case *ast.CommClause:
					visit(n.Body)
					return false
				case *ast.IfStmt:
					if n != s {
						return true // nested in another statement: its previous statement is unknown
					}
					var prev ast.Stmt
					if i > 0 {
						prev = list[i-1]
					}
					if sw, ret, ok := f.swallowOf(lit, n, prev); ok {
						res[ret] = sw
					}
				}
				return true
			})
		}
	}
	visit(lit.Body.List)
	return res
}

// swallowOf reports whether ifs is `if err != nil { return }` giving up
// on the error of a call assigned by its init or by prev, and returns it.
func (f *fixer) swallowOf(lit *ast.FuncLit, ifs *ast.IfStmt, prev ast.Stmt) (swallow, *ast.ReturnStmt, bool) {
	if ifs.Else != nil || len(ifs.Body.List) != 1 {
		return swallow{}, nil, false
	}
	ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 0 {
		return swallow{}, nil, false
	}
	b, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return swallow{}, nil, false
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if typesutil.IsNil(f.info, x) {
		x, y = y, x
	}
	id, ok := x.(*ast.Ident)
	if !ok || !typesutil.IsNil(f.info, y) {
		return swallow{}, nil, false
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || !typesutil.IsError(v.Type()) || v.Pos() < lit.Pos() || v.Pos() > lit.End() {
		return swallow{}, nil, false // not an error variable of the goroutine
	}
	assign := ifs.Init
	if assign == nil {
		assign = prev
	}
	as, ok := assign.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return swallow{}, nil, false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return swallow{}, nil, false
	}
	for _, l := range as.Lhs {
		if typesutil.ObjectOf(f.info, l) == types.Object(v) {
			return swallow{name: id.Name, call: call.Fun}, ret, true
		}
	}
	return swallow{}, nil, false
}

// isErrorStatement reports whether s is a call statement whose only
// result, an error, it drops.
func (f *fixer) isErrorStatement(s ast.Stmt) bool {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok || isNeverFailing(f.info, call) {
		return false
	}
	sig, ok := f.info.TypeOf(call.Fun).(*types.Signature)
	return ok && sig.Results().Len() == 1 && typesutil.IsError(sig.Results().At(0).Type())
}

// isTerminating reports whether s ends its function: a return, a panic,
// or an if/else or block whose branches all end it. It is the spec's
// terminating statement (a body that ends in one needs no final return),
// not noreturn's question: a closure ending in log.Fatal still needs
// its return to compile.
func isTerminating(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := call.Fun.(*ast.Ident)
		return ok && id.Name == "panic"
	case *ast.BlockStmt:
		return len(s.List) > 0 && isTerminating(s.List[len(s.List)-1])
	case *ast.IfStmt:
		if s.Else == nil {
			return false
		}
		return isTerminating(s.Body) && isTerminating(s.Else)
	}
	return false
}

// callBody returns the body of the closure that runs call.
func (f *fixer) callBody(call *ast.CallExpr, indent string, ctxObj *types.Var, renameCtx string) (string, bool) {
	var renames []analysis.TextEdit
	if renameCtx != "" && ctxObj != nil {
		ast.Inspect(call, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && f.info.Uses[id] == types.Object(ctxObj) {
				renames = append(renames, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(renameCtx)})
			}
			return true
		})
	}
	text, ok := fixutil.Apply(f.src[int(call.Pos())-f.base:int(call.End())-f.base], int(call.Pos()), renames)
	if !ok {
		return "", false
	}
	callText := fixutil.Reindent(string(text), indent, indent+"\t")
	sig, ok := f.info.TypeOf(call.Fun).(*types.Signature)
	if !ok {
		return "", false
	}
	res := sig.Results()
	errAt := -1
	for i := 0; i < res.Len(); i++ {
		if typesutil.IsError(res.At(i).Type()) {
			errAt = i
		}
	}
	switch {
	case errAt < 0:
		return callText + "\n" + indent + "\treturn nil", true
	case res.Len() == 1:
		return "return " + callText, true
	}
	lhs := make([]string, res.Len())
	for i := range lhs {
		lhs[i] = "_"
	}
	lhs[errAt] = "err"
	return strings.Join(lhs, ", ") + " := " + callText + "\n" + indent + "\treturn err", true
}

// waitStmt returns the statement that waits for the group, how it
// handles Wait's error when it does not return it, and whether it leaves
// the function on that error (a return, t.Fatal).
func (f *fixer) waitStmt(fnCur inspector.Cursor, g, indent string, kratos bool, opts *rule.Options) (wait string, how rule.Text, leaves, ok bool) {
	results, ok := typesutil.ResultsOf(f.info, fnCur.Node())
	if !ok {
		return "", rule.Text{}, false, false
	}
	if typesutil.ReturnsError(results) {
		q := typesutil.NewQualifier(f.file, f.pass.Pkg)
		vals, ok := q.FailureReturn(f.info, fnCur.Node(), results, "err")
		if !ok {
			return "", rule.Text{}, false, false
		}
		return fmt.Sprintf("if err := %s.Wait(); err != nil {\n%s\treturn %s\n%s}", g, indent, strings.Join(vals, ", "), indent), rule.Text{}, true, true
	}
	if t := typesutil.TestingParam(f.info, fnCur.Node()); t != "" {
		return fmt.Sprintf("if err := %s.Wait(); err != nil {\n%s\t%s.Fatal(err)\n%s}", g, indent, t, indent), msgFailsTest.With(), true, true
	}
	for _, spec := range f.file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || !opts.FrameworkPackage(p, "log") {
			continue // not the framework's log
		}
		name, ok := fixutil.ImportName(f.file, f.pass.Pkg, p)
		if !ok {
			continue
		}
		msg := strconv.Quote(funcName(fnCur) + ": %v")
		if funcName(fnCur) == "the function" {
			msg = strconv.Quote("errgroup: %v")
		}
		return fmt.Sprintf("if err := %s.Wait(); err != nil {\n%s\t%s.Error(%s, err)\n%s}", g, indent, name, msg, indent), msgLogsWait.With(), false, true
	}
	if kratos {
		return "", rule.Text{}, false, false // discarding Wait's error would hide the panics it now recovers
	}
	return "_ = " + g + ".Wait()", msgDiscardsWait.With(), false, true
}

// removeSyncImport deletes the import of sync when the rewrite removed
// its last use, and reports false when it cannot.
func (f *fixer) removeSyncImport() bool {
	var spec *ast.ImportSpec
	for _, s := range f.file.Imports {
		if p, err := strconv.Unquote(s.Path.Value); err == nil && p == "sync" && s.Name == nil {
			spec = s
		}
	}
	if spec == nil {
		return true // named or dot import: leave it
	}
	for id, obj := range f.info.Uses {
		pn, ok := obj.(*types.PkgName)
		if !ok || pn.Imported().Path() != "sync" || id.Pos() < f.file.FileStart || id.Pos() > f.file.FileEnd {
			continue // another package, or another file
		}
		removed := false
		for _, r := range f.deleted {
			if r[0] <= id.Pos() && id.Pos() < r[1] {
				removed = true
			}
		}
		if !removed {
			return true // sync is still used
		}
	}
	// Find the spec's declaration and neighbours.
	for _, d := range f.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue // not an import declaration
		}
		for i, s := range g.Specs {
			if s != spec {
				continue // another import
			}
			if !g.Lparen.IsValid() || len(g.Specs) == 1 {
				return false // the declaration would go too: rare, leave it to the user
			}
			line := func(p token.Pos) int { return f.pass.Fset.Position(p).Line }
			var prev, next ast.Spec
			if i > 0 {
				prev = g.Specs[i-1]
			}
			if i+1 < len(g.Specs) {
				next = g.Specs[i+1]
			}
			end := spec.End()
			if spec.Comment != nil {
				end = spec.Comment.End()
			}
			switch {
			case prev != nil && line(prev.End()) == line(spec.Pos())-1:
				f.add(prev.End(), end, "") // last or middle of its group
			case next != nil && line(next.Pos()) == line(end)+1:
				f.add(spec.Pos(), next.Pos(), "") // first of its group
			case prev != nil:
				f.add(prev.End(), end, "") // alone in its group: drop the group's blank line too
			default:
				f.add(spec.Pos(), next.Pos(), "")
			}
			return true
		}
	}
	return false
}

// addImports returns the names by which code at pos can refer to the
// packages at paths (named after their last element), and the edits that
// import them. fixutil.AddImport adds one import; two of its edits would
// overlap where the file has a single unparenthesized import, so that
// declaration is rewritten here as a whole.
func addImports(fset *token.FileSet, pkg *types.Package, file *ast.File, pos token.Pos, paths []string) ([]string, []analysis.TextEdit, bool) {
	var names, missing []string
	var edits []analysis.TextEdit
	for _, p := range paths {
		name, e, ok := fixutil.AddImport(fset, pkg, file, pos, p, p[strings.LastIndex(p, "/")+1:])
		if !ok {
			return nil, nil, false
		}
		names = append(names, name)
		if len(e) > 0 {
			missing = append(missing, p)
			edits = append(edits, e...)
		}
	}
	if len(missing) < 2 {
		return names, edits, true
	}
	var decl *ast.GenDecl
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			decl = g
			break
		}
	}
	if decl == nil || decl.Lparen.IsValid() {
		return names, edits, true // separate insertions, checked for overlap and layout later
	}
	old := decl.Specs[0].(*ast.ImportSpec)
	oldText := old.Path.Value
	if old.Name != nil {
		oldText = old.Name.Name + " " + oldText
	}
	oldPath, _ := strconv.Unquote(old.Path.Value)
	type spec struct{ path, text string }
	all := []spec{{oldPath, oldText}}
	for _, p := range missing {
		all = append(all, spec{p, strconv.Quote(p)})
	}
	isStd := func(p string) bool { return !strings.Contains(strings.SplitN(p, "/", 2)[0], ".") }
	sort.Slice(all, func(i, j int) bool {
		if isStd(all[i].path) != isStd(all[j].path) {
			return isStd(all[i].path)
		}
		return all[i].path < all[j].path
	})
	var b strings.Builder
	b.WriteString("import (\n")
	for i, sp := range all {
		if i > 0 && isStd(all[i-1].path) != isStd(sp.path) {
			b.WriteString("\n")
		}
		b.WriteString("\t" + sp.text + "\n")
	}
	b.WriteString(")")
	return names, []analysis.TextEdit{{Pos: decl.Pos(), End: decl.End(), NewText: []byte(b.String())}}, true
}
