package unhandlederror

// This file tells where a call stands: in a deferred function, a release
// method, on an error path. Calls there drop their errors by design.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

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

// inStoredCleanup reports whether the function at fnCur is a function
// literal with no results kept to run at the end of something's life:
// assigned or appended to a variable or field whose name says it cleans
// up or closes (cleanup, closers, onClose), or given for such a field in
// a composite literal. Like a deferred function, it runs when the work is
// over, and its type leaves its errors nowhere to go: a profile's closers
// that write the dump and close the file, the cleanup a constructor hands
// back.
func (c *checker) inStoredCleanup(fnCur inspector.Cursor) bool {
	lit, ok := fnCur.Node().(*ast.FuncLit)
	if !ok || lit.Type.Results.NumFields() > 0 {
		return false
	}
	cur := fnCur
	if cur.ParentEdgeKind() == edge.CallExpr_Args { // x = append(x, func() { … })
		fun, ok := ast.Unparen(cur.Parent().Node().(*ast.CallExpr).Fun).(*ast.Ident)
		if b, isBuiltin := c.info.Uses[fun].(*types.Builtin); !ok || !isBuiltin || b.Name() != "append" {
			return false
		}
		cur = cur.Parent()
	}
	var dest ast.Expr
	switch k, i := cur.ParentEdge(); k {
	case edge.AssignStmt_Rhs:
		if as := cur.Parent().Node().(*ast.AssignStmt); len(as.Lhs) == len(as.Rhs) {
			dest = as.Lhs[i]
		}
	case edge.ValueSpec_Values:
		if vs := cur.Parent().Node().(*ast.ValueSpec); len(vs.Names) == len(vs.Values) {
			dest = vs.Names[i]
		}
	case edge.KeyValueExpr_Value:
		dest = cur.Parent().Node().(*ast.KeyValueExpr).Key
	}
	var name string
	switch d := ast.Unparen(dest).(type) {
	case *ast.Ident:
		name = d.Name
	case *ast.SelectorExpr:
		name = d.Sel.Name
	}
	name = strings.ToLower(name)
	return strings.Contains(name, "close") || strings.Contains(name, "clean")
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

// isLogSink reports whether the function at fnCur is the Log method of a
// type that implements the framework's log.Handler: a log sink, the end
// of the reporting chain, with nowhere left to report its own failures.
func (c *checker) isLogSink(fnCur inspector.Cursor) bool {
	fd, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok || fd.Recv == nil || fd.Name.Name != "Log" {
		return false
	}
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	recv := fn.Signature().Recv().Type()
	pkgs := append([]*types.Package{c.pass.Pkg}, c.pass.Pkg.Imports()...)
	for _, p := range pkgs {
		if !c.opts.FrameworkPackage(p.Path(), "log") {
			continue
		}
		if h, ok := p.Scope().Lookup("Handler").(*types.TypeName); ok {
			if iface, ok := h.Type().Underlying().(*types.Interface); ok && types.Implements(recv, iface) {
				return true
			}
		}
	}
	return false
}

// isLoggerOutputWrite reports whether call is a Write of the package
// being analysed when that package is itself a leveled logging package
// (isLeveledPackage: go-zero's logx writing its log file from its
// worker goroutine): as in a log sink (isLogSink), a failed write of the
// log's own output has nowhere left to be reported.
func (c *checker) isLoggerOutputWrite(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.info, call)
	return fn != nil && fn.Signature().Recv() != nil && strings.HasPrefix(fn.Name(), "Write") &&
		c.pass.Pkg != nil && isLeveledPackage(c.pass.Pkg)
}

// isProfileDump reports whether call writes a runtime profile
// (pprof.Lookup("goroutine").WriteTo(f, 2), pprof.WriteHeapProfile(f)):
// output for a person debugging, who sees a failed write as a truncated
// profile. Starting a CPU profile is not among them: when it fails there
// is no profile at all, and nothing says why.
func (c *checker) isProfileDump(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.info, call)
	return typesutil.IsMethod(fn, "runtime/pprof", "Profile", "WriteTo") || typesutil.IsFunc(fn, "runtime/pprof", "WriteHeapProfile")
}

