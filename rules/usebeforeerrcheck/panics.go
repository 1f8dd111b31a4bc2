package usebeforeerrcheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

const maxMethodDepth = 3

// panicUse returns the expression around the identifier at cur, which
// denotes v, that panics when v is nil, and whether there is one.
func (c *checker) panicUse(cur inspector.Cursor, v *types.Var, depth int) (ast.Expr, bool) {
	return c.panicUseOf(cur, v.Type(), depth)
}

// panicUseOf returns the expression around the expression at cur, of
// type t, that panics when its value is nil, and whether there is one.
func (c *checker) panicUseOf(cur inspector.Cursor, t types.Type, depth int) (ast.Expr, bool) {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if t == nil {
		return nil, false
	}
	u := t.Underlying()
	parent := cur.Parent()
	switch cur.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		sel := parent.Node().(*ast.SelectorExpr)
		s := c.info.Selections[sel]
		if s == nil {
			return nil, false
		}
		_, isPtr := u.(*types.Pointer)
		switch s.Kind() {
		case types.FieldVal:
			return sel, isPtr // through a nil pointer
		case types.MethodVal:
			if types.IsInterface(t) {
				return sel, true // a method of a nil interface
			}
			if !isPtr {
				return nil, false // methods of nil maps, slices, funcs may work
			}
			if len(s.Index()) > 1 {
				return sel, true // promoted: reads an embedded field of *v
			}
			m, ok := s.Obj().(*types.Func)
			if !ok {
				return nil, false
			}
			recv := m.Signature().Recv()
			if recv == nil {
				return nil, false
			}
			if _, ptrRecv := types.Unalias(recv.Type()).(*types.Pointer); !ptrRecv {
				return sel, true // a value receiver copies *v
			}
			if parent.ParentEdgeKind() != edge.CallExpr_Fun {
				return nil, false // a method value binds the pointer and calls nothing
			}
			if depth < maxMethodDepth && c.derefsReceiver(m, depth+1) {
				return sel, true // the method dereferences its receiver first thing
			}
			if c.importsDeref(m) {
				return sel, true // a method of another package whose fact says it does
			}
			if c.isKnownDeref(m) {
				return sel, true // a method of another package known to dereference its receiver
			}
		}
	case edge.IndexExpr_X:
		idx := parent.Node().(*ast.IndexExpr)
		switch u := u.(type) {
		case *types.Slice:
			return idx, true // every index of a nil slice is out of range
		case *types.Pointer:
			_, isArray := u.Elem().Underlying().(*types.Array)
			return idx, isArray
		case *types.Map:
			return idx, isAssigned(parent) // reading a nil map is fine, writing is not
		}
	case edge.StarExpr_X:
		_, isPtr := u.(*types.Pointer)
		return parent.Node().(*ast.StarExpr), isPtr
	case edge.CallExpr_Fun:
		_, isFunc := u.(*types.Signature)
		return parent.Node().(*ast.CallExpr), isFunc
	case edge.CallExpr_Args:
		call := parent.Node().(*ast.CallExpr)
		if b, ok := c.info.Uses[identOf(call.Fun)].(*types.Builtin); ok && b.Name() == "close" {
			return call, true // close of a nil channel
		}
	}
	return nil, false
}

// isAssigned reports whether the expression at cur is assigned to (not
// declared): the left of =, op= or ++/--.
func isAssigned(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch cur.ParentEdgeKind() {
	case edge.AssignStmt_Lhs:
		return cur.Parent().Node().(*ast.AssignStmt).Tok != token.DEFINE
	case edge.IncDecStmt_X:
		return true
	}
	return false
}

