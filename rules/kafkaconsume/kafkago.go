package kafkaconsume

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// A group says what the package shows of a kafka-go Reader's GroupID.
type group int

const (
	groupUnknown  group = iota // not visible here
	groupNone                  // no GroupID, or a constant ""
	groupConstant              // a constant, non-empty GroupID
	groupVariable              // a GroupID from a variable: a group, unless it is empty at run time
)

// readerGroup returns what the package shows of the GroupID of the reader
// r: every value it assigns to r's variable or field is a
// kafka.NewReader call whose configuration is visible.
func (c *checker) readerGroup(r ast.Expr) group {
	srcs, ok := c.orig.sources(r)
	if !ok {
		return groupUnknown
	}
	g := groupUnknown
	for i, src := range srcs {
		call, ok := ast.Unparen(src).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !typesutil.IsFunc(typesutil.Callee(c.pass.TypesInfo, call), kafkaGoPath, "NewReader") {
			return groupUnknown // a reader made elsewhere
		}
		cg := c.configGroup(call.Args[0])
		if i > 0 && cg != g {
			return groupUnknown // readers of different kinds
		}
		g = cg
	}
	return g
}

// configGroup returns what e, a kafka.ReaderConfig, shows of its GroupID:
// a composite literal, or a local variable holding one whose fields are
// not assigned later.
func (c *checker) configGroup(e ast.Expr) group {
	info := c.pass.TypesInfo
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		v := typesutil.LocalVar(info, id)
		srcs, ok := c.orig.sources(id)
		if v == nil || !ok || len(srcs) != 1 || c.orig.written[v] {
			return groupUnknown
		}
		e = srcs[0]
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok || !typesutil.IsNamed(info.TypeOf(lit), kafkaGoPath, "ReaderConfig") {
		return groupUnknown
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return groupUnknown // positional fields: not written so in practice
		}
		if id, ok := kv.Key.(*ast.Ident); !ok || id.Name != "GroupID" {
			continue
		}
		tv := info.Types[kv.Value]
		switch {
		case tv.Value == nil:
			return groupVariable
		case tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == "":
			return groupNone
		}
		return groupConstant
	}
	return groupNone
}

// --- reads ---

// A read is `m, err := r.ReadMessage(ctx)` (or FetchMessage) and what
// follows it.
type read struct {
	call   *ast.CallExpr
	method string
	recv   ast.Expr         // r
	assign *ast.AssignStmt  // m, err := …
	stmt   inspector.Cursor // the assignment, or the if statement it is the Init of
	msg    *types.Var       // m, or nil
	err    *types.Var       // err, or nil
	check  *ast.IfStmt      // the first if err != nil { … } after it, or nil
	before []ast.Stmt       // the statements between the read and check
	after  []ast.Stmt       // the statements after the read, up to one that assigns err again
}

// checkRead checks a ReadMessage or FetchMessage call.
func (c *checker) checkRead(cur inspector.Cursor, call *ast.CallExpr, method string) {
	rd, ok := c.readAt(cur, call, method)
	if !ok {
		return // the results are not assigned to variables
	}
	c.checkEOFCompare(rd)
	loop, inLoop := typesutil.EnclosingLoop(cur)
	if inLoop && rd.check != nil {
		c.checkSpin(rd, loop)
	}
	if method == "ReadMessage" && rd.msg != nil {
		c.checkAtMostOnce(rd, loop, inLoop)
	}
}

// readAt returns the read made by call.
func (c *checker) readAt(cur inspector.Cursor, call *ast.CallExpr, method string) (*read, bool) {
	info := c.pass.TypesInfo
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, false
	}
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil, false
	}
	rd := &read{call: call, method: method, recv: sel.X, assign: as, stmt: cur.Parent()}
	if v, ok := typesutil.ObjectOf(info, as.Lhs[0]).(*types.Var); ok {
		rd.msg = v
	}
	if v, ok := typesutil.ObjectOf(info, as.Lhs[1]).(*types.Var); ok {
		rd.err = v
	}
	if ifs, ok := rd.stmt.Parent().Node().(*ast.IfStmt); ok && ifs.Init == as {
		rd.stmt = rd.stmt.Parent()
		if c.isErrCheck(ifs.Cond, rd.err) {
			rd.check = ifs
		}
		rd.after = []ast.Stmt{ifs}
		return rd, true
	}
	for _, s := range followingStmts(rd.stmt) {
		if c.assigns(s, rd.err) {
			break // err holds another error from here on
		}
		rd.after = append(rd.after, s)
		if ifs, ok := s.(*ast.IfStmt); ok && rd.check == nil && ifs.Init == nil && c.isErrCheck(ifs.Cond, rd.err) {
			rd.check = ifs
		}
		if rd.check == nil {
			rd.before = append(rd.before, s)
		}
	}
	return rd, true
}

