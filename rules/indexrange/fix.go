package indexrange

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

// addFixes gives the findings that can fail (not those that always
// panic: for those the index itself is wrong) a length guard, and a
// strings.Cut rewrite where that keeps the meaning.
func (c *checker) addFixes(all []*finding) {
	plans := make(map[string]*plan)
	var order []string
	for _, f := range all {
		if f.definite {
			continue // the index is wrong, whatever the input: no guard makes sense
		}
		p, ok := c.planFor(f)
		if !ok {
			continue // no place for a guard
		}
		key := fmt.Sprintf("%s@%d/%t", p.subject, p.at, p.after)
		if q, ok := plans[key]; ok {
			q.members = append(q.members, f)
			continue // shares the guard of an earlier finding
		}
		p.members = []*finding{f}
		plans[key] = p
		order = append(order, key)
	}
	for _, key := range order {
		p := plans[key]
		need := int64(0)
		for _, f := range p.members {
			need = max(need, f.k+1)
		}
		fixes := c.guardFixes(p, need)
		for _, f := range p.members {
			f.diag.SuggestedFixes = append(f.diag.SuggestedFixes, fixes...)
		}
	}
	for _, f := range all {
		if fix, ok := c.cutFix(f); ok {
			f.diag.SuggestedFixes = append(f.diag.SuggestedFixes, fix)
		}
	}
}

// planFor decides where a guard for f goes.
func (c *checker) planFor(f *finding) (*plan, bool) {
	pass, info := c.pass, c.pass.TypesInfo
	file := fixutil.FileOf(pass.Files, f.expr.Pos())
	fnCur, ok := typesutil.EnclosingFunc(f.cur)
	if file == nil || !ok || isDeferred(fnCur) {
		return nil, false // package level, or a deferred function (returning there swallows panics)
	}
	p := &plan{file: file, fnNode: fnCur.Node()}
	x := ast.Unparen(f.expr.X)
	switch {
	case typesutil.LocalVar(info, x) != nil:
		p.subject, p.obj = x.(*ast.Ident).Name, typesutil.LocalVar(info, x)
	case isOSArgsExpr(info, x):
		p.subject = types.ExprString(x)
	case f.b.src != nil && f.b.src.kind == srcFlagArgs && isCallOfFlagArgs(info, x):
		p.subject = types.ExprString(x)
	default:
		return nil, false // a call or a field: no name to check the length of
	}
	stmtCur, ok := fixutil.EnclosingStmt(f.cur)
	if !ok || !canHoist(stmtCur, f.cur) || !fixutil.AloneOnLines(pass.Fset, stmtCur) {
		return nil, false
	}
	p.stmt = stmtCur
	stmt := stmtCur.Node()
	if p.obj != nil && !typesutil.InScope(pass.Pkg, stmt.Pos(), p.subject, p.obj) {
		return nil, false // declared in the statement itself
	}
	p.at, p.scope, p.indent = fixutil.LineStart(pass.Fset, stmt.Pos()), stmt.Pos(), fixutil.Indent(pass.Fset, stmt.Pos())
	if def, ok := c.defBefore(f, stmtCur, p.obj); ok {
		p.at, p.after, p.def = fixutil.NextLineStart(pass.Fset, def.Node().End()), true, def.Node().(ast.Stmt)
	}
	return p, true
}

// defBefore returns the statement that made the slice f indexes when
// the guard can go right after it: an earlier statement of the same
// block, assigning only obj, after which nothing leaves the block or
// assigns obj before f's statement.
func (c *checker) defBefore(f *finding, stmtCur inspector.Cursor, obj types.Object) (inspector.Cursor, bool) {
	var none inspector.Cursor
	src := f.b.src
	if obj == nil || src == nil || src.call == nil || ssa.Value(src.call) != f.ia.X {
		return none, false // the slice may come from elsewhere on some path
	}
	callCur, ok := c.calls[src.call.Pos()]
	if !ok {
		return none, false
	}
	defCur, ok := fixutil.EnclosingStmt(callCur)
	if !ok || defCur.Parent() != stmtCur.Parent() || defCur.ParentEdgeKind() != stmtCur.ParentEdgeKind() {
		return none, false
	}
	as, ok := defCur.Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != callCur.Node() ||
		typesutil.ObjectOf(c.pass.TypesInfo, as.Lhs[0]) != obj {
		return none, false
	}
	if !fixutil.AloneOnLines(c.pass.Fset, defCur) {
		return none, false
	}
	if next, ok := defCur.NextSibling(); ok && next == stmtCur {
		return defCur, true
	}
	for cur, ok := defCur.NextSibling(); ok && cur != stmtCur; cur, ok = cur.NextSibling() {
		if c.mayLeave(cur.Node()) || assigns(c.pass.TypesInfo, cur.Node(), obj) {
			return none, false // returning early there would no longer happen for bad input
		}
		if !onlyConstIndexes(c.pass.TypesInfo, cur.Node(), obj) {
			return none, false // it looks at the slice (len, a loop): the guard belongs below that
		}
	}
	return defCur, true
}

