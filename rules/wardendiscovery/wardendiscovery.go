package wardendiscovery

import (
	"embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the warden-discovery rule.
var Rule = rule.Define(rule.Spec{
	ID:        "warden-discovery",
	Severity:  rule.Warning,
	Since:     "v0.1.0",
	Fixes:     true,
	Notes:     notes,
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(pkgFact), new(funcFact)},
	Run:       run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

// A pkgFact summarises a package and everything it imports, for the
// program a main package builds. Every analysed package exports one; for
// a dependency without it (loaded from export data, or with type errors)
// the rule falls back on its imports (see mayRegister).
type pkgFact struct {
	Registers bool  // some package in it may register the discovery resolver
	InitDial  *Dial // a discovery dial made during package initialisation
}

func (*pkgFact) AFact() {}

func (f *pkgFact) String() string {
	s := fmt.Sprintf("registers=%t", f.Registers)
	if f.InitDial != nil {
		s += " init " + f.InitDial.String()
	}
	return s
}

// A funcFact is exported for a function that reaches a discovery dial
// through warden by static calls.
type funcFact struct {
	Dial *Dial
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string { return f.Dial.String() }

// A Dial is a warden dial of a discovery:// target.
type Dial struct {
	Target string // the target, or its constant prefix followed by "…"
	Func   string // the function that dials, package-qualified: "api.NewClient"
	File   string // base name of its file
	Line   int
	Warden string // import path of the warden package
}

func (d *Dial) String() string {
	return fmt.Sprintf("dials %s in %s (%s:%d)", d.Target, d.Func, d.File, d.Line)
}

func run(pass *analysis.Pass, opts *rule.Options) error {
	if pass.TypesInfo == nil || len(pass.Files) == 0 {
		return nil // loaded from export data: nothing to analyse, no facts to give
	}
	c := &checker{pass: pass, opts: opts, funcs: make(map[*types.Func]*funcInfo)}
	c.checkV2Clients()
	c.collect()
	if len(pass.TypeErrors) > 0 {
		// Half-typed code (an editor buffer): a registration or a dial may
		// not be recognised. Give no facts, so that importers know nothing,
		// and claim nothing about the program.
		return nil
	}
	c.summarise()
	c.program = c.programFact()
	if pass.Pkg.Name() != "main" {
		c.exportFacts() // nothing imports a main package
	} else if !fixutil.IsTestVariant(pass) {
		c.checkProgram()
	}
	return nil
}

type checker struct {
	pass   *analysis.Pass
	opts   *rule.Options
	funcs  map[*types.Func]*funcInfo // functions declared in the package
	order  []*types.Func             // in source order
	init   funcInfo                  // package initialisation: init funcs and var initialisers
	main   *ast.FuncDecl             // func main of a main package
	mainFn *types.Func

	registers bool     // the package may register the discovery resolver
	program   *pkgFact // the package's fact: the program of a main package
	// pinned are the local variables assigned once, at their declaration,
	// and never again nor addressed, with that value; found on first use.
	pinned map[*types.Var]ast.Expr
}

// funcInfo is what a function does directly, and its summary.
type funcInfo struct {
	name    string
	sites   []site // discovery dials, in source order
	callees []call // static calls, in source order
	dial    *Dial  // summary: a discovery dial it reaches
	local   *site  // the dial site in this package it reaches, if any
}

type site struct {
	target ast.Expr
	dial   *Dial
}

type call struct {
	pos token.Pos
	fn  *types.Func
}

// collect records, for each function of the package and for package
// initialisation, the discovery dials it makes and the functions it
// calls; it reports fixed targets and notes resolver registrations.
func (c *checker) collect() {
	pass := c.pass
	inspect := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range inspect.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if fn := typesutil.Callee(pass.TypesInfo, call); fn != nil && c.isRegistration(fn.Origin(), call) {
			c.registers = true
			break
		}
	}
	for cur := range inspect.Root().Preorder((*ast.FuncDecl)(nil), (*ast.GenDecl)(nil)) {
		switch decl := cur.Node().(type) {
		case *ast.FuncDecl:
			if decl.Body == nil {
				continue // declared without a body (assembly)
			}
			fn, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if fn == nil {
				continue // ill-typed declaration
			}
			info := &c.init
			if decl.Recv != nil || decl.Name.Name != "init" {
				info = &funcInfo{name: typesutil.QualifiedName(fn)}
				c.funcs[fn] = info
				c.order = append(c.order, fn)
			}
			if decl.Recv == nil && decl.Name.Name == "main" && pass.Pkg.Name() == "main" {
				c.main, c.mainFn = decl, fn
			}
			c.scan(cur.ChildAt(edge.FuncDecl_Body, -1), info, typesutil.QualifiedName(fn), true)
		case *ast.GenDecl:
			if decl.Tok != token.VAR {
				continue // not a variable declaration
			}
			if _, ok := cur.Parent().Node().(*ast.File); !ok {
				continue // a local declaration, scanned with its function
			}
			for i, spec := range decl.Specs {
				for j := range spec.(*ast.ValueSpec).Values {
					v := cur.ChildAt(edge.GenDecl_Specs, i).ChildAt(edge.ValueSpec_Values, j)
					c.scan(v, &c.init, pass.Pkg.Name()+" package initialisation", false)
				}
			}
		}
	}
}

// scan records what the code at cur does; with lits false it does not
// look into function literals (a variable initialised with a func literal
// does not run it). It visits calls and function literals only.
func (c *checker) scan(cur inspector.Cursor, info *funcInfo, where string, lits bool) {
	pass := c.pass
	cur.Inspect(scanned, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.FuncLit:
			return lits
		case *ast.CallExpr:
			fn := typesutil.Callee(pass.TypesInfo, n)
			if fn == nil {
				return true // a dynamic call, conversion or builtin
			}
			fn = fn.Origin()
			if target, warden, ok := c.dialTarget(fn, n); ok {
				c.checkTarget(n, target, warden, info, where)
			}
			info.callees = append(info.callees, call{pos: n.Pos(), fn: fn})
		}
		return true
	})
}

