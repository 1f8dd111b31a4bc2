package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/paladininit"
)

// This file is the one place where the rule's policy on which calls may
// drop their error lives: the exclusions table and the quiet sinks it
// refers to. Review changes here; the rest of the package only asks
// excluded(call).

// exclusions lists the calls whose error this rule never reports, dropped
// as a statement, discarded with _ or overwritten, and why. A callee is
// written "pkg/path.Func", "(*pkg/path.Type).Method", "(pkg/path.Iface).Method",
// "(any).Method" (a method of that name on any type) or "value:name" (a
// function kept in a variable or field of that name); a * at the end of
// a name matches any suffix, at its start any prefix, at both ends any
// name containing the rest. A "fw:" package path is relative to the
// configured framework prefixes (go-common/library/, …/kratos/pkg/).
// An entry applies only when its condition holds.
var exclusions = []exclusion{
	// Documented never to return a non-nil error.
	{"(*bytes.Buffer).Write*", always, "bytes.Buffer writes return a nil error; they panic when memory runs out"},
	{"(*strings.Builder).Write*", always, "strings.Builder writes always return a nil error"},
	{"(*hash/maphash.Hash).Write*", always, "maphash writes always return a nil error"},
	{"(any).Write", recvIsHash, "hash.Hash: \"Write never returns an error\""},
	{"math/rand.Read", always, "math/rand.Read always returns a nil error"},
	{"(*math/rand.Rand).Read", always, "(*rand.Rand).Read always returns a nil error"},
	{"crypto/rand.Read", always, "fails only when the OS random source is broken (and crashes instead since Go 1.24)"},
	{"(*io.PipeWriter).Close*", always, "closing a pipe always returns a nil error"},
	{"(*io.PipeReader).Close*", always, "closing a pipe always returns a nil error"},
	{"os.Hostname", always, "reads the kernel's host name; does not fail in practice"},
	{"os.Setenv", always, "fails only for a malformed name, which the first run shows"},
	{"os.Unsetenv", always, "fails only for a malformed name, which the first run shows"},
	{"encoding/json.Marshal*", marshalCannotFail, "the value's type has nothing json.Marshal can fail on"},
	{"os.Getwd", always, "fails only when the working directory has been removed"},
	{"path/filepath.Abs", always, "fails only when the working directory has been removed"},
	{"syscall.Kill", killsSelf, "a constant signal sent to the process's own pid: the process exists and may signal itself"},
	{"golang.org/x/sys/unix.Kill", killsSelf, "a constant signal sent to the process's own pid: the process exists and may signal itself"},

	// Answers "no" to malformed input, which is what the caller wants:
	// `ok, _ := strconv.ParseBool(os.Getenv("X"))` means "false unless set
	// to a true value".
	{"strconv.ParseBool", always, "false is the answer for malformed input"},
	{"path/filepath.Match", always, "the only error is a malformed pattern, which does not match"},
	{"path.Match", always, "the only error is a malformed pattern, which does not match"},

	// Logging and tracing: there is nowhere left to report their failure.
	{"log.Output", always, "logging: nowhere left to report a failure"},
	{"(*log.Logger).Output", always, "logging: nowhere left to report a failure"},
	{"fw:net/trace.Inject", always, "fails only for an unsupported format or carrier, the same on every call"},
	{"fw:net/trace.Extract", always, "ErrTraceNotFound means the request carries no trace: a new one is started"},

	// Iterations whose only errors are their callback's, with a callback
	// that returns nil on every path.
	{"(any).*ForEach", callbackNeverFails, "iterates with a callback that returns only nil: the iteration's error is the callback's"},
	{"path/filepath.Walk*", callbackNeverFails, "Walk reports errors to the callback, which returns only nil"},

	// gRPC metadata: fails only outside a server stream or after the
	// header was sent, programming errors the first call shows.
	{"google.golang.org/grpc.SetTrailer", always, "trailer metadata is best effort"},
	{"google.golang.org/grpc.SetHeader", always, "header metadata is best effort"},

	// Form parsing in a handler: a malformed or oversized form leaves the
	// form empty, which is what the handler's parameter checks see, as
	// Request.FormValue itself does (it "ignores any errors returned by
	// these functions").
	{"(*net/http.Request).ParseForm", always, "a malformed form leaves it empty, as FormValue does"},
	{"(*net/http.Request).ParseMultipartForm", always, "a malformed form leaves it empty, as FormValue does"},

	// Buffered protocol writes whose errors come back later.
	{"(fw:cache/redis.Conn).Send", always, "Send buffers the command; its errors come back from Flush, Receive or Do, which are reported"},

	// Writes to a quiet sink (see quietSinks): the program's own output,
	// an in-memory buffer, a hash, a writer whose errors surface at Flush,
	// or an HTTP response whose client has gone.
	{"fmt.Print*", always, "writes to the process's standard output; there is nowhere to report its failure"},
	{"io.WriteString", arg0IsQuiet, "writes to a quiet sink"},
	{"(any).Write*", recvIsQuiet, "writes to a quiet sink"},
	{"(any).WriteTo", arg0IsQuiet, "writes to a quiet sink"},
	{"(*encoding/json.Encoder).Encode", encodesToResponse, "json.NewEncoder(w).Encode(v) in a handler: v's type fails on every call or never, and a write error means the client has gone"},
	// A gzip or zlib writer over a buffer: `w := gzip.NewWriter(&b);
	// w.Write(bs); w.Close()` compresses into memory.
	{"(any).Close", recvWritesToMemory, "a compressing writer over an in-memory buffer flushes into memory: it fails only when the buffer does, and it never does"},
	{"(any).Flush", recvWritesToMemory, "a compressing writer over an in-memory buffer flushes into memory: it fails only when the buffer does, and it never does"},

	// Cleanup other than Close. Close itself is not in this table (but for
	// compressing writers over memory, above, which cannot fail): a Close
	// dropped as a statement is reported (SPEC exempts only
	// `defer x.Close()`), at information severity when it only releases a
	// resource (see closeOnlyReleases). Closes run by defer, in a deferred
	// function, or while another error is being returned are left alone
	// where the rule looks at where a call stands (see droppedCall).
	{"(any).SetDeadline", always, "fails only on a closed connection, which the next Read or Write reports"},
	{"(any).SetReadDeadline", always, "fails only on a closed connection, which the next Read reports"},
	{"(any).SetWriteDeadline", always, "fails only on a closed connection, which the next Write reports"},
	{"(*net/http.ResponseController).Flush", always, "flushes a response: a failure means the client has gone, as for a write to the ResponseWriter"},

	// Parsing constants: the result is the same on every run, so the first
	// run shows a failure. Applies to `v, _ := f("const")` as well.
	{"strconv.*", constArgs, "parses constants: fails on every run or never"},
	{"net/url.Parse*", constArgs, "parses a constant: fails on every run or never"},
	{"time.Parse*", constArgs, "parses constants: fails on every run or never"},
	{"regexp.Compile*", constArgs, "compiles a constant: fails on every run or never"},
	{"net.Parse*", constArgs, "parses a constant: fails on every run or never"},
	{"path/filepath.Glob", constArgs, "the only error is a malformed pattern: fails on every run or never"},
	{"(*text/template.Template).Parse", constArgs, "parses a constant: fails on every run or never"},
	{"(*html/template.Template).Parse", constArgs, "parses a constant: fails on every run or never"},
	{"(*text/template.Template).Execute*", constTemplate, "executes a constant template on plain data into memory: fails on every run or never"},
	{"(*html/template.Template).Execute*", constTemplate, "executes a constant template on plain data into memory: fails on every run or never"},
}

