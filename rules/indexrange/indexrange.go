package indexrange

import (
	"embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the index-range rule.
var Rule = rule.Define(rule.Spec{
	ID:       "index-range",
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Messages: messages,
	Requires: []*analysis.Analyzer{inspect.Analyzer, ssaflow.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

// A checker holds what one pass needs to map SSA back to syntax.
type checker struct {
	pass  *analysis.Pass
	index map[token.Pos]inspector.Cursor // index expressions by '['
	calls map[token.Pos]inspector.Cursor // calls by '('
	exits *syncflow.Builder              // may a guard leave here (skips)
	nr    *noreturn.Checker              // which calls never return
}

// A finding is one index expression that panics or can.
type finding struct {
	ia       *ssa.IndexAddr
	cur      inspector.Cursor // the *ast.IndexExpr
	expr     *ast.IndexExpr
	k        int64
	b        bound
	definite bool
	diag     analysis.Diagnostic
	sev      rule.Severity // Off: the rule's
}

func run(pass *analysis.Pass, _ *rule.Options) error {
	prog := ssaflow.Of(pass)
	if prog == nil {
		return nil // ill-typed package: no SSA form, no findings
	}
	c := &checker{
		pass:  pass,
		index: make(map[token.Pos]inspector.Cursor),
		calls: make(map[token.Pos]inspector.Cursor),
		nr:    noreturn.New(pass.TypesInfo, pass.Files),
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.IndexExpr)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.IndexExpr:
			c.index[n.Lbrack] = cur
		case *ast.CallExpr:
			c.calls[n.Lparen] = cur
		}
	}
	var all []*finding
	for _, fn := range prog.SrcFuncs {
		all = append(all, c.checkFunc(fn)...)
	}
	c.addFixes(all)
	sort.Slice(all, func(i, j int) bool { return all[i].expr.Pos() < all[j].expr.Pos() })
	for _, f := range all {
		rule.ReportAt(pass, f.sev, f.diag)
	}
	return nil
}

// checkFunc returns the findings in one function.
func (c *checker) checkFunc(fn *ssa.Function) []*finding {
	if len(fn.Blocks) == 0 {
		return nil
	}
	fl, err := analyze(fn)
	if err != nil {
		rule.GiveUp(c.pass, fn.Pos(), fmt.Sprintf("%s: %v", fn.Name(), err))
		return nil // say nothing rather than guess
	}
	var out []*finding
	seen := make(map[token.Pos]bool)
	kernel := readsKernelFile(fn)
	for _, b := range fn.Blocks {
		in := fl.in[b.Index]
		if in == nil {
			continue // unreachable
		}
		fl.transfer(b, clone(in), func(instr ssa.Instruction, f facts) {
			ia, ok := instr.(*ssa.IndexAddr)
			if !ok || seen[ia.Pos()] {
				return // not an index, or reported already
			}
			k, ok := ssaflow.ConstInt(ia.Index)
			if !ok || k < 0 || !isSlice(ia.X.Type()) {
				return // not a constant index into a slice
			}
			cur, ok := c.index[ia.Pos()]
			if !ok {
				return // no syntax (a range loop's implicit index)
			}
			bd := fl.boundOf(ia.X, f, newWalk(f))
			if bd.iv.empty() {
				return // no path reaches it with a length
			}
			definite := bd.iv.hi != inf && k >= bd.iv.hi
			possible := bd.known && bd.src != nil && k >= bd.iv.lo
			if !definite && !possible {
				return // long enough on every path
			}
			seen[ia.Pos()] = true
			expr := cur.Node().(*ast.IndexExpr)
			f2 := &finding{ia: ia, cur: cur, expr: expr, k: k, b: bd, definite: definite}
			f2.diag = analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Message: c.message(f2)}
			switch {
			case !definite && strings.HasSuffix(c.pass.Fset.File(expr.Pos()).Name(), "_test.go"):
				// A test that panics on unexpected output still fails: only hint.
				f2.sev = rule.Hint
			case !definite && kernel:
				// The kernel fixes the format of /proc and /sys files: the
				// input cannot be anything.
				f2.sev = rule.Information
			}
			out = append(out, f2)
		})
	}
	return out
}

// readsKernelFile reports whether fn reads a file of /proc or /sys: it
// passes a constant path under them to a call (os.Open("/proc/stat"),
// a line reader given such a path).
func readsKernelFile(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue // not a call
			}
			for _, arg := range call.Common().Args {
				if p, ok := constString(arg); ok && (strings.HasPrefix(p, "/proc/") || strings.HasPrefix(p, "/sys/")) {
					return true
				}
			}
		}
	}
	return false
}

