package wardendiscovery

import (
	"go/ast"
	"go/types"
	"net"
	"net/url"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// This file checks the clients of Kratos v2 and v3: transport/grpc's
// Dial and DialInsecure (v3: NewClient) and transport/http's NewClient,
// each configured by options in the one call. Three mistakes:
//
//  1. WithEndpoint("discovery:///name") with no WithDiscovery(r): the
//     client registers the discovery resolver only when given a registry,
//     so grpc treats the endpoint as an address. Dial returns a
//     connection and a nil error, and every call fails at once (v2:
//     "dial tcp: lookup tcp////name: unknown port"; v3: "produced zero
//     addresses"; HTTP: unsupported protocol scheme "discovery").
//  2. "discovery://name", two slashes: the name is the URL's authority,
//     and the resolver watches the path, "": no instance is ever found.
//  3. A fixed address, as warden's (see checkTarget).
//
// Only what the call shows is judged: with options from a slice (opts...)
// or from a call of anything but the client package's option functions,
// a WithDiscovery may be hidden, and the first check says nothing.

// A v2Client is a Kratos v2/v3 client constructor call.
type v2Client struct {
	call     *ast.CallExpr
	fn       *types.Func
	http     bool
	endpoint ast.Expr // WithEndpoint's argument, or nil
	hasDisc  bool     // a WithDiscovery option is given
	opaque   bool     // some option is not visible in the call
}

// checkV2Clients reports the mistakes of Kratos v2/v3 client calls in
// the files of the focus.
func (c *checker) checkV2Clients() {
	pass := c.pass
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for file := range rule.FocusOf(pass).FileCursors(in) {
		if typesutil.InTestFile(pass.Fset, file.Node().(*ast.File).FileStart) {
			continue // tests dial the servers they start, or test the failure
		}
		for cur := range file.Preorder((*ast.CallExpr)(nil)) {
			cl, ok := c.v2ClientOf(cur.Node().(*ast.CallExpr))
			if !ok || cl.endpoint == nil {
				continue // not a v2 client, or no endpoint in sight
			}
			c.checkV2Endpoint(cl)
		}
	}
}

// v2ClientOf recognises a Kratos v2/v3 client constructor call and reads
// its options.
func (c *checker) v2ClientOf(call *ast.CallExpr) (*v2Client, bool) {
	fn := typesutil.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return nil, false
	}
	path := fn.Pkg().Path()
	cl := &v2Client{call: call, fn: fn}
	switch {
	case c.opts.KratosV2Package(path, "transport/grpc"):
		if n := fn.Name(); n != "Dial" && n != "DialInsecure" && n != "NewClient" {
			return nil, false
		}
	case c.opts.KratosV2Package(path, "transport/http"):
		if fn.Name() != "NewClient" {
			return nil, false
		}
		cl.http = true
	default:
		return nil, false
	}
	if len(call.Args) < 1 {
		return nil, false
	}
	cl.opaque = call.Ellipsis.IsValid()
	for _, arg := range call.Args[1:] {
		opt, ok := ast.Unparen(arg).(*ast.CallExpr)
		var ofn *types.Func
		if ok {
			ofn = typesutil.Callee(c.pass.TypesInfo, opt)
		}
		if ofn == nil || ofn.Pkg() != fn.Pkg() {
			cl.opaque = true // a variable, or another package's option: it may hold anything
			continue
		}
		switch ofn.Name() {
		case "WithEndpoint":
			if len(opt.Args) == 1 {
				cl.endpoint = opt.Args[0]
			}
		case "WithDiscovery":
			cl.hasDisc = true
		}
	}
	return cl, true
}

// checkV2Endpoint reports a client's endpoint mistakes.
func (c *checker) checkV2Endpoint(cl *v2Client) {
	pass := c.pass
	s, ok := c.staticString(cl.endpoint, 0)
	if !ok {
		return // from configuration or a parameter
	}
	name := c.v2Name(cl)
	switch kind, svc := classifyV2(s, cl.http); kind {
	case v2Discovery, v2TwoSlashes:
		if kind == v2TwoSlashes {
			c.reportTwoSlashes(cl, s, svc)
		}
		if cl.hasDisc || cl.opaque {
			return // a registry is given, or may be
		}
		d := analysis.Diagnostic{
			Pos: cl.call.Fun.Pos(), End: cl.call.Fun.End(),
			Message: rule.Say(pass, msgV2NoDiscovery.With(name, s, c.v2Failure(cl, svc))),
		}
		if fix, ok := c.withDiscoveryFix(cl); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	case v2Fixed:
		d := analysis.Diagnostic{
			Pos: cl.endpoint.Pos(), End: cl.endpoint.End(),
			Message: rule.Say(pass, msgV2Fixed.With(name, s)),
		}
		if pass.Pkg.Name() == "main" {
			rule.ReportAt(pass, rule.Hint, d) // tools and examples point at one address on purpose
			return
		}
		pass.Report(d)
	}
}