// quietSinks are the destinations whose write errors are not worth
// handling: writes to them are excluded above. Types are matched as the
// static type of the writer expression; "var:" entries are package
// variables; "iface:" entries match any type with those methods. A gzip,
// zlib or csv writer made in the function over an in-memory buffer is
// quiet too (see writesToMemory).
var quietSinks = []struct {
	match, why string
}{
	{"*bytes.Buffer", "in memory; never fails"},
	{"*strings.Builder", "in memory; never fails"},
	{"iface:Write,Sum,Reset,Size,BlockSize", "a hash.Hash; never fails"},
	{"var:os.Stdout", "the process's own output; nowhere to report a failure to"},
	{"var:os.Stderr", "the process's own output; nowhere to report a failure to"},
	{"var:io.Discard", "discards everything"},
	{"var:io/ioutil.Discard", "discards everything"},
	{"*bufio.Writer", "errors are sticky and reported by Flush, which is reported when dropped"},
	{"*bufio.ReadWriter", "writes go to its bufio.Writer: reported by Flush"},
	{"*text/tabwriter.Writer", "buffers until Flush, which is reported when dropped"},
	{"iface:Header,Write,WriteHeader", "an http.ResponseWriter: the status is sent, and a failed write means the client has gone"},
}

// flushingClosers are the types whose Close finishes writing data, so that
// a dropped Close error loses data silently: such a Close is reported at
// warning severity. *os.File is among them only where it was created or
// opened for writing in the same function.
var flushingClosers = []string{
	"*compress/gzip.Writer",
	"*compress/zlib.Writer",
	"*compress/flate.Writer",
	"*compress/lzw.Writer",
	"*archive/zip.Writer",
	"*archive/tar.Writer",
	"*mime/multipart.Writer",
	"io.WriteCloser",
}