// scanned are the nodes scan visits.
var scanned = []ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil)}

// dialTarget returns the target argument of a warden Dial, DialTLS or
// NewConn call and the warden package's path.
func (c *checker) dialTarget(fn *types.Func, call *ast.CallExpr) (ast.Expr, string, bool) {
	if fn.Pkg() == nil || !c.opts.FrameworkPackage(fn.Pkg().Path(), "net/rpc/warden") {
		return nil, "", false
	}
	path := fn.Pkg().Path()
	idx := -1
	switch {
	case typesutil.IsMethod(fn, path, "Client", "Dial"), typesutil.IsMethod(fn, path, "Client", "DialTLS"):
		idx = 1
	case typesutil.IsFunc(fn, path, "NewConn"):
		idx = 0
	}
	if idx < 0 || len(call.Args) <= idx {
		return nil, "", false
	}
	return call.Args[idx], path, true
}

// isRegistration reports whether call may register the discovery
// resolver: the framework's warden resolver.Register or Set with a
// discovery builder or one it cannot identify, or grpc's
// resolver.Register outside the framework's own packages.
func (c *checker) isRegistration(fn *types.Func, call *ast.CallExpr) bool {
	if fn.Pkg() == nil || len(call.Args) != 1 {
		return false
	}
	path := fn.Pkg().Path()
	switch {
	case c.opts.FrameworkPackage(path, "net/rpc/warden/resolver") &&
		(typesutil.IsFunc(fn, path, "Register") || typesutil.IsFunc(fn, path, "Set")):
		return !c.isOtherBuilder(call.Args[0])
	case typesutil.IsFunc(fn, "google.golang.org/grpc/resolver", "Register"):
		here := c.pass.Pkg.Path()
		if _, framework := c.opts.FrameworkRel(here); framework {
			return false // the framework's own resolver.Register wraps it
		}
		if here == "google.golang.org/grpc" || strings.HasPrefix(here, "google.golang.org/grpc/") {
			return false // grpc's own resolvers: dns, passthrough, xds, manual
		}
		scheme, known := c.schemeOf(call.Args[0])
		return !known || scheme == "discovery"
	}
	return false
}

// schemeOf returns the scheme of a grpc resolver builder whose type is
// declared in this package with a Scheme method that returns a constant.
func (c *checker) schemeOf(e ast.Expr) (string, bool) {
	n := typesutil.NamedOf(c.pass.TypesInfo.TypeOf(e))
	if n == nil || n.Obj().Pkg() != c.pass.Pkg {
		return "", false
	}
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || fd.Name.Name != "Scheme" || fd.Body == nil || len(fd.Body.List) != 1 {
				continue // not a one-statement Scheme method
			}
			if recv := typesutil.NamedOf(c.pass.TypesInfo.TypeOf(fd.Recv.List[0].Type)); recv == nil || recv.Obj() != n.Obj() {
				continue // another type's
			}
			if ret, ok := fd.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
				return constString(c.pass.TypesInfo, ret.Results[0])
			}
		}
	}
	return "", false
}