// derefsReceiver reports whether the method m, declared in the package
// with a pointer receiver, dereferences its receiver in its leading
// straight-line statements, before any comparison of it with nil: so
// that calling it on a nil pointer panics. Methods it calls on the
// receiver count up to maxMethodDepth calls deep, depth being m's.
//
// The answer is remembered for m at that depth, and depends on nothing
// else: not on which method was asked about first. So a pass may leave
// out the methods it has no need to ask about (the exported ones, whose
// facts nobody reads on an edit) and give the same findings.
func (c *checker) derefsReceiver(m *types.Func, depth int) bool {
	k := derefKey{m.Origin(), depth}
	if r, ok := c.derefs[k]; ok {
		return r
	}
	via, ok := c.computeDerefsReceiver(k.m, depth) // deeper calls only: no recursion on k
	c.derefs[k] = ok
	if ok {
		c.derefVia[k] = via
	}
	return ok
}

// A derefKey is a method and the depth at which derefsReceiver asks.
type derefKey struct {
	m     *types.Func
	depth int
}

// computeDerefsReceiver works out derefsReceiver, with the expression
// that dereferences the receiver.
func (c *checker) computeDerefsReceiver(m *types.Func, depth int) (string, bool) {
	decl := c.declOf(m)
	if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return "", false // declared elsewhere, or an unnamed receiver that nothing can dereference
	}
	recv, ok := c.info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	if !ok {
		return "", false
	}
	for _, s := range decl.Body.List {
		if comparesWithNil(c.info, s, recv) {
			return "", false // the method looks at a nil receiver
		}
		for _, part := range evaluatedParts(s) {
			for _, cur := range c.identsOf(recv) {
				if !within(cur.Node(), part) || c.funcOfIdent(cur) != decl {
					continue // elsewhere, or in a function literal
				}
				if c.guardedByShortCircuit(cur, part, recv) {
					continue // evaluated only sometimes
				}
				if use, ok := c.panicUse(cur, recv, depth); ok {
					return types.ExprString(use), true
				}
			}
		}
		if !isStraightLine(s) {
			return "", false // what follows may not run
		}
	}
	return "", false
}

// A derefFact is exported for each exported method of the package with a
// pointer receiver that dereferences its receiver in its leading
// straight-line statements, before any comparison of it with nil (see
// derefsReceiver): calling it on a nil pointer panics. Packages that call
// the method import it, so that `it, err := d.Item(id); it.Normalize()`
// is reported where Normalize is declared in another package of the
// module. Nil-safe methods, such as generated protobuf getters that test
// `m != nil` first, get no fact.
type derefFact struct {
	Via string // the expression that dereferences the receiver: "i.Title"
}

func (*derefFact) AFact() {}

func (f *derefFact) String() string { return "derefs its receiver: " + f.Via }

// exportDerefFacts exports a derefFact for each exported method of the
// package that dereferences its pointer receiver. Methods of a main
// package or a _test.go file are called by no other package.
func (c *checker) exportDerefFacts() {
	if c.pass.Pkg == nil || c.pass.Pkg.Name() == "main" {
		return
	}
	for _, f := range c.pass.Files {
		if typesutil.InTestFile(c.pass.Fset, f.FileStart) {
			continue // only the package's own tests call these
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Body == nil || !fd.Name.IsExported() {
				continue // not an exported method with a body
			}
			m, ok := c.info.Defs[fd.Name].(*types.Func)
			if !ok || m.Signature().Recv() == nil {
				continue // ill-typed
			}
			if _, ptr := types.Unalias(m.Signature().Recv().Type()).(*types.Pointer); !ptr {
				continue // a value receiver: the caller dereferences
			}
			if c.derefsReceiver(m, 1) {
				c.pass.ExportObjectFact(m, &derefFact{Via: c.derefVia[derefKey{m, 1}]})
			}
		}
	}
}

// importsDeref reports whether m, a method of another package, has a
// derefFact: that package was analysed and m dereferences its receiver.
func (c *checker) importsDeref(m *types.Func) bool {
	m = m.Origin()
	if m.Pkg() == nil || m.Pkg() == c.pass.Pkg {
		return false
	}
	return c.pass.ImportObjectFact(m, new(derefFact))
}

// comparesWithNil reports whether n compares v with nil anywhere.
func comparesWithNil(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if bin, ok := x.(*ast.BinaryExpr); ok && (bin.Op == token.EQL || bin.Op == token.NEQ) {
			l, r := bin.X, bin.Y
			if typesutil.IsNil(info, l) {
				l, r = r, l
			}
			if id := identOf(l); id != nil && info.ObjectOf(id) == v && typesutil.IsNil(info, r) {
				found = true
			}
		}
		return !found
	})
	return found
}