// closeOnlyReleases reports whether a Close call only releases a resource
// whose work is done (a response body, rows, a pooled or probe
// connection, a listener, a file opened for reading, a client): its
// receiver is not of a type whose Close finishes writing data, nor a file
// this function opened for writing. Such a Close, dropped, is reported at
// information severity: nothing is lost, but nobody hears that it failed.
func closeOnlyReleases(c *checker, call *ast.CallExpr, recv ast.Expr) bool {
	if recv == nil {
		return true // a close function kept in a variable or field
	}
	t := c.info.TypeOf(recv)
	if t == nil {
		return true
	}
	s := typeName(t)
	for _, fc := range flushingClosers {
		if s == strings.TrimPrefix(fc, "*") {
			return false
		}
	}
	if s == "os.File" && c.openedForWriting(call, recv) {
		return false
	}
	return true
}

// fileWriters are the functions that open an *os.File for writing.
var fileWriters = []string{"os.Create", "os.OpenFile", "os.CreateTemp", "io/ioutil.TempFile"}

// An exclusion is one entry of the exclusions table.
type exclusion struct {
	callee string
	when   func(c *checker, call *ast.CallExpr, recv ast.Expr) bool
	why    string
}

// localExclusions are like exclusions, for calls whose error is left
// alone because of what the caller does with the call (drains a body,
// removes a temporary file, formats text for a log), not because the
// error cannot matter: a function that returns such an error may fail
// for its own callers (see summary.go).
var localExclusions = []exclusion{
	{"fmt.Fprint*", arg0NotDurable, "formatted text for a log, a terminal, a buffer or a response; Fprint to a file created here or to a network connection is still reported"},
	{"io.Copy*", arg0IsDiscard, "draining a body into io.Discard so the connection can be reused is best effort"},
	{"io.Copy*", connToConn, "copying between two connections until one hangs up: the error is how a proxy's copy ends"},
	{"os.Remove", always, "removing a file is cleanup: the usual failure is that it is already gone"},
	{"os.RemoveAll", always, "removing a tree is cleanup: nothing is left to do when it fails"},
	{"(any).Shutdown", always, "graceful stop at the end of a server's life: nothing is left to do but log"},
}

// bestEffortExecutors are the functions that run a function literal as
// best-effort background work: a dropped error in the literal is
// reported at information severity.
var bestEffortExecutors = []struct {
	callee, why string
}{
	{"(*fw:sync/pipeline/fanout.Fanout).Do", "fanout runs work in the background and drops it when its queue is full: a cache fill handed to it is best effort"},
}

