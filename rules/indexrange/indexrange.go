package indexrange

import (
	"embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

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
	// An ill-typed package has no SSA form: no findings. Each function is
	// checked on its own: the focused functions' form is all it needs.
	return ssaflow.Run(pass, func(prog *ssaflow.Form) error {
		check(pass, prog)
		return nil
	})
}

// check reports the indexes of the pass's focus that may be out of range.
func check(pass *analysis.Pass, prog *ssaflow.Form) {
	c := &checker{
		pass:  pass,
		index: make(map[token.Pos]inspector.Cursor),
		calls: make(map[token.Pos]inspector.Cursor),
		exits: syncflow.NewBuilder(pass.TypesInfo, pass.Files),
	}
	c.nr = c.exits.NoReturn() // one never-returns answer for the guards and the fixes
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
	focus := rule.FocusOf(pass)
	for _, fn := range prog.SrcFuncs {
		if !focus.Has(fn.Pos()) {
			continue // its findings would not be shown
		}
		all = append(all, c.checkFunc(fn)...)
	}
	c.addFixes(all)
	sort.Slice(all, func(i, j int) bool { return all[i].expr.Pos() < all[j].expr.Pos() })
	for _, f := range all {
		rule.ReportAt(pass, f.sev, f.diag)
	}
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
			f2.diag = analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Message: rule.Say(c.pass, c.message(f2))}
			switch {
			case !definite && rule.InTestCode(c.pass, expr.Pos()):
				// A test that panics on unexpected output still fails: only hint.
				f2.sev = rule.Hint
			case !definite && kernel:
				// The kernel fixes the format of /proc and /sys files: the
				// input cannot be anything.
				f2.sev = rule.Information
			case !definite && c.namedSeparator(bd.src):
				// A separator the module names (SERVICE_INFO_SPLITER) is a
				// format of its own: the strings split are the keys it
				// joins with it, not arbitrary text.
				f2.sev = rule.Information
			}
			out = append(out, f2)
		})
	}
	return out
}

// namedSeparator reports whether src is a split whose separator is a
// constant that the module declares and names (not a literal, not the
// standard library's): const KeySep = "@@".
func (c *checker) namedSeparator(src *source) bool {
	if src == nil || (src.kind != srcSplit && src.kind != srcSplitN) {
		return false
	}
	call := c.callExpr(src)
	if call == nil || len(call.Args) < 2 {
		return false
	}
	k, ok := typesutil.UsedObject(c.pass.TypesInfo, call.Args[1]).(*types.Const)
	return ok && k.Pkg() != nil && !typesutil.IsStd(k.Pkg().Path()) && k.Parent() == k.Pkg().Scope()
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
func (c *checker) message(f *finding) rule.Text {
	x := types.ExprString(f.expr.X)
	at := fmt.Sprintf("%s[%d]", x, f.k)
	iv, src := f.b.iv, f.b.src
	if f.definite {
		switch {
		case src != nil && src.kind == srcSplitN && src.n > 0 && iv.hi == src.n:
			return msgSplitNMax.With(at, c.calleeName(src), src.n)
		case iv.hi == 0:
			return msgEmpty.With(at, x)
		case iv.lo == iv.hi:
			return msgLength.With(at, x, iv.hi)
		}
		if iv.hi == 1 {
			return msgAtMostOne.With(at, x)
		}
		return msgAtMost.With(at, x, iv.hi)
	}
	call := c.callExpr(src)
	switch src.kind {
	case srcSplit, srcSplitN:
		if call != nil && len(call.Args) >= 2 && src.sep != "" {
			s := types.ExprString(call.Args[0])
			if f.k == 1 {
				return msgNoSep.With(at, s, src.sep)
			}
			return msgFewSeps.With(at, s, f.k, src.sep)
		}
	case srcFields:
		if call != nil && len(call.Args) >= 1 {
			s := types.ExprString(call.Args[0])
			if f.k == 0 {
				return msgBlank.With(at, s)
			}
			return msgFewFields.With(at, s, f.k+1)
		}
	case srcOSArgs:
		if f.k == 1 {
			return msgNoArgs.With(at)
		}
		return msgFewArgs.With(at, f.k)
	case srcFlagArgs:
		if f.k == 0 {
			return msgNoFlagArgs.With(at)
		}
		return msgFewFlagArgs.With(at, f.k+1)
	case srcSubmatch:
		return msgNoSubmatch.With(at, c.calleeName(src))
	case srcFindAll:
		return msgNoMatch.With(at, c.calleeName(src))
	}
	return msgFewElements.With(at, x, f.k+1)
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

// An exit is how a guard leaves when the slice is too short.
type exit struct {
	title rule.Text
	lines []string
	edits []analysis.TextEdit // imports it needs
	jump  *syncflow.Jump      // where it goes; nil for os.Exit (deferred calls do not run anyway)
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