// mayLeave reports whether n contains a statement that can leave the
// enclosing block: return, break, continue, goto, or a call that never
// returns (panic, os.Exit, …).
func (c *checker) mayLeave(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.BranchStmt:
			found = true
		case *ast.CallExpr:
			if !c.nr.MayReturn(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// onlyConstIndexes reports whether n uses obj only as x[k] with a
// constant k.
func onlyConstIndexes(info *types.Info, n ast.Node, obj types.Object) bool {
	ok := true
	ast.Inspect(n, func(n ast.Node) bool {
		if ix, isIndex := n.(*ast.IndexExpr); isIndex && typesutil.ObjectOf(info, ix.X) == obj {
			if tv, found := info.Types[ix.Index]; found && tv.Value != nil {
				return false // x[k]: fine
			}
		}
		if id, isID := n.(*ast.Ident); isID && info.Uses[id] == obj {
			ok = false
		}
		return ok
	})
	return ok
}

// assigns reports whether n assigns obj or takes its address.
func assigns(info *types.Info, n ast.Node, obj types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if typesutil.ObjectOf(info, l) == obj {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(info, n.X) == obj {
				found = true
			}
		case *ast.RangeStmt:
			if typesutil.ObjectOf(info, n.Key) == obj || typesutil.ObjectOf(info, n.Value) == obj {
				found = true
			}
		}
		return !found
	})
	return found
}

// guardFixes returns the fix that inserts `if len(x) < need { … }`.
func (c *checker) guardFixes(p *plan, need int64) []analysis.SuggestedFix {
	f := p.members[0]
	src := f.b.src
	var cond string
	check, subject := msgCheckLen, p.subject
	switch {
	case src.kind == srcSubmatch:
		cond, check = p.subject+" == nil", msgCheckNil
	case src.kind == srcFlagArgs && p.obj == nil:
		subject = flagNArg(f.expr.X)
		cond, check = lessThan(subject, need), msgCheckNArg
	default:
		cond = lessThan("len("+p.subject+")", need)
	}
	ex, ok := c.exitFor(p, need, src)
	if !ok || c.skips(p, ex) {
		return nil
	}
	text := p.indent + "if " + cond + " {\n"
	for _, l := range ex.lines {
		text += p.indent + "\t" + l + "\n"
	}
	text += p.indent + "}\n"
	edits := append(ex.edits, analysis.TextEdit{Pos: p.at, End: p.at, NewText: []byte(text)})
	edits, ok = fixutil.Gofmt(c.pass, p.file, edits)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{Message: rule.Say(c.pass, check.With(subject, ex.title)), TextEdits: edits}}
}

// flagNArg spells NArg() for x, a call of flag.Args() (pkg.Args()).
func flagNArg(x ast.Expr) string {
	if call, ok := ast.Unparen(x).(*ast.CallExpr); ok {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			return types.ExprString(sel.X) + ".NArg()"
		}
	}
	return "flag.NArg()"
}

// lessThan spells n < need, as n == 0 for need 1.
func lessThan(n string, need int64) string {
	if need == 1 {
		return n + " == 0"
	}
	return fmt.Sprintf("%s < %d", n, need)
}