func always(*checker, *ast.CallExpr, ast.Expr) bool { return true }

// recvIsHash reports whether the method's receiver is a hash.Hash.
func recvIsHash(c *checker, _ *ast.CallExpr, recv ast.Expr) bool {
	return recv != nil && hasMethods(c.info.TypeOf(recv), "Write", "Sum", "Reset", "Size", "BlockSize")
}

// recvIsQuiet reports whether the method's receiver is a quiet sink.
func recvIsQuiet(c *checker, _ *ast.CallExpr, recv ast.Expr) bool {
	return recv != nil && c.isQuietSink(recv)
}

// arg0IsQuiet reports whether the call's first argument is a quiet sink.
func arg0IsQuiet(c *checker, call *ast.CallExpr, _ ast.Expr) bool {
	return len(call.Args) > 0 && c.isQuietSink(call.Args[0])
}

// arg0NotDurable reports whether the call's first argument is not a
// writer whose data must arrive: a file this function created or opened
// for writing, or a network connection.
func arg0NotDurable(c *checker, call *ast.CallExpr, _ ast.Expr) bool {
	if len(call.Args) == 0 {
		return false
	}
	w := call.Args[0]
	t := c.info.TypeOf(w)
	if t == nil {
		return true
	}
	if typeName(t) == "os.File" && c.openedForWriting(call, w) {
		return false
	}
	return !hasMethods(t, "Write", "RemoteAddr")
}

// connToConn reports whether the call's first two arguments are both
// network connections.
func connToConn(c *checker, call *ast.CallExpr, _ ast.Expr) bool {
	return len(call.Args) >= 2 &&
		hasMethods(c.info.TypeOf(call.Args[0]), "Write", "RemoteAddr") &&
		hasMethods(c.info.TypeOf(call.Args[1]), "Read", "RemoteAddr")
}

// callbackNeverFails reports whether the call's last argument is a
// function literal whose every return gives a nil error.
func callbackNeverFails(c *checker, call *ast.CallExpr, _ ast.Expr) bool {
	if len(call.Args) == 0 {
		return false
	}
	lit, ok := ast.Unparen(call.Args[len(call.Args)-1]).(*ast.FuncLit)
	if !ok {
		return false
	}
	sig, ok := c.info.TypeOf(lit).(*types.Signature)
	if !ok {
		return false
	}
	return c.onlyNilReturns(lit.Body, sig.Results())
}

// killsSelf reports whether the call is Kill(pid, sig) with pid the
// process's own (os.Getpid(), syscall.Getpid(), unix.Getpid()) and sig a
// constant: kill(2) fails only for an invalid signal, a process that does
// not exist or one the caller may not signal, and none of these holds.
func killsSelf(c *checker, call *ast.CallExpr, _ ast.Expr) bool {
	if len(call.Args) != 2 {
		return false
	}
	if tv, ok := c.info.Types[call.Args[1]]; !ok || tv.Value == nil {
		return false
	}
	pid, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
	if !ok || len(pid.Args) != 0 {
		return false
	}
	fn := typesutil.Callee(c.info, pid)
	return typesutil.IsFunc(fn, "os", "Getpid") || typesutil.IsFunc(fn, "syscall", "Getpid") || typesutil.IsFunc(fn, "golang.org/x/sys/unix", "Getpid")
}

// arg0IsDiscard reports whether the call's first argument is io.Discard.
func arg0IsDiscard(c *checker, call *ast.CallExpr, _ ast.Expr) bool {
	if len(call.Args) == 0 {
		return false
	}
	return isPkgVar(c.info, call.Args[0], "io", "Discard") || isPkgVar(c.info, call.Args[0], "io/ioutil", "Discard")
}