// isOtherBuilder reports whether e is a naming builder known to serve
// another scheme than discovery: one made by a framework naming or
// resolver package other than naming/discovery (direct, etcd, zookeeper…).
func (c *checker) isOtherBuilder(e ast.Expr) bool {
	var pkg *types.Package
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if fn := typesutil.Callee(c.pass.TypesInfo, call); fn != nil {
			pkg = fn.Pkg()
		}
	}
	if pkg == nil {
		if n := typesutil.NamedOf(c.pass.TypesInfo.TypeOf(e)); n != nil && !types.IsInterface(n) {
			pkg = n.Obj().Pkg()
		}
	}
	if pkg == nil {
		return false // unknown: it may be discovery
	}
	rel, ok := c.opts.FrameworkRel(pkg.Path())
	if !ok || rel == "naming/discovery" {
		return false
	}
	return strings.HasPrefix(rel, "naming/") || strings.HasPrefix(rel, "net/rpc/warden/resolver/")
}

// checkTarget reports a fixed target and records a discovery dial.
func (c *checker) checkTarget(call *ast.CallExpr, target ast.Expr, warden string, info *funcInfo, where string) {
	pass := c.pass
	kind, text := c.classify(target)
	switch kind {
	case discoveryTarget:
		posn := pass.Fset.Position(target.Pos())
		info.sites = append(info.sites, site{target: target, dial: &Dial{
			Target: text, Func: where, File: filepath.Base(posn.Filename), Line: posn.Line, Warden: warden,
		}})
	case fixedTarget:
		if typesutil.InTestFile(pass.Fset, call.Pos()) {
			return // tests dial the servers they start
		}
		d := analysis.Diagnostic{
			Pos: target.Pos(), End: target.End(),
			Message: rule.Say(c.pass, msgFixedAddress.With(text)),
		}
		if fix, ok := c.appIDFix(call, target); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		if pass.Pkg.Name() == "main" {
			rule.ReportAt(pass, rule.Hint, d) // tools and examples point at one address on purpose
			return
		}
		pass.Report(d)
	}
}

// isAppID reports whether s looks like a discovery application ID such as
// "account.service" or "main.account.account-service".
func isAppID(s string) bool {
	if s == "" || strings.Contains(s, "://") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// summarise computes, to a fixed point, the discovery dial each function
// of the package reaches by static calls.
func (c *checker) summarise() {
	infos := make([]*funcInfo, 0, len(c.order)+1)
	for _, fn := range c.order {
		infos = append(infos, c.funcs[fn])
	}
	infos = append(infos, &c.init)
	for _, info := range infos {
		if len(info.sites) > 0 {
			info.dial, info.local = info.sites[0].dial, &info.sites[0]
		}
	}
	for changed := true; changed; {
		changed = false
		for _, info := range infos {
			if info.dial != nil {
				continue // already reaches a dial
			}
			for _, call := range info.callees {
				if d, local := c.dialOf(call.fn); d != nil {
					info.dial, info.local = d, local
					changed = true
					break
				}
			}
		}
	}
}

// dialOf returns the discovery dial fn reaches, and the site when it is
// in this package.
func (c *checker) dialOf(fn *types.Func) (*Dial, *site) {
	if info, ok := c.funcs[fn]; ok {
		return info.dial, info.local
	}
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return nil, nil
	}
	var f funcFact
	if c.pass.ImportObjectFact(fn, &f) {
		return f.Dial, nil
	}
	return nil, nil
}

// exportFacts exports the package's fact and those of its functions that
// reach a discovery dial.
func (c *checker) exportFacts() {
	for _, fn := range c.order {
		if d := c.funcs[fn].dial; d != nil {
			c.pass.ExportObjectFact(fn, &funcFact{Dial: d})
		}
	}
	c.pass.ExportPackageFact(c.program)
}

// programFact computes the package's fact from what it does and the
// facts of its imports.
func (c *checker) programFact() *pkgFact {
	pass := c.pass
	f := &pkgFact{Registers: c.registers, InitDial: c.init.dial}
	seen := make(map[*types.Package]bool)
	for _, imp := range pass.Pkg.Imports() {
		var g pkgFact
		if pass.ImportPackageFact(imp, &g) {
			f.Registers = f.Registers || g.Registers
			if f.InitDial == nil {
				f.InitDial = g.InitDial
			}
			continue // analysed: its fact says it all
		}
		if c.mayRegister(imp, seen) {
			f.Registers = true
		}
	}
	return f
}

// mayRegister reports whether a package that was not analysed, or one of
// the packages it imports, may register the discovery resolver. Without
// its code the rule goes by its imports, which export data lists in
// full: registering needs the framework's warden/resolver package or
// grpc's resolver package, so a package importing neither (directly)
// registers nothing itself. Standard library packages, those of the grpc
// module (dns, passthrough, xds) and of the open-source kratos modules
// (direct only) are known not to register it.
func (c *checker) mayRegister(pkg *types.Package, seen map[*types.Package]bool) bool {
	if seen[pkg] {
		return false
	}
	seen[pkg] = true
	path := pkg.Path()
	if typesutil.IsStd(path) || isOpenSourceKratos(path) || path == "google.golang.org/grpc" || strings.HasPrefix(path, "google.golang.org/grpc/") {
		return false
	}
	var f pkgFact
	if c.pass.ImportPackageFact(pkg, &f) {
		return f.Registers
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == "google.golang.org/grpc/resolver" || c.opts.FrameworkPackage(imp.Path(), "net/rpc/warden/resolver") {
			return true
		}
	}
	for _, imp := range pkg.Imports() {
		if c.mayRegister(imp, seen) {
			return true
		}
	}
	return false
}

