package serverrecovery

import (
	"embed"
	"go/ast"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the server-recovery rule.
var Rule = rule.Define(rule.Spec{
	ID:       "server-recovery",
	Severity: rule.Warning,
	InTests:  rule.Hint, // a test server that panics fails its test
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

// A server is a NewServer call of a Kratos v2/v3 transport package.
type server struct {
	call      *ast.CallExpr
	fn        *types.Func // transport/grpc.NewServer or transport/http.NewServer
	http      bool
	mw        *ast.CallExpr // the Middleware option, or nil
	recovered bool          // a Recovery() call is among the options
	opaque    bool          // something the rule cannot see may recover
	// lit is the one literal of a local options slice (opts...), where
	// a Middleware option goes when there is none; nil otherwise.
	lit   *ast.CompositeLit
	noFix bool // the slice has Middleware options in several places
}

func run(pass *analysis.Pass, opts *rule.Options) error {
	if pass.TypesInfo == nil {
		return nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// A server's finding is at its NewServer call.
	for cur := range rule.FocusOf(pass).Preorder(in, (*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		s, ok := serverOf(pass, opts, call)
		if !ok {
			continue // not a Kratos v2/v3 NewServer
		}
		s.readOptions(pass, opts, cur)
		if s.recovered || s.opaque {
			continue // recovers, or may
		}
		if usedLater(pass, cur, call) {
			continue // srv.Use may add the recovery middleware
		}
		report(pass, opts, s)
	}
	return nil
}

// serverOf recognises a NewServer call of Kratos v2/v3's transport/grpc
// or transport/http.
func serverOf(pass *analysis.Pass, opts *rule.Options, call *ast.CallExpr) (*server, bool) {
	fn := typesutil.Callee(pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || fn.Name() != "NewServer" || fn.Signature().Recv() != nil {
		return nil, false
	}
	path := fn.Pkg().Path()
	switch {
	case opts.KratosV2Package(path, "transport/grpc"):
		return &server{call: call, fn: fn}, true
	case opts.KratosV2Package(path, "transport/http"):
		return &server{call: call, fn: fn, http: true}, true
	}
	return nil, false
}

// seeThrough are the option functions of a server package that cannot
// recover a panic. Any other option (UnaryInterceptor, Options, Filter,
// and whatever a later version adds) may.
var seeThrough = map[string]bool{
	"Network": true, "Address": true, "Endpoint": true, "Timeout": true, "Logger": true,
	"TLSConfig": true, "Listener": true, "CustomHealth": true, "DisableReflection": true,
	"StreamMiddleware": true, "StrictSlash": true, "PathPrefix": true,
	"RequestVarsDecoder": true, "RequestQueryDecoder": true, "RequestDecoder": true,
	"ResponseEncoder": true, "ErrorEncoder": true, "NotFoundHandler": true, "MethodNotAllowedHandler": true,
}

// readOptions reads the server's options: whether one recovers, and
// whether one might without the rule seeing it. Options from a slice
// (NewServer(opts...)) are read when the slice is a local variable that
// the function fills only with literals and appends: the project
// template's shape.
func (s *server) readOptions(pass *analysis.Pass, opts *rule.Options, cur inspector.Cursor) {
	args := s.call.Args
	if s.call.Ellipsis.IsValid() {
		slice, ok := localOptions(pass, cur, s.call)
		if !ok {
			s.opaque = true // options from a slice the rule cannot read
			return
		}
		args = slice.Elems
		if len(slice.Lits) == 1 {
			s.lit = slice.Lits[0]
		}
	}
	var mws []*ast.CallExpr
	for _, arg := range args {
		opt, ok := ast.Unparen(arg).(*ast.CallExpr)
		var fn *types.Func
		if ok {
			fn = typesutil.Callee(pass.TypesInfo, opt)
		}
		if fn == nil || fn.Pkg() != s.fn.Pkg() {
			s.opaque = true // a variable or a helper's option: it may be anything
			continue
		}
		switch {
		case fn.Name() == "Middleware":
			mws = append(mws, opt)
			s.readMiddleware(pass, opts, opt)
		case !seeThrough[fn.Name()]:
			s.opaque = true // an interceptor, gRPC option or HTTP filter may recover
		}
	}
	// Each Middleware option replaces the middleware of the one before,
	// so a fix goes in the last of the call's options. Which of a slice's
	// takes effect depends on the flow that filled it: a fix then goes
	// only in the slice's one Middleware option.
	switch {
	case !s.call.Ellipsis.IsValid() && len(mws) > 0:
		s.mw = mws[len(mws)-1]
	case len(mws) == 1:
		s.mw = mws[0]
	case len(mws) > 1:
		s.lit = nil
		s.noFix = true
	}
}

// localOptions reads the options slice of NewServer(opts...), a local
// variable of the enclosing function.
func localOptions(pass *analysis.Pass, cur inspector.Cursor, call *ast.CallExpr) (typesutil.LocalSlice, bool) {
	id, ok := ast.Unparen(call.Args[len(call.Args)-1]).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return typesutil.LocalSlice{}, false
	}
	fn, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return typesutil.LocalSlice{}, false
	}
	return typesutil.SliceOf(pass.TypesInfo, typesutil.FuncBody(fn.Node()), typesutil.LocalVar(pass.TypesInfo, id), id)
}

// readMiddleware reads the arguments of a Middleware option.
func (s *server) readMiddleware(pass *analysis.Pass, opts *rule.Options, mw *ast.CallExpr) {
	if mw.Ellipsis.IsValid() {
		s.opaque = true // middleware from a slice
	}
	for _, arg := range mw.Args {
		if containsRecovery(pass, opts, arg) {
			s.recovered = true
			continue
		}
		call, ok := ast.Unparen(arg).(*ast.CallExpr)
		var fn *types.Func
		if ok {
			fn = typesutil.Callee(pass.TypesInfo, call)
		}
		if fn == nil || fn.Pkg() == nil || !isKratosMiddleware(opts, fn.Pkg().Path()) {
			s.opaque = true // the team's own middleware may recover
		}
	}
}

// containsRecovery reports whether e calls middleware/recovery's
// Recovery anywhere in it.
func containsRecovery(pass *analysis.Pass, opts *rule.Options, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if fn := typesutil.Callee(pass.TypesInfo, call); fn != nil && fn.Pkg() != nil &&
			fn.Name() == "Recovery" && opts.KratosV2Package(fn.Pkg().Path(), "middleware/recovery") {
			found = true
		}
		return !found
	})
	return found
}

// isKratosMiddleware reports whether path is a middleware package of
// Kratos v2/v3 (middleware/logging, middleware/tracing, …): none of them
// but recovery recovers a panic.
func isKratosMiddleware(opts *rule.Options, path string) bool {
	for _, prefix := range opts.KratosV2ImportPrefixes {
		if rest, ok := strings.CutPrefix(path, prefix); ok && (rest == "middleware" || strings.HasPrefix(rest, "middleware/")) {
			return true
		}
	}
	return false
}

// usedLater reports whether the server call's result is kept in a
// variable whose Use method the enclosing function calls: middleware
// added after construction.
func usedLater(pass *analysis.Pass, cur inspector.Cursor, call *ast.CallExpr) bool {
	var v types.Object
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 {
			v = typesutil.ObjectOf(pass.TypesInfo, p.Lhs[0])
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 {
			v = pass.TypesInfo.Defs[p.Names[0]]
		}
	}
	if v == nil {
		return false
	}
	fn, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return false
	}
	used := false
	ast.Inspect(fn.Node(), func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if ok && sel.Sel.Name == "Use" && typesutil.ObjectOf(pass.TypesInfo, sel.X) == v {
			used = true
		}
		return !used
	})
	return used
}

// report reports a server without recovery, with the fix.
func report(pass *analysis.Pass, opts *rule.Options, s *server) {
	name := calledAs(s.call, s.fn.Name())
	d := analysis.Diagnostic{Pos: s.call.Fun.Pos(), End: s.call.Fun.End()}
	if s.http {
		d.Message = rule.Say(pass, msgHTTP.With(name))
	} else {
		d.Message = rule.Say(pass, msgGRPC.With(name))
	}
	if fix, ok := recoveryFix(pass, s); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	if s.http {
		rule.ReportAt(pass, rule.Information, d) // net/http recovers: the process survives
		return
	}
	pass.Report(d)
}

// calledAs returns how the code names a call's function: grpc.NewServer.
func calledAs(call *ast.CallExpr, name string) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			return id.Name + "." + sel.Sel.Name
		}
	}
	return name
}