// evaluatedParts returns the parts of statement s that run whenever s
// runs.
func evaluatedParts(s ast.Stmt) []ast.Node {
	var parts []ast.Node
	add := func(ns ...ast.Node) {
		for _, n := range ns {
			if n != nil && !isNilNode(n) {
				parts = append(parts, n)
			}
		}
	}
	switch s := s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.DeclStmt, *ast.IncDecStmt, *ast.SendStmt:
		add(s)
	case *ast.DeferStmt:
		add(s.Call.Fun)
		for _, a := range s.Call.Args {
			add(a)
		}
	case *ast.GoStmt:
		add(s.Call.Fun)
		for _, a := range s.Call.Args {
			add(a)
		}
	case *ast.IfStmt:
		add(s.Init, s.Cond)
	case *ast.SwitchStmt:
		add(s.Init, s.Tag)
	case *ast.TypeSwitchStmt:
		add(s.Init, s.Assign)
	case *ast.ForStmt:
		add(s.Init, s.Cond)
	case *ast.RangeStmt:
		add(s.X)
	}
	return parts
}

// isNilNode reports whether n is a typed nil (an absent optional part).
func isNilNode(n ast.Node) bool {
	switch n := n.(type) {
	case ast.Stmt:
		return n == nil
	case ast.Expr:
		return n == nil
	}
	return false
}

// isStraightLine reports whether the statement after s always runs when
// s completes normally.
func isStraightLine(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt, *ast.IncDecStmt, *ast.SendStmt,
		*ast.DeferStmt, *ast.GoStmt, *ast.EmptyStmt:
		return true
	}
	return false
}

// failureNilness tells what the function fn, when declared in the
// package, returns as its i-th result whenever its error result is not
// a literal nil.
func (c *checker) failureNilness(fn *types.Func, i int) nilness {
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return mayBeNil
	}
	n := fn.Signature().Results().Len()
	if i >= n {
		return mayBeNil
	}
	var nils, nonNils, others int
	c.eachReturn(decl, func(r *ast.ReturnStmt) {
		switch {
		case len(r.Results) == n:
			if typesutil.IsNil(c.info, r.Results[n-1]) {
				return // succeeds
			}
			switch res := r.Results[i]; {
			case typesutil.IsNil(c.info, res):
				nils++
			case c.nonNilExpr(decl, res, 0):
				nonNils++
			default:
				others++
			}
		case c.returnsNonNil(decl, r, i, 0):
			nonNils++ // a bare return or a forwarded call, non-nil either way
		default:
			others++
		}
	})
	switch {
	case others > 0:
		return mayBeNil
	case nils > 0 && nonNils == 0:
		return nilOnFailure
	case nonNils > 0 && nils == 0:
		return notNil
	}
	return mayBeNil
}

// eachReturn calls f for every return statement of decl (not of the
// function literals in it).
func (c *checker) eachReturn(decl *ast.FuncDecl, f func(*ast.ReturnStmt)) {
	ast.Inspect(decl.Body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			f(x)
		}
		return true
	})
}

const maxNonNilDepth = 3

// returnsNonNil reports whether the i-th result of the return statement r
// of decl cannot be nil.
func (c *checker) returnsNonNil(decl *ast.FuncDecl, r *ast.ReturnStmt, i, depth int) bool {
	fn, ok := c.info.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	n := fn.Signature().Results().Len()
	switch {
	case len(r.Results) == n:
		return c.nonNilExpr(decl, r.Results[i], depth)
	case len(r.Results) == 0:
		res := fn.Signature().Results().At(i)
		return res.Name() != "" && c.varNonNil(decl, res, depth+1)
	case len(r.Results) == 1:
		call, ok := ast.Unparen(r.Results[0]).(*ast.CallExpr)
		return ok && c.alwaysNonNil(typesutil.Callee(c.info, call), i, depth+1)
	}
	return false
}