// isSoleGoroutineCall reports whether stmt is the only statement, besides
// defers, of a function literal started by a go statement: it is `go
// call()` written longhand, and nothing receives the error of a call a
// goroutine makes last.
func isSoleGoroutineCall(fnCur inspector.Cursor, stmt ast.Stmt) bool {
	lit, ok := fnCur.Node().(*ast.FuncLit)
	if !ok || fnCur.ParentEdgeKind() != edge.CallExpr_Fun || fnCur.Parent().ParentEdgeKind() != edge.GoStmt_Call {
		return false
	}
	n := 0
	for _, s := range lit.Body.List {
		if _, isDefer := s.(*ast.DeferStmt); isDefer {
			continue
		}
		if s != stmt {
			return false
		}
		n++
	}
	return n == 1
}

// discardsRecvErrors reports whether the function at fnCur explicitly
// discards (`_, _ = w.Write(b)`) the error of another call on the
// receiver of call: its author has decided that this object's failures
// do not matter here, and a dropped `w.Close()` beside it follows that
// decision.
func (c *checker) discardsRecvErrors(fnCur inspector.Cursor, call *ast.CallExpr) bool {
	recv := c.calleeKey(call).recv
	v, ok := typesutil.ObjectOf(c.info, ast.Unparen(recv)).(*types.Var)
	if recv == nil || !ok {
		return false
	}
	found := false
	ast.Inspect(fnCur.Node(), func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if found || !ok || len(as.Rhs) != 1 {
			return !found
		}
		for _, l := range as.Lhs {
			if !isBlank(l) {
				return true
			}
		}
		if other, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok && other != call {
			if r := c.calleeKey(other).recv; r != nil && typesutil.ObjectOf(c.info, ast.Unparen(r)) == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// stdinReads are the methods of a bufio.Reader that return what they
// read: dropped as a statement, the data is thrown away.
var stdinReads = []string{"ReadBytes", "ReadString", "ReadLine", "ReadSlice", "ReadRune", "ReadByte"}

// waitsForInput reports whether call, dropped as a statement, reads from
// the process's standard input and throws the input away: "Press Enter to
// continue" (`bufio.NewReader(os.Stdin).ReadBytes('\n')`, `fmt.Scanln()`
// with nothing to scan into). The call only waits; at end of input or on a
// read error the program goes on, which is what waiting means.
func (c *checker) waitsForInput(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.info, call)
	if fn == nil {
		return false
	}
	if typesutil.IsFunc(fn, "fmt", "Scanln") || typesutil.IsFunc(fn, "fmt", "Scan") {
		return len(call.Args) == 0
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !slices.Contains(stdinReads, fn.Name()) || !typesutil.IsMethod(fn, "bufio", "Reader", fn.Name()) {
		return false
	}
	mk, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	if !ok || len(mk.Args) == 0 {
		return false
	}
	newFn := typesutil.Callee(c.info, mk)
	return (typesutil.IsFunc(newFn, "bufio", "NewReader") || typesutil.IsFunc(newFn, "bufio", "NewReaderSize")) &&
		isPkgVar(c.info, mk.Args[0], "os", "Stdin")
}

// inWriteThatSucceeds reports whether call, a Write of another writer,
// stands in a method Write(p []byte) (int, error), directly or in a
// function literal it holds, that returns len(p), nil on every path: a
// rate-limited or best-effort writer that tells its callers every write
// succeeded. Its author has decided the wrapped writer's failures go
// nowhere; checking the error would change nothing the writer reports.
func (c *checker) inWriteThatSucceeds(fnCur inspector.Cursor, call *ast.CallExpr) bool {
	if fn := typesutil.Callee(c.info, call); fn == nil || !strings.HasPrefix(fn.Name(), "Write") {
		return false
	}
	var fd *ast.FuncDecl
	for cur := range fnCur.Enclosing((*ast.FuncDecl)(nil)) {
		fd = cur.Node().(*ast.FuncDecl)
		break
	}
	if fd == nil || fd.Recv == nil || fd.Name.Name != "Write" || fd.Body == nil {
		return false
	}
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	if sig.Params().Len() != 1 || sig.Results().Len() != 2 || !typesutil.IsError(sig.Results().At(1).Type()) {
		return false
	}
	p := sig.Params().At(0)
	returns := 0
	ok = true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) != 2 || !c.isLenOf(n.Results[0], p) || !c.isNil(n.Results[1]) {
				ok = false
			}
		}
		return ok
	})
	return ok && returns > 0
}

// isLenOf reports whether e is len(v).
func (c *checker) isLenOf(e ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if b, ok := c.info.Uses[identOf(call.Fun)].(*types.Builtin); !ok || b.Name() != "len" {
		return false
	}
	return c.info.Uses[identOf(call.Args[0])] == v
}