// exitFor chooses how a guard inserted at p leaves: failing the test,
// skipping to the next iteration of the enclosing loop, exiting main
// with a usage message, or returning (an error where the function
// returns one).
func (c *checker) exitFor(p *plan, need int64, src *source) (exit, bool) {
	pass, info := c.pass, c.pass.TypesInfo
	format, args := c.complaint(p, need, src)
	call := func(fn, format string, args []string) string {
		return fn + "(" + strings.Join(append([]string{strconv.Quote(format)}, args...), ", ") + ")"
	}
	if t := typesutil.TestingParam(info, p.fnNode); t != "" {
		return exit{title: msgFailTest.With(), lines: []string{call(t+".Fatalf", format, args)}, jump: &syncflow.Return}, true
	}
	if loop := loopOf(p.stmt); loop != nil {
		next := syncflow.Continue(loop)
		return exit{title: msgContinue.With(), lines: []string{"continue"}, jump: &next}, true
	}
	if fd, ok := p.fnNode.(*ast.FuncDecl); ok && fd.Name.Name == "main" && fd.Recv == nil && pass.Pkg.Name() == "main" {
		osName, osEdits, ok := fixutil.AddImport(pass.Fset, pass.Pkg, p.file, p.scope, "os", "os")
		if !ok {
			return exit{}, false
		}
		if src.kind == srcFlagArgs {
			flagName, flagEdits, ok := fixutil.AddImport(pass.Fset, pass.Pkg, p.file, p.scope, "flag", "flag")
			if !ok {
				return exit{}, false
			}
			return exit{title: msgFlagUsage.With(), edits: append(osEdits, flagEdits...), lines: []string{
				flagName + ".Usage()", osName + ".Exit(2)",
			}}, true
		}
		fmtName, fmtEdits, ok := fixutil.AddImport(pass.Fset, pass.Pkg, p.file, p.scope, "fmt", "fmt")
		if !ok {
			return exit{}, false
		}
		if src.kind == srcOSArgs {
			usage := "usage: %s <arg>"
			if need > 2 {
				var a []string
				for i := int64(1); i < need; i++ {
					a = append(a, fmt.Sprintf("<arg%d>", i))
				}
				usage = "usage: %s " + strings.Join(a, " ")
			}
			format, args = usage, []string{osName + ".Args[0]"}
		}
		return exit{title: msgUsage.With(), edits: append(osEdits, fmtEdits...), lines: []string{
			fmtName + ".Fprintf(" + strings.Join(append([]string{osName + ".Stderr", strconv.Quote(format + "\n")}, args...), ", ") + ")",
			osName + ".Exit(2)",
		}}, true
	}
	results, ok := typesutil.ResultsOf(info, p.fnNode)
	if !ok {
		return exit{}, false
	}
	q := typesutil.NewQualifier(p.file, pass.Pkg)
	var ex exit
	errExpr := ""
	switch {
	case typesutil.ReturnsError(results):
		name, edits, ok := fixutil.AddImport(pass.Fset, pass.Pkg, p.file, p.scope, "fmt", "fmt")
		if !ok {
			return exit{}, false
		}
		errExpr = call(name+".Errorf", format, args)
		ex.edits, ex.title = edits, msgReturnErr.With()
	case results.Len() == 0:
		ex.title = msgReturnEarly.With()
	default:
		ex.title = msgReturnZero.With()
	}
	vals, ok := q.FailureReturn(info, p.fnNode, results, errExpr)
	if !ok {
		return exit{}, false
	}
	ret := "return"
	if len(vals) > 0 {
		ret += " " + strings.Join(vals, ", ")
	}
	ex.lines, ex.jump = []string{ret}, &syncflow.Return
	return ex, true
}

// complaint returns the format and arguments of the message a guard
// gives: "malformed token %q", token when the split input has a name in
// scope, else a count of the elements.
func (c *checker) complaint(p *plan, need int64, src *source) (string, []string) {
	switch src.kind {
	case srcOSArgs:
		return fmt.Sprintf("got %%d arguments, want at least %d", need-1), []string{"len(" + p.subject + ")-1"}
	case srcFlagArgs:
		n := "len(" + p.subject + ")"
		if p.obj == nil {
			n = flagNArg(p.members[0].expr.X)
		}
		return fmt.Sprintf("got %%d arguments, want at least %d", need), []string{n}
	}
	if s := c.inputExpr(p, src); s != nil {
		return "malformed " + nameOf(s) + " %q", []string{types.ExprString(s)}
	}
	if src.kind == srcSubmatch {
		return p.subject + ": no match", nil
	}
	return fmt.Sprintf("%s has %%d elements, want at least %d", p.subject, need), []string{"len(" + p.subject + ")"}
}

// inputExpr returns the string a split or match took apart, when it is
// a variable (or a field of one) that the guard can name.
func (c *checker) inputExpr(p *plan, src *source) ast.Expr {
	call := c.callExpr(src)
	if call == nil || len(call.Args) == 0 {
		return nil
	}
	s := ast.Unparen(call.Args[0])
	if !fixutil.IsVarPath(s) {
		return nil
	}
	root := s
	for {
		sel, ok := root.(*ast.SelectorExpr)
		if !ok {
			break
		}
		root = ast.Unparen(sel.X)
	}
	id, ok := root.(*ast.Ident)
	if !ok {
		return nil
	}
	obj := c.pass.TypesInfo.ObjectOf(id)
	if obj == nil || !typesutil.InScope(c.pass.Pkg, p.scope, id.Name, obj) {
		return nil
	}
	if _, isPkg := obj.(*types.PkgName); isPkg {
		return nil
	}
	return s
}

// nameOf names an input in a message: token, req.Token → token.
func nameOf(e ast.Expr) string {
	name := ""
	switch e := e.(type) {
	case *ast.Ident:
		name = e.Name
	case *ast.SelectorExpr:
		name = e.Sel.Name
	}
	r, size := utf8.DecodeRuneInString(name)
	if size == 0 || len(name) == size {
		return "input" // a one-letter name says nothing
	}
	// Lower a leading capital unless the name is an initialism (URL).
	if len(name) > size {
		r2, _ := utf8.DecodeRuneInString(name[size:])
		if unicode.IsUpper(r2) {
			return name
		}
	}
	return string(unicode.ToLower(r)) + name[size:]
}