// alwaysNonNil reports whether every return of fn, declared in the
// package, yields a non-nil i-th result.
func (c *checker) alwaysNonNil(fn *types.Func, i, depth int) bool {
	if fn == nil || depth > maxNonNilDepth {
		return false
	}
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	key := resultKey{fn.Origin(), i}
	if r, ok := c.nonNilResults[key]; ok {
		return r
	}
	c.nonNilResults[key] = false // while computing: recursion says no
	all, any := true, false
	c.eachReturn(decl, func(r *ast.ReturnStmt) {
		any = true
		if !c.returnsNonNil(decl, r, i, depth) {
			all = false
		}
	})
	c.nonNilResults[key] = all && any
	return all && any
}

type resultKey struct {
	fn *types.Func
	i  int
}

// nonNilExpr reports whether e, in the function decl, cannot be nil:
// &T{…}, new(T), make(…), a composite or function literal, a call of a
// function of the package that never returns nil there, or a local
// variable only ever assigned such values.
func (c *checker) nonNilExpr(decl *ast.FuncDecl, e ast.Expr, depth int) bool {
	if depth > maxNonNilDepth {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			_, ok := ast.Unparen(e.X).(*ast.CompositeLit)
			return ok
		}
	case *ast.CompositeLit, *ast.FuncLit:
		return true
	case *ast.CallExpr:
		if b, ok := c.info.Uses[identOf(e.Fun)].(*types.Builtin); ok {
			return b.Name() == "new" || b.Name() == "make"
		}
		if tv, ok := c.info.Types[e.Fun]; ok && tv.IsType() {
			return false // a conversion
		}
		if fn := typesutil.Callee(c.info, e); fn != nil && fn.Signature().Results().Len() == 1 {
			return c.alwaysNonNil(fn, 0, depth+1)
		}
	case *ast.Ident:
		if v := typesutil.LocalVar(c.info, e); v != nil {
			return c.varNonNil(decl, v, depth+1)
		}
	}
	return false
}

// varNonNil reports whether the local variable v of decl holds a non-nil
// value wherever it is read: every assignment gives it one, and if it
// starts as nil (a named result, or `var v T`) a statement at the top of
// the body assigns it before anything can return.
func (c *checker) varNonNil(decl *ast.FuncDecl, v *types.Var, depth int) bool {
	if depth > maxNonNilDepth || decl.Body == nil {
		return false
	}
	ok, initialized := true, false
	ast.Inspect(decl.Body, func(x ast.Node) bool {
		if !ok {
			return false
		}
		switch x := x.(type) {
		case *ast.FuncLit:
			if c.mentionsAnyVar(x, map[*types.Var]bool{v: true}) {
				ok = false // a closure may assign it
			}
			return false
		case *ast.UnaryExpr:
			if x.Op == token.AND && c.info.ObjectOf(identOf(x.X)) == v {
				ok = false // assigned through a pointer
			}
		case *ast.RangeStmt:
			if c.info.ObjectOf(identOf(x.Key)) == v || c.info.ObjectOf(identOf(x.Value)) == v {
				ok = false
			}
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if c.info.ObjectOf(identOf(l)) != v {
					continue
				}
				if x.Tok == token.DEFINE && c.info.Defs[identOf(l)] == v {
					initialized = true
				}
				switch {
				case len(x.Lhs) == len(x.Rhs):
					ok = ok && c.nonNilExpr(decl, x.Rhs[i], depth)
				case len(x.Rhs) == 1:
					call, isCall := ast.Unparen(x.Rhs[0]).(*ast.CallExpr)
					ok = ok && isCall && c.alwaysNonNil(typesutil.Callee(c.info, call), i, depth+1)
				default:
					ok = false
				}
			}
		case *ast.ValueSpec:
			for i, id := range x.Names {
				if c.info.Defs[id] != v {
					continue
				}
				switch {
				case len(x.Values) == 0:
					// starts as nil: see below
				case len(x.Values) == len(x.Names):
					initialized = true
					ok = ok && c.nonNilExpr(decl, x.Values[i], depth)
				default:
					ok = false
				}
			}
		}
		return true
	})
	if !ok {
		return false
	}
	if initialized {
		return true
	}
	// Starts as nil: a top-level statement must assign it before any
	// statement that may return.
	for _, s := range decl.Body.List {
		if as, isAssign := s.(*ast.AssignStmt); isAssign {
			for _, l := range as.Lhs {
				if c.info.ObjectOf(identOf(l)) == v {
					return true
				}
			}
		}
		returns := false
		ast.Inspect(s, func(x ast.Node) bool {
			if _, r := x.(*ast.ReturnStmt); r {
				returns = true
			}
			_, lit := x.(*ast.FuncLit)
			return !returns && !lit
		})
		if returns {
			return false
		}
	}
	return false
}