// reportTwoSlashes reports "discovery://name", with a fix that writes
// "discovery:///name" where the endpoint is a literal in the call.
func (c *checker) reportTwoSlashes(cl *v2Client, s, svc string) {
	pass := c.pass
	want := "discovery:///" + svc
	failure := msgV2TimesOut
	if cl.http {
		failure = msgV2NodeNotFound
	}
	d := analysis.Diagnostic{
		Pos: cl.endpoint.Pos(), End: cl.endpoint.End(),
		Message: rule.Say(pass, msgV2TwoSlashes.With(s, svc, failure.With(), want)),
	}
	if lit, ok := ast.Unparen(cl.endpoint).(*ast.BasicLit); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   rule.Say(pass, msgFixThreeSlashes.With(want)),
			TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(`"` + want + `"`)}},
		}}
	}
	pass.Report(d)
}

// v2Name returns how the code names the called function: grpc.DialInsecure.
func (c *checker) v2Name(cl *v2Client) string {
	if sel, ok := ast.Unparen(cl.call.Fun).(*ast.SelectorExpr); ok {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			return id.Name + "." + sel.Sel.Name
		}
	}
	return cl.fn.Name()
}

// v2Failure returns the error every call of the client fails with when
// no resolver serves discovery://.
func (c *checker) v2Failure(cl *v2Client, svc string) string {
	switch {
	case cl.http:
		return `unsupported protocol scheme "discovery"`
	case cl.fn.Name() == "NewClient":
		return "code = Unavailable … produced zero addresses"
	}
	return "code = Unavailable … dial tcp: lookup tcp////" + svc + ": unknown port"
}

type v2Kind int

const (
	v2Other      v2Kind = iota // a host name, another scheme, or not parsed
	v2Discovery                // discovery:///name (or discovery://authority/name)
	v2TwoSlashes               // discovery://name: the resolver watches ""
	v2Fixed                    // an IP address or localhost, direct:// or passthrough://
)

// classifyV2 classifies a constant endpoint of a v2 client and returns
// the service name of a discovery endpoint.
func classifyV2(s string, http bool) (v2Kind, string) {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		if classifyString(s) == fixedTarget {
			return v2Fixed, ""
		}
		return v2Other, ""
	}
	switch strings.ToLower(scheme) {
	case "discovery":
		u, err := url.Parse(s)
		if err != nil {
			return v2Other, ""
		}
		if name := strings.TrimPrefix(u.Path, "/"); name != "" {
			return v2Discovery, name
		}
		if u.Host != "" && u.RawQuery == "" && u.Fragment == "" {
			return v2TwoSlashes, u.Host
		}
		return v2Other, ""
	case "direct", "passthrough":
		return v2Fixed, ""
	case "http", "https":
		if !http {
			return v2Other, ""
		}
		host := rest
		if i := strings.IndexAny(host, "/?#"); i >= 0 {
			host = host[:i]
		}
		if h, _, err := net.SplitHostPort(host); err == nil && (h == "localhost" || net.ParseIP(h) != nil) {
			return v2Fixed, ""
		}
	}
	return v2Other, ""
}

// withDiscoveryFix adds WithDiscovery(r) to the call when exactly one
// variable in scope at the call holds a registry.Discovery.
func (c *checker) withDiscoveryFix(cl *v2Client) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	sel, ok := ast.Unparen(cl.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return none, false // called from inside the package: no qualifier to reuse
	}
	qual, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return none, false
	}
	if _, ok := pass.TypesInfo.Uses[qual].(*types.PkgName); !ok {
		return none, false
	}
	with, ok := cl.fn.Pkg().Scope().Lookup("WithDiscovery").(*types.Func)
	if !ok || with.Signature().Params().Len() != 1 {
		return none, false
	}
	disc := with.Signature().Params().At(0).Type()
	v := c.oneVarOf(cl.call, disc)
	if v == nil {
		return none, false
	}
	file := fixutil.FileOf(pass.Files, cl.call.Pos())
	if file == nil {
		return none, false
	}
	opt := qual.Name + ".WithDiscovery(" + v.Name() + ")"
	last := cl.call.Args[len(cl.call.Args)-1]
	edit := analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(", " + opt)}
	if line := pass.Fset.Position; line(last.End()).Line != line(cl.call.Rparen).Line {
		// One option a line, each with its comma: a line of its own.
		comma, ok := fixutil.Text(pass, file, last.End(), last.End()+1)
		if !ok || comma != "," || !fixutil.StartsLine(pass, file, last.Pos()) {
			return none, false
		}
		at := last.End() + 1
		edit = analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + fixutil.Indent(pass.Fset, last.Pos()) + opt + ",")}
	}
	edits, ok := fixutil.GofmtEdits(pass, file, edit)
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(pass, msgFixWithDiscovery.With(opt)),
		TextEdits: edits,
	}, true
}

// oneVarOf returns the one variable visible at call whose type is
// assignable to t, or nil when there is none or more than one.
func (c *checker) oneVarOf(call *ast.CallExpr, t types.Type) *types.Var {
	pkg := c.pass.Pkg
	var found *types.Var
	for scope := typesutil.Innermost(pkg, call.Pos()); scope != nil && scope != types.Universe; scope = scope.Parent() {
		for _, name := range scope.Names() {
			v, ok := scope.Lookup(name).(*types.Var)
			if !ok || name == "_" || !types.AssignableTo(v.Type(), t) {
				continue // not a variable of the type
			}
			if scope != pkg.Scope() && v.Pos() > call.Pos() {
				continue // declared below the call
			}
			if !typesutil.InScope(pkg, call.Pos(), name, v) {
				continue // shadowed at the call
			}
			if found != nil {
				return nil // two: the fix cannot choose
			}
			found = v
		}
	}
	return found
}