// message says why the index is out of range.
func (c *checker) message(f *finding) string {
	x := types.ExprString(f.expr.X)
	at := fmt.Sprintf("%s[%d]", x, f.k)
	iv, src := f.b.iv, f.b.src
	if f.definite {
		switch {
		case src != nil && src.kind == srcSplitN && src.n > 0 && iv.hi == src.n:
			return fmt.Sprintf("%s is out of range: %s returns at most %d elements", at, c.calleeName(src), src.n)
		case iv.hi == 0:
			return fmt.Sprintf("%s is out of range: %s is empty here", at, x)
		case iv.lo == iv.hi:
			return fmt.Sprintf("%s is out of range: %s has length %d", at, x, iv.hi)
		}
		if iv.hi == 1 {
			return fmt.Sprintf("%s is out of range: %s has at most 1 element here", at, x)
		}
		return fmt.Sprintf("%s is out of range: %s has at most %d elements here", at, x, iv.hi)
	}
	call := c.callExpr(src)
	switch src.kind {
	case srcSplit, srcSplitN:
		if call != nil && len(call.Args) >= 2 && src.sep != "" {
			s := types.ExprString(call.Args[0])
			if f.k == 1 {
				return fmt.Sprintf("%s panics when %s contains no %q", at, s, src.sep)
			}
			return fmt.Sprintf("%s panics when %s contains fewer than %d %q", at, s, f.k, src.sep)
		}
	case srcFields:
		if call != nil && len(call.Args) >= 1 {
			s := types.ExprString(call.Args[0])
			if f.k == 0 {
				return fmt.Sprintf("%s panics when %s is blank", at, s)
			}
			return fmt.Sprintf("%s panics when %s has fewer than %d fields", at, s, f.k+1)
		}
	case srcOSArgs:
		if f.k == 1 {
			return fmt.Sprintf("%s panics when the program is run without arguments", at)
		}
		return fmt.Sprintf("%s panics when the program is run with fewer than %d arguments", at, f.k)
	case srcFlagArgs:
		if f.k == 0 {
			return fmt.Sprintf("%s panics when no arguments follow the flags", at)
		}
		return fmt.Sprintf("%s panics when fewer than %d arguments follow the flags", at, f.k+1)
	case srcSubmatch:
		return fmt.Sprintf("%s panics when the regexp does not match: %s returns nil then", at, c.calleeName(src))
	case srcFindAll:
		return fmt.Sprintf("%s panics when the regexp finds no match: %s returns nil then", at, c.calleeName(src))
	}
	return fmt.Sprintf("%s panics when %s has fewer than %d elements", at, x, f.k+1)
}

// callExpr returns the syntax of a source's call, or nil.
func (c *checker) callExpr(src *source) *ast.CallExpr {
	if src == nil || src.call == nil {
		return nil
	}
	cur, ok := c.calls[src.call.Pos()]
	if !ok {
		return nil
	}
	return cur.Node().(*ast.CallExpr)
}