// --- calls that log, and calls that do not return ---

// isSinkCall reports whether call logs, prints or reports its arguments
// and carries on: fmt.Print*, the standard log.Print*, any function of
// the framework's log package (its Fatal* too: it does not exit), the
// blademaster Context's JSON/JSONMap/XML/Protobuf (they write the
// response and return), testing's Log/Error, and Debug/Info/Warn/Error/
// Print/Log/Trace functions of packages or types named like loggers
// (zap, logrus, klog, slog…).
func (c *checker) isSinkCall(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path, name := fn.Pkg().Path(), fn.Name()
	if c.isFrameworkLog(fn) {
		return true
	}
	if c.opts.FrameworkPackage(path, "net/http/blademaster") && typesutil.IsMethod(fn, path, "Context", name) {
		switch name {
		case "JSON", "JSONMap", "XML", "Protobuf":
			return true
		}
	}
	switch path {
	case "fmt":
		return strings.HasPrefix(name, "Print") || strings.HasPrefix(name, "Fprint")
	case "testing":
		return name == "Log" || name == "Logf" || name == "Error" || name == "Errorf"
	}
	if !hasAnyPrefix(name, "Debug", "Info", "Warn", "Error", "Print", "Log", "Trace", "Notice") {
		return false
	}
	if strings.Contains(lastElem(path), "log") || strings.Contains(path, "zap") {
		return true
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if n := typesutil.NamedOf(recv.Type()); n != nil && strings.Contains(strings.ToLower(n.Obj().Name()), "log") {
			return true
		}
	}
	return false
}

// isFrameworkLog reports whether fn belongs to the framework's log
// package (kratos pkg/log, go-common library/log).
func (c *checker) isFrameworkLog(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	rel, ok := c.opts.FrameworkRel(fn.Pkg().Path())
	return ok && rel == "log"
}

// callsFrameworkFatal reports whether n calls the framework's log.Fatal*,
// which logs at fatal level and returns (noreturn.FrameworkFatal).
func (c *checker) callsFrameworkFatal(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok {
			if noreturn.FrameworkFatal(c.opts, typesutil.Callee(c.info, call)) {
				found = true
			}
		}
		_, lit := x.(*ast.FuncLit)
		return !found && !lit
	})
	return found
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// lastElem returns the last element of an import path.
func lastElem(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[i+1:]
	}
	return path
}

// A derefAPI names pointer-receiver methods of another package that
// dereference their receiver before any nil check, read from their
// sources (the standard library of Go 1.26, grpc v1.83, zap v1.27,
// bbolt v1.4, kratos v0.6.0). Methods is a space-separated list, or "*"
// for every method of the type.
type derefAPI struct {
	path      string // import path, or for framework packages the path below the prefix
	framework bool
	kratosV2  bool // path is below a Kratos v2/v3 prefix
	typ       string
	methods   string
}