// checkProgram reports a main package whose program dials discovery://
// through warden and never registers the discovery resolver.
func (c *checker) checkProgram() {
	if c.main == nil {
		return
	}
	f := c.program
	if f.Registers {
		return // a registration may exist
	}
	main := c.funcs[c.mainFn]
	d, local, atInit := main.dial, main.local, false
	if d == nil {
		d, local, atInit = f.InitDial, c.init.local, true
	}
	if d == nil {
		return // the program dials no discovery target
	}
	var msg rule.Text
	diag := analysis.Diagnostic{}
	if local != nil && local.dial == d {
		diag.Pos, diag.End = local.target.Pos(), local.target.End()
		m := msgNoResolver
		if atInit {
			m = msgNoResolverInit
		}
		msg = m.With(d.Target)
	} else {
		diag.Pos, diag.End = c.main.Pos(), c.main.Type.End()
		m := msgNoResolverAt
		if atInit {
			m = msgNoResolverInitAt
		}
		msg = m.With(d.Target, d.Func, d.File, d.Line)
	}
	diag.Message = rule.Say(c.pass, msg)
	if atInit {
		// main runs after package initialisation: registering there is too late.
	} else if fix, ok := c.registerFix(d.Warden); ok {
		diag.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(diag)
}

// registerFix inserts resolver.Register(discovery.Builder()) in main,
// after flag.Parse (the builder reads -discovery.nodes, -zone and other
// flags) or first when main does not parse flags.
func (c *checker) registerFix(warden string) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	prefix, ok := strings.CutSuffix(warden, "net/rpc/warden")
	if !ok || len(c.main.Body.List) == 0 {
		return none, false
	}
	pass := c.pass
	file := fixutil.FileOf(pass.Files, c.main.Pos())
	if file == nil {
		return none, false
	}
	// Insert a line before the first statement, or after flag.Parse().
	at := fixutil.LineStart(pass.Fset, c.main.Body.List[0].Pos())
	after := false
	for _, stmt := range c.main.Body.List {
		if isFlagParse(pass.TypesInfo, stmt) {
			at, after = fixutil.NextLineStart(pass.Fset, stmt.End()), true
			break
		}
	}
	dis, e1, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, at, prefix+"naming/discovery", "discovery")
	if !ok {
		return none, false
	}
	res, e2, ok := fixutil.AddImport(pass.Fset, pass.Pkg, file, at, prefix+"net/rpc/warden/resolver", "resolver")
	if !ok || !pureInsertions(e1) || !pureInsertions(e2) {
		return none, false // a name is taken, or both imports rewrite the same declaration
	}
	if len(e1) == 1 && len(e2) == 1 && e1[0].Pos == e2[0].Pos && strings.HasPrefix(string(e2[0].NewText), "\n\n") {
		e2[0].NewText = e2[0].NewText[1:] // both start a new group: one group
	}
	indent := fixutil.Indent(pass.Fset, c.main.Body.List[0].Pos())
	text := indent + res + ".Register(" + dis + ".Builder())\n"
	insert, ok := fixutil.GofmtEdits(pass, file, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)})
	if !ok {
		return none, false
	}
	edits := slices.Concat(e1, e2, insert)
	title := msgRegisterAfterParse
	if !after {
		title = msgRegisterFirst
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, title.With()), TextEdits: edits}, true
}

// pureInsertions reports whether every edit inserts text without
// replacing any.
func pureInsertions(edits []analysis.TextEdit) bool {
	for _, e := range edits {
		if e.Pos != e.End {
			return false
		}
	}
	return true
}

// isFlagParse reports whether stmt is a call of flag.Parse().
func isFlagParse(info *types.Info, stmt ast.Stmt) bool {
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	return ok && typesutil.IsFunc(typesutil.Callee(info, call), "flag", "Parse")
}

// isOpenSourceKratos reports whether path is a package of the open-source
// kratos v0.x modules, none of which registers the discovery resolver
// (warden registers only direct://).
func isOpenSourceKratos(path string) bool {
	return strings.HasPrefix(path, "github.com/go-kratos/kratos/pkg/") ||
		strings.HasPrefix(path, "github.com/bilibili/kratos/pkg/")
}