// encodesToResponse reports whether the call is json.NewEncoder(w).Encode
// with w an http.ResponseWriter.
func encodesToResponse(c *checker, _ *ast.CallExpr, recv ast.Expr) bool {
	inner, ok := ast.Unparen(recv).(*ast.CallExpr)
	if !ok || len(inner.Args) != 1 || !typesutil.IsFunc(typesutil.Callee(c.info, inner), "encoding/json", "NewEncoder") {
		return false
	}
	return hasMethods(c.info.TypeOf(inner.Args[0]), "Header", "Write", "WriteHeader")
}

// isQuietSink reports whether writes to e are not worth checking (see
// quietSinks).
func (c *checker) isQuietSink(e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X // &buf of a bytes.Buffer value
		if t := c.info.TypeOf(e); t != nil {
			return c.isQuietType(types.NewPointer(t))
		}
		return false
	}
	for _, s := range quietSinks {
		if v, ok := strings.CutPrefix(s.match, "var:"); ok {
			i := strings.LastIndex(v, ".")
			if isPkgVar(c.info, e, v[:i], v[i+1:]) {
				return true
			}
		}
	}
	return c.isQuietType(c.info.TypeOf(e)) || c.writesToMemory(e)
}

// memoryWriters are the constructors of writers whose only failures are
// their destination's, so that over an in-memory buffer they cannot
// fail: compressing writers, which take no level that could be invalid,
// and csv writers, whose records go through a bufio.Writer. Their Write,
// Flush and Close fail only when writing to the destination fails (a
// gzip header with non-Latin-1 text, or a csv Comma that is not a valid
// delimiter, fails too, so a writer whose fields are assigned is not
// one).
var memoryWriters = []string{"compress/gzip.NewWriter", "compress/zlib.NewWriter", "encoding/csv.NewWriter"}

// recvWritesToMemory reports whether the method's receiver is a
// compressing or csv writer over an in-memory buffer (see writesToMemory).
func recvWritesToMemory(c *checker, _ *ast.CallExpr, recv ast.Expr) bool {
	return recv != nil && c.writesToMemory(recv)
}