// assigns reports whether s assigns v (at its top level).
func (c *checker) assigns(s ast.Stmt, v *types.Var) bool {
	as, ok := s.(*ast.AssignStmt)
	if !ok || v == nil {
		return false
	}
	for _, l := range as.Lhs {
		if typesutil.ObjectOf(c.pass.TypesInfo, l) == v {
			return true
		}
	}
	return false
}

// isErrCheck reports whether cond is `err != nil`.
func (c *checker) isErrCheck(cond ast.Expr, err *types.Var) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ || err == nil {
		return false
	}
	info := c.pass.TypesInfo
	return typesutil.ObjectOf(info, b.X) == err && typesutil.IsNil(info, b.Y) || typesutil.ObjectOf(info, b.Y) == err && typesutil.IsNil(info, b.X)
}

// checkAtMostOnce reports a ReadMessage of a reader in a consumer group
// whose message is processed after the read: ReadMessage committed it
// before returning it.
func (c *checker) checkAtMostOnce(rd *read, loop inspector.Cursor, inLoop bool) {
	g := c.readerGroup(rd.recv)
	if g != groupConstant && g != groupVariable {
		return // no group (ReadMessage commits nothing), or not known
	}
	stop := ast.Node(nil)
	if inLoop {
		stop = loopBody(loop.Node())
	} else if fn, ok := typesutil.EnclosingFunc(rd.stmt); ok {
		stop = typesutil.FuncBody(fn.Node())
	}
	use := c.processedAfter(rd.stmt, rd.msg, stop)
	if use == nil {
		return // the message is not processed here
	}
	recv := types.ExprString(rd.recv)
	d := analysis.Diagnostic{
		Pos: rd.call.Pos(), End: rd.call.End(),
		Related: []analysis.RelatedInformation{{Pos: use.Pos(), End: use.End(), Message: rule.Say(c.pass, msgProcessedHere.With(rd.msg.Name()))}},
	}
	fails := c.canFailAfter(rd.stmt, stop)
	if fails {
		d.Message = rule.Say(c.pass, msgReadCommits.With(recv, rd.msg.Name()))
	} else {
		d.Message = rule.Say(c.pass, msgReadCommitsInfo.With(recv, rd.msg.Name()))
	}
	if inLoop {
		if fix, ok := c.fetchFix(rd, loop); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	if fails {
		c.pass.Report(d)
		return
	}
	rule.ReportAt(c.pass, rule.Information, d) // nothing after the read can fail
}

// canFailAfter reports whether the statements after stmt (up to the end
// of stop) call something that returns an error, other than logging,
// decoding and the consumer's own calls: processing that can fail.
func (c *checker) canFailAfter(stmt inspector.Cursor, stop ast.Node) bool {
	info := c.pass.TypesInfo
	fails := false
	for cur := stmt; cur.Node() != nil && cur.Node() != stop && !fails; cur = cur.Parent() {
		for _, s := range followingStmts(cur) {
			ast.Inspect(s, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || fails {
					return !fails
				}
				fn := typesutil.Callee(info, call)
				if isLogging(fn) || isConsumerCall(fn) || isDecoding(fn) {
					return false
				}
				if sig, ok := info.TypeOf(call.Fun).Underlying().(*types.Signature); ok {
					res := sig.Results()
					fails = res.Len() > 0 && typesutil.IsError(res.At(res.Len()-1).Type())
				}
				return !fails
			})
		}
	}
	return fails
}

// isDecoding reports whether fn decodes bytes (json.Unmarshal,
// proto.Unmarshal, a Decode method): a message it fails on fails again
// when delivered again.
func isDecoding(fn *types.Func) bool {
	return fn != nil && (fn.Name() == "Unmarshal" || fn.Name() == "Decode")
}