// calleeName names the function of a source's call: strings.SplitN,
// FindStringSubmatch.
func (c *checker) calleeName(src *source) string {
	if src.call == nil {
		return "it"
	}
	fn := src.call.Call.StaticCallee()
	if fn == nil {
		return "it"
	}
	if fn.Signature.Recv() != nil {
		return fn.Name()
	}
	if obj := fn.Object(); obj != nil && obj.Pkg() != nil {
		return obj.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// --- fixes ---

// A plan is a length guard shared by the findings it fixes.
type plan struct {
	file    *ast.File
	fnNode  ast.Node // *ast.FuncDecl or *ast.FuncLit
	stmt    inspector.Cursor
	subject string // what is indexed: parts, os.Args, flag.Args()
	obj     types.Object
	at      token.Pos // the start of the line the guard goes before
	scope   token.Pos // a position in the guard's scope (the statement it guards)
	after   bool      // right after the statement that made the slice
	def     ast.Stmt  // that statement, when after
	indent  string
	members []*finding
}

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
	var cond, check string
	switch {
	case src.kind == srcSubmatch:
		cond, check = p.subject+" == nil", "Check "+p.subject+" for nil"
	case src.kind == srcFlagArgs && p.obj == nil:
		n := flagNArg(f.expr.X)
		cond, check = lessThan(n, need), "Check "+n
	default:
		cond, check = lessThan("len("+p.subject+")", need), "Check len("+p.subject+")"
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
	return []analysis.SuggestedFix{{Message: check + " and " + ex.title, TextEdits: edits}}
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

// An exit is how a guard leaves when the slice is too short.
type exit struct {
	title string
	lines []string
	edits []analysis.TextEdit // imports it needs
	jump  *syncflow.Jump      // where it goes; nil for os.Exit (deferred calls do not run anyway)
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
		return exit{title: "fail the test", lines: []string{call(t+".Fatalf", format, args)}, jump: &syncflow.Return}, true
	}
	if loop := loopOf(p.stmt); loop != nil {
		next := syncflow.Continue(loop)
		return exit{title: "skip to the next iteration", lines: []string{"continue"}, jump: &next}, true
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
			return exit{title: "exit with the usage message", edits: append(osEdits, flagEdits...), lines: []string{
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
		return exit{title: "exit with a usage message", edits: append(osEdits, fmtEdits...), lines: []string{
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
		ex.edits, ex.title = edits, "return an error"
	case results.Len() == 0:
		ex.title = "return early"
	default:
		ex.title = "return zero values"
	}
	vals, ok := q.ZeroReturn(results, errExpr)
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
	// Every use of the slice must be a read of element 0 or 1.
	var uses []*ast.IndexExpr
	usedOK := true
	for cur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if info.Uses[id] != obj {
			continue // another identifier
		}
		ix, ok := cur.Parent().Node().(*ast.IndexExpr)
		if !ok || cur.ParentEdgeKind() != edge.IndexExpr_X || !isReadOnly(cur.Parent()) {
			usedOK = false
			break
		}
		tv, ok := info.Types[ix.Index]
		if !ok || tv.Value == nil {
			usedOK = false
			break
		}
		if i, ok := constInt64(tv); !ok || (i != 0 && i != 1) {
			usedOK = false
			break
		}
		uses = append(uses, ix)
	}
	if !usedOK || len(uses) == 0 {
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

	names := [2]string{"_", "_"}
	var edits []analysis.TextEdit
	folded, foldComment := false, ""
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
				if rest, ok := fixutil.Text(pass, p.file, next.Node().End(), fixutil.LineEnd(pass.Fset, next.Node().End())); ok {
					foldComment = strings.TrimSpace(rest)
				}
				edits = append(edits, analysis.TextEdit{
					Pos: fixutil.LineStart(pass.Fset, next.Node().Pos()),
					End: fixutil.NextLineStart(pass.Fset, next.Node().End()),
				})
			}
		}
	}
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
		Message:   fmt.Sprintf("Use %s and %s when %s has no %q", cutFun, ex.title, types.ExprString(call.Args[0]), src.sep),
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

func constInt64(tv types.TypeAndValue) (int64, bool) {
	if tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}

// isReadOnly reports whether the index expression at cur is only read:
// not assigned, incremented or addressed.
func isReadOnly(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch cur.ParentEdgeKind() {
	case edge.AssignStmt_Lhs, edge.IncDecStmt_X, edge.RangeStmt_Key, edge.RangeStmt_Value:
		return false
	case edge.UnaryExpr_X:
		return cur.Parent().Node().(*ast.UnaryExpr).Op != token.AND
	}
	return true
}

// isOSArgsExpr reports whether e is os.Args.
func isOSArgsExpr(info *types.Info, e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && v.Name() == "Args" && v.Pkg() != nil && v.Pkg().Path() == "os"
}

// isCallOfFlagArgs reports whether e is flag.Args().
func isCallOfFlagArgs(info *types.Info, e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	_, isSel := call.Fun.(*ast.SelectorExpr)
	return isSel && typesutil.IsFunc(typesutil.Callee(info, call), "flag", "Args")
}