var derefAPIs = []derefAPI{
	{path: "database/sql", typ: "DB", methods: "*"},
	{path: "database/sql", typ: "Tx", methods: "*"},
	{path: "database/sql", typ: "Stmt", methods: "*"},
	{path: "database/sql", typ: "Rows", methods: "*"},
	{path: "database/sql", typ: "Row", methods: "*"},
	{path: "database/sql", typ: "Conn", methods: "*"},
	{path: "net/http", typ: "Request", methods: "AddCookie BasicAuth Clone Context Cookie Cookies FormFile FormValue " +
		"ParseForm ParseMultipartForm PostFormValue ProtoAtLeast Referer SetBasicAuth UserAgent WithContext Write"},
	{path: "net/http", typ: "Client", methods: "CloseIdleConnections Do Get Head Post PostForm"},
	{path: "net/http", typ: "Response", methods: "Cookies Location Write"},
	{path: "net/url", typ: "URL", methods: "EscapedPath Hostname IsAbs Port Query RequestURI ResolveReference String"},
	{path: "regexp", typ: "Regexp", methods: "*"},
	{path: "math/big", typ: "Int", methods: "BitLen Bytes Cmp Int64 IsInt64 IsUint64 Sign Uint64"},
	{path: "text/template", typ: "Template", methods: "Execute ExecuteTemplate"},
	{path: "html/template", typ: "Template", methods: "Execute ExecuteTemplate"},
	{path: "time", typ: "Timer", methods: "Reset Stop"},
	{path: "time", typ: "Ticker", methods: "Reset Stop"},
	{path: "strings", typ: "Builder", methods: "Grow Len String Write WriteByte WriteRune WriteString"},
	{path: "bufio", typ: "Reader", methods: "*"},
	{path: "bufio", typ: "Writer", methods: "*"},
	{path: "bufio", typ: "Scanner", methods: "*"},
	{path: "encoding/json", typ: "Decoder", methods: "*"},
	{path: "encoding/json", typ: "Encoder", methods: "*"},
	{path: "os/exec", typ: "Cmd", methods: "CombinedOutput Output Run Start StderrPipe StdinPipe StdoutPipe String Wait"},
	{path: "google.golang.org/grpc", typ: "ClientConn", methods: "*"},
	{path: "go.uber.org/zap", typ: "Logger", methods: "Check Core DPanic Debug Error Fatal Info Log Panic Sugar Sync Warn WithOptions"},
	{path: "go.uber.org/zap", typ: "SugaredLogger", methods: "*"},
	{path: "go.etcd.io/bbolt", typ: "DB", methods: "*"},
	{path: "go.etcd.io/bbolt", typ: "Tx", methods: "*"},
	{path: "database/sql", framework: true, typ: "DB", methods: "*"},
	{path: "database/sql", framework: true, typ: "Tx", methods: "*"},
	{path: "database/sql", framework: true, typ: "Rows", methods: "Close"},
	{path: "database/sql", framework: true, typ: "Row", methods: "Scan"},
	{path: "conf/paladin", framework: true, typ: "Value", methods: "*"},
	{path: "conf/paladin", framework: true, typ: "Map", methods: "*"},
	{path: "net/rpc/warden", framework: true, typ: "Client", methods: "Dial DialTLS"},
	// Kratos v2/v3 errors.FromError returns nil for a nil error; Is reads
	// its receiver only when the target is an *Error.
	{path: "errors", kratosV2: true, typ: "Error", methods: "Error GRPCStatus Unwrap WithCause WithMetadata"},
}

// isKnownDeref reports whether m is a method of another package listed in
// derefAPIs: it panics on a nil receiver.
func (c *checker) isKnownDeref(m *types.Func) bool {
	recv := m.Signature().Recv()
	if recv == nil || m.Pkg() == nil {
		return false
	}
	named := typesutil.NamedOf(recv.Type())
	if named == nil {
		return false
	}
	path := m.Pkg().Path()
	for _, api := range derefAPIs {
		if api.typ != named.Obj().Name() {
			continue
		}
		switch {
		case api.framework:
			if !c.opts.FrameworkPackage(path, api.path) {
				continue
			}
		case api.kratosV2:
			if !c.opts.KratosV2Package(path, api.path) {
				continue
			}
		case path != api.path:
			continue
		}
		if api.methods == "*" || slices.Contains(strings.Fields(api.methods), m.Name()) {
			return true
		}
	}
	return false
}