// writesToMemory reports whether e is a local variable whose every
// assignment makes a compressing or csv writer (see memoryWriters) over a
// bytes.Buffer or strings.Builder, and none of whose fields is assigned:
// `w := gzip.NewWriter(&b); w.Write(bs); w.Close()`. Writing to it, and
// closing it, cannot fail.
func (c *checker) writesToMemory(e ast.Expr) bool {
	v := typesutil.LocalVar(c.info, e)
	if v == nil || v.Parent() == nil {
		return false
	}
	file := fixutil.FileOf(c.pass.Files, e.Pos())
	if file == nil {
		return false
	}
	scope := v.Parent()
	made, other := false, false
	check := func(rhs ast.Expr) {
		if c.writerOverMemory(rhs) {
			made = true
		} else {
			other = true
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		if other || n == nil || n.End() < scope.Pos() || n.Pos() > scope.End() {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && typesutil.ObjectOf(c.info, sel.X) == v {
					other = true // w.Name = …: a header field that may fail to encode
				}
				if typesutil.ObjectOf(c.info, l) != v {
					continue
				}
				if len(n.Lhs) != len(n.Rhs) {
					other = true
				} else {
					check(n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if c.info.Defs[id] != v {
					continue
				}
				if len(n.Names) != len(n.Values) {
					other = true
				} else {
					check(n.Values[i])
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(c.info, n.X) == v {
				other = true // &w: assigned where the rule cannot see
			}
		}
		return !other
	})
	return made && !other
}

// writerOverMemory reports whether e is a call of a memory writer whose
// destination is a bytes.Buffer or strings.Builder.
func (c *checker) writerOverMemory(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	fn := typesutil.Callee(c.info, call)
	for _, name := range memoryWriters {
		i := strings.LastIndex(name, ".")
		if typesutil.IsFunc(fn, name[:i], name[i+1:]) {
			switch typeName(c.info.TypeOf(call.Args[0])) {
			case "bytes.Buffer", "strings.Builder":
				return true
			}
		}
	}
	return false
}

// isQuietType reports whether t is the type of a quiet sink.
func (c *checker) isQuietType(t types.Type) bool {
	if t == nil {
		return false
	}
	s := typeName(t)
	for _, q := range quietSinks {
		if m, ok := strings.CutPrefix(q.match, "iface:"); ok {
			if hasMethods(t, strings.Split(m, ",")...) {
				return true
			}
			continue
		}
		if !strings.Contains(q.match, ":") && strings.TrimPrefix(q.match, "*") == s {
			return true
		}
	}
	return false
}

// excluded reports whether the rule leaves call's error alone: the
// table excludes it, the callee never fails or fails only with errors
// the rule leaves alone (summary.go), or another rule reports it.
func (c *checker) excluded(call *ast.CallExpr) bool {
	return c.excludedFrom(call, false)
}

// excludedFrom is excluded; with propagate, it answers for a function
// that returns call's error: another rule's calls and the table's local
// entries do not count there.
func (c *checker) excludedFrom(call *ast.CallExpr, propagate bool) bool {
	fn := typesutil.Callee(c.info, call)
	if s := c.summaryOf(fn); s != nil && (s.fails == failsNever || s.fails == failsQuiet ||
		s.fails == failsOptions && !passesOptions(call, fn)) {
		return true
	}
	if !propagate && paladininit.IsInit(c.opts, fn) {
		return true // paladin-init reports it, with the panic that follows
	}
	k := c.calleeKey(call)
	if k.name == "" {
		return false
	}
	tables := [][]exclusion{exclusions, localExclusions}
	if propagate {
		tables = tables[:1]
	}
	for _, table := range tables {
		for _, e := range table {
			if c.matches(e.callee, k) && e.when(c, call, k.recv) {
				return true
			}
		}
	}
	return false
}

// A key is what the table matches a call by.
type key struct {
	pkg      string     // package path of a function
	recvType types.Type // static receiver type of a method
	value    bool       // a function value in a variable or field
	name     string     // the callee's name
	recv     ast.Expr   // the receiver expression of a method call
}

// calleeKey returns the key of the function a call calls; its name is
// empty when the call has none (a function literal, a method expression).
func (c *checker) calleeKey(call *ast.CallExpr) key {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		switch obj := c.info.Uses[fun].(type) {
		case *types.Func:
			if obj.Pkg() != nil {
				return key{pkg: obj.Pkg().Path(), name: obj.Name()}
			}
		case *types.Var:
			return key{value: true, name: obj.Name()}
		}
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[fun]; ok {
			switch sel.Kind() {
			case types.MethodVal:
				return key{recvType: sel.Recv(), name: fun.Sel.Name, recv: fun.X}
			case types.FieldVal:
				return key{value: true, name: fun.Sel.Name}
			}
			return key{} // a method expression
		}
		switch obj := c.info.Uses[fun.Sel].(type) {
		case *types.Func:
			if obj.Pkg() != nil {
				return key{pkg: obj.Pkg().Path(), name: obj.Name()} // a qualified function
			}
		case *types.Var:
			return key{value: true, name: obj.Name()} // a package's function variable
		}
	}
	return key{}
}

// matches reports whether a table callee pattern matches the key.
func (c *checker) matches(pattern string, k key) bool {
	if name, ok := strings.CutPrefix(pattern, "value:"); ok {
		return k.value && matchName(name, k.name)
	}
	if k.value {
		return false
	}
	var wantPkg, wantName, wantRecv string
	method := strings.HasPrefix(pattern, "(")
	if method {
		end := strings.Index(pattern, ").")
		if end < 0 {
			return false
		}
		wantRecv, wantName = pattern[1:end], pattern[end+2:]
	} else {
		i := strings.LastIndex(pattern, ".")
		wantPkg, wantName = pattern[:i], pattern[i+1:]
	}
	if method != (k.recvType != nil) || !matchName(wantName, k.name) {
		return false
	}
	if !method {
		return c.matchPkg(wantPkg, k.pkg)
	}
	if wantRecv == "any" {
		return true
	}
	// The receiver's pointer-ness does not matter: calls on addressable
	// values and on pointers reach the same methods.
	wantRecv = strings.TrimPrefix(wantRecv, "*")
	i := strings.LastIndex(wantRecv, ".")
	n := typesutil.NamedOf(k.recvType)
	if n == nil || n.Obj().Pkg() == nil || n.Obj().Name() != wantRecv[i+1:] {
		return false
	}
	return c.matchPkg(wantRecv[:i], n.Obj().Pkg().Path())
}

// matchPkg reports whether a table package path (possibly "fw:"-relative)
// names path.
func (c *checker) matchPkg(want, path string) bool {
	if rel, ok := strings.CutPrefix(want, "fw:"); ok {
		return c.opts.FrameworkPackage(path, rel)
	}
	return want == path
}

// matchName reports whether a table name (possibly ending or starting
// with *, or both) matches name.
func matchName(want, name string) bool {
	if len(want) > 2 && want[0] == '*' && want[len(want)-1] == '*' {
		return strings.Contains(name, want[1:len(want)-1])
	}
	if prefix, ok := strings.CutSuffix(want, "*"); ok {
		return strings.HasPrefix(name, prefix)
	}
	if suffix, ok := strings.CutPrefix(want, "*"); ok {
		return strings.HasSuffix(name, suffix)
	}
	return want == name
}

// marshalCannotFail reports whether json.Marshal(v) cannot fail for the
// call's argument v: its type holds only booleans, integers, strings and
// slices, arrays, maps (with string or integer keys), pointers and structs
// of them, and nothing with its own MarshalJSON or MarshalText. Floats (NaN)
// and interfaces (anything) can fail, but for a value json itself decoded
// (see decodedJSON).
func marshalCannotFail(c *checker, call *ast.CallExpr, _ ast.Expr) bool {
	if len(call.Args) == 0 {
		return false
	}
	return jsonSafe(c.info.TypeOf(call.Args[0]), nil) || c.decodedJSON(call.Args[0])
}

// jsonSafe reports whether encoding a value of type t as JSON cannot fail.
func jsonSafe(t types.Type, seen []types.Type) bool {
	if t == nil {
		return false
	}
	for _, s := range seen {
		if types.Identical(s, t) {
			return false // recursive: the value may be cyclic
		}
	}
	seen = append(seen, t)
	if hasMethods(t, "MarshalJSON") || hasMethods(t, "MarshalText") {
		return false // its own encoding may fail
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsBoolean|types.IsInteger|types.IsString) != 0
	case *types.Pointer:
		return jsonSafe(u.Elem(), seen)
	case *types.Slice:
		return jsonSafe(u.Elem(), seen)
	case *types.Array:
		return jsonSafe(u.Elem(), seen)
	case *types.Map:
		k, ok := u.Key().Underlying().(*types.Basic)
		return ok && k.Info()&(types.IsInteger|types.IsString) != 0 && !hasMethods(u.Key(), "MarshalText") && jsonSafe(u.Elem(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if f := u.Field(i); f.Exported() || f.Embedded() {
				if !jsonSafe(f.Type(), seen) {
					return false
				}
			}
		}
		return true
	}
	return false
}

// hasMethods reports whether t's method set (or its pointer's) has methods
// of all those names.
func hasMethods(t types.Type, names ...string) bool {
	if t == nil {
		return false
	}
	ms := types.NewMethodSet(t)
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && !types.IsInterface(t) {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for _, name := range names {
		if ms.Lookup(nil, name) == nil {
			return false
		}
	}
	return true
}

// typeName spells t, or the type t points to, with full package paths.
func typeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return types.TypeString(t, nil)
}

// isPkgVar reports whether e denotes the package-level variable path.name.
func isPkgVar(info *types.Info, e ast.Expr, path, name string) bool {
	v, ok := typesutil.UsedObject(info, e).(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == path && v.Name() == name && v.Parent() == v.Pkg().Scope()
}
