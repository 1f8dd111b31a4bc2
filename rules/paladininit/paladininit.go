package paladininit

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
	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the paladin-init rule.
var Rule = rule.Define(rule.Spec{
	ID:        "paladin-init",
	InTests:   rule.Information, // a test that fails to load its config fails anyway
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

// pkgFact marks a package as analysed: a function of it without a
// funcFact does not touch paladin. StartupInit says that it, or a package
// it imports, may initialise paladin during package initialisation.
type pkgFact struct {
	StartupInit bool
}

func (*pkgFact) AFact() {}

func (f *pkgFact) String() string {
	if f.StartupInit {
		return "analysed, inits at startup"
	}
	return "analysed"
}

// A funcFact says what calling a function does to paladin.
type funcFact struct {
	Use      *Use // a use of paladin it reaches before initialising it
	Init     bool // it may initialise paladin
	InitConf bool // an Init it may make reads -conf (has no driver argument)
	// Paladin is the import path of the paladin package it initialises.
	Paladin  string
	InitErr  bool // it returns paladin.Init's error
	Parse    bool // it may parse the command line
	Opaque   bool // it calls into packages not analysed that may touch paladin
	MayParse bool // it calls into packages not analysed that may parse flags
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	var parts []string
	if f.Use != nil {
		parts = append(parts, "uses "+f.Use.String())
	}
	for _, p := range []struct {
		ok   bool
		name string
	}{{f.Init, "init"}, {f.InitConf, "conf"}, {f.InitErr, "returns-init-error"}, {f.Parse, "parse"}, {f.Opaque, "opaque"}, {f.MayParse, "may-parse"}} {
		if p.ok {
			parts = append(parts, p.name)
		}
	}
	return strings.Join(parts, " ")
}

func (f *funcFact) isZero() bool {
	return f.Use == nil && !f.Init && !f.InitConf && !f.InitErr && !f.Parse && !f.Opaque && !f.MayParse
}

// A Use is a call of a paladin function that needs the client.
type Use struct {
	Call    string // "paladin.Get"
	Func    string // the function that makes it: "dao.New"
	File    string // base name of its file
	Line    int
	Paladin string // import path of the paladin package
}

func (u *Use) String() string {
	return fmt.Sprintf("%s in %s (%s:%d)", u.Call, u.Func, u.File, u.Line)
}

func run(pass *analysis.Pass, opts *rule.Options) error {
	if pass.TypesInfo == nil || len(pass.Files) == 0 {
		return nil // loaded from export data: nothing to analyse, no facts to give
	}
	c := &checker{pass: pass, opts: opts, funcs: make(map[*types.Func]*function), reached: make(map[*types.Package][2]bool),
		exits: syncflow.NewBuilder(pass.TypesInfo, pass.Files)}
	c.nr = c.exits.NoReturn() // one never-returns answer for the graphs and the fixes
	c.collect()
	quiet := c.quiet()
	if !quiet {
		c.summarise()
	}
	c.checkDroppedErrors()
	c.checkLostErrors()
	if len(pass.TypeErrors) > 0 {
		// Half-typed code (an editor buffer): an Init or a flag.Parse may
		// not be recognised. Give no facts, so that importers know
		// nothing, and make no claim about order.
		return nil
	}
	isMain := pass.Pkg.Name() == "main"
	if !isMain {
		c.exportFacts() // nothing imports a main package
	}
	for _, f := range c.order {
		if quiet {
			break // no Init, no flag.Parse, nothing that may do either: nothing to order
		}
		c.checkBeforeParse(f)
	}
	c.checkKratosConfig()
	if isMain {
		c.checkFlagSources()
	}
	if isMain && !fixutil.IsTestVariant(pass) && c.main != nil && !c.startupInit() {
		c.checkMain(c.main)
	}
	return nil
}

type checker struct {
	pass    *analysis.Pass
	opts    *rule.Options
	funcs   map[*types.Func]*function
	reached map[*types.Package][2]bool // see reach
	order   []*function                // declared functions, in source order, init funcs too
	main    *function
	exits   *syncflow.Builder // may a fix leave here (skips)
	nr      *noreturn.Checker // which calls never return
}

// A function is a declared function and its summary.
type function struct {
	decl *ast.FuncDecl
	obj  *types.Func
	g    *cfg.CFG // built when first searched: see graph
	sum  funcFact
	use  *event // the use in this package that sum.Use describes, if any
}

func (f *function) isInit() bool { return f.decl.Recv == nil && f.decl.Name.Name == "init" }

type eventKind int

const (
	useEvent      eventKind = iota // uses paladin's client
	initEvent                      // initialises paladin
	parseEvent                     // parses the command line
	opaqueEvent                    // may do anything: a call into an unanalysed package that can reach paladin
	mayParseEvent                  // may parse flags: a call into an unanalysed package that can reach flag
)

// An event is something a call (or an assignment to
// paladin.DefaultClient) does to paladin, in evaluation order.
type event struct {
	kind eventKind
	pos  token.Pos
	node ast.Node // the call or assignment
	call string   // what is called, for messages: "paladin.Get", "conf.Init"
	use  *Use     // for useEvent
	conf bool     // for initEvent: it reads -conf
	path string   // for initEvent: the paladin package's import path
	fn   *types.Func
}

// collect finds the package's function declarations and builds their
// control-flow graphs.
func (c *checker) collect() {
	pass := c.pass
	inspect := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range inspect.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		if decl.Body == nil {
			continue // declared without a body (assembly)
		}
		obj, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if obj == nil {
			continue // ill-typed declaration
		}
		f := &function{decl: decl, obj: obj}
		c.order = append(c.order, f)
		if !f.isInit() {
			c.funcs[obj] = f
		}
		if decl.Recv == nil && decl.Name.Name == "main" && pass.Pkg.Name() == "main" {
			c.main = f
		}
	}
}

// graph returns the control-flow graph of f's body, building it once.
func (c *checker) graph(f *function) *cfg.CFG {
	if f.g == nil {
		f.g = cfg.New(f.decl.Body, c.nr.MayReturn)
	}
	return f.g
}

// quiet reports whether nothing in the package does anything to paladin
// or to the flags it reads, as callEvents and eventsOf see it while every
// summary of the package is still empty: no call has an event (none of
// paladin, flag, a function whose fact says it does something, a package
// not analysed that may reach either) and paladin.DefaultClient is
// neither read nor assigned. Then summarise would end after one round
// with every summary empty (an empty summary gives a call no event, and
// a summary's InitErr comes with Init), and no function has an event
// for checkBeforeParse to order: both are skipped.
func (c *checker) quiet() bool {
	in := c.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil), (*ast.SelectorExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			if len(c.callEvents(n)) > 0 {
				return false
			}
		case *ast.SelectorExpr:
			if c.isDefaultClient(n) {
				return false
			}
		}
	}
	return true
}

// eventsOf returns what node does to paladin, in evaluation order. It
// does not look into function literals, go or defer statements: their
// code does not run here.
func (c *checker) eventsOf(node ast.Node) []event {
	var events []event
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if c.isDefaultClient(lhs) {
					events = append(events, event{kind: initEvent, pos: n.End(), node: n, call: "paladin.DefaultClient ="})
				}
			}
		case *ast.SelectorExpr:
			if c.isDefaultClient(n) && !c.isAssigned(node, n) {
				events = append(events, event{kind: useEvent, pos: n.End(), node: n, call: "paladin.DefaultClient",
					use: c.useAt(n, "paladin.DefaultClient")})
			}
		case *ast.CallExpr:
			events = append(events, c.callEvents(n)...)
		}
		return true
	})
	slices.SortStableFunc(events, func(a, b event) int { return int(a.pos) - int(b.pos) })
	return events
}

// callEvents returns what a call does to paladin.
func (c *checker) callEvents(call *ast.CallExpr) []event {
	fn := typesutil.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil // a dynamic call, conversion or builtin: not followed
	}
	fn = fn.Origin()
	end := call.End()
	name := typesutil.QualifiedName(fn)
	ev := func(k eventKind) event { return event{kind: k, pos: end, node: call, call: name, fn: fn} }
	if fn.Pkg() == nil {
		return nil
	}
	path := fn.Pkg().Path()
	if c.opts.FrameworkPackage(path, "conf/paladin") {
		if fn.Signature().Recv() != nil {
			return nil // methods of values (Value, Map, TOML) need no client
		}
		switch fn.Name() {
		case "Init":
			e := ev(initEvent)
			e.conf, e.path = len(call.Args) == 0, path
			return []event{e}
		case "Get", "GetAll", "Keys", "Watch", "WatchEvent", "Close":
			e := ev(useEvent)
			e.use = c.useAt(call, name)
			return []event{e}
		}
		return nil
	}
	if isParse(c.pass.TypesInfo, fn, call) {
		return []event{ev(parseEvent)}
	}
	sum, ok := c.summaryOf(fn)
	if !ok {
		// Not analysed: what its package can reach says what it may do.
		switch paladin, flag := c.reach(fn.Pkg()); {
		case paladin:
			return []event{ev(opaqueEvent)}
		case flag:
			return []event{ev(mayParseEvent)}
		}
		return nil
	}
	var events []event
	if sum.Use != nil {
		e := ev(useEvent)
		e.use = sum.Use
		events = append(events, e)
	}
	if sum.Opaque {
		events = append(events, ev(opaqueEvent))
	}
	if sum.MayParse {
		events = append(events, ev(mayParseEvent))
	}
	if sum.Parse {
		events = append(events, ev(parseEvent))
	}
	if sum.Init {
		e := ev(initEvent)
		e.conf, e.path = sum.InitConf, sum.Paladin
		events = append(events, e)
	}
	return events
}

// summaryOf returns what calling fn does, and false if that is unknown.
func (c *checker) summaryOf(fn *types.Func) (funcFact, bool) {
	if f, ok := c.funcs[fn]; ok {
		return f.sum, true
	}
	pkg := fn.Pkg()
	if pkg == c.pass.Pkg {
		return funcFact{}, true // a method of an interface or a field: not followed
	}
	var f funcFact
	if c.pass.ImportObjectFact(fn, &f) {
		return f, true
	}
	if c.pass.ImportPackageFact(pkg, new(pkgFact)) || typesutil.IsStd(pkg.Path()) {
		return funcFact{}, true
	}
	if rel, ok := c.opts.FrameworkRel(pkg.Path()); ok && !strings.HasPrefix(rel, "conf/paladin") {
		return funcFact{}, true // framework packages other than paladin's do not touch it
	}
	return funcFact{}, false
}

// isParse reports whether a call of fn parses the command line into the
// flags paladin reads: flag.Parse, flag.CommandLine.Parse, or
// flag.Set("conf", …).
func isParse(info *types.Info, fn *types.Func, call *ast.CallExpr) bool {
	switch {
	case typesutil.IsFunc(fn, "flag", "Parse"), typesutil.IsFunc(fn, "flag", "Set"):
		return true
	case typesutil.IsMethod(fn, "flag", "FlagSet", "Parse"), typesutil.IsMethod(fn, "flag", "FlagSet", "Set"):
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		v, ok := typesutil.ObjectOf(info, sel.X).(*types.Var)
		if !ok {
			if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
				v, _ = info.Uses[inner.Sel].(*types.Var)
			}
		}
		return v != nil && v.Pkg() != nil && v.Pkg().Path() == "flag" && v.Name() == "CommandLine"
	}
	return false
}

// isDefaultClient reports whether e denotes paladin.DefaultClient.
func (c *checker) isDefaultClient(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	return ok && v.Name() == "DefaultClient" && v.Pkg() != nil && c.opts.FrameworkPackage(v.Pkg().Path(), "conf/paladin")
}

// isAssigned reports whether sel is a left-hand side of an assignment
// within node.
func (c *checker) isAssigned(node ast.Node, sel *ast.SelectorExpr) bool {
	found := false
	ast.Inspect(node, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && slices.Contains(as.Lhs, ast.Expr(sel)) {
			found = true
		}
		return !found
	})
	return found
}

// useAt describes a use of paladin at n.
func (c *checker) useAt(n ast.Node, call string) *Use {
	posn := c.pass.Fset.Position(n.Pos())
	u := &Use{Call: call, File: filepath.Base(posn.Filename), Line: posn.Line}
	if fn := c.enclosingFunc(n.Pos()); fn != nil {
		u.Func = typesutil.QualifiedName(fn.obj)
	}
	switch n := n.(type) {
	case *ast.SelectorExpr:
		if v, ok := c.pass.TypesInfo.Uses[n.Sel].(*types.Var); ok && v.Pkg() != nil {
			u.Paladin = v.Pkg().Path()
		}
	case *ast.CallExpr:
		if fn := typesutil.Callee(c.pass.TypesInfo, n); fn != nil && fn.Pkg() != nil {
			u.Paladin = fn.Pkg().Path()
		}
	}
	return u
}

// enclosingFunc returns the declared function containing pos.
func (c *checker) enclosingFunc(pos token.Pos) *function {
	for _, f := range c.order {
		if f.decl.Pos() <= pos && pos < f.decl.End() {
			return f
		}
	}
	return nil
}

// summarise computes the summaries of the package's functions to a fixed
// point: each round recomputes every summary from the current summaries
// of its callees; summaries only grow.
func (c *checker) summarise() {
	for round := 0; round <= len(c.order)+1; round++ {
		changed := false
		for _, f := range c.order {
			sum, use := c.summary(f)
			if sum != f.sum || use != f.use {
				f.sum, f.use = sum, use
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// summary computes what calling f does.
func (c *checker) summary(f *function) (funcFact, *event) {
	var sum funcFact
	// May-facts from every call in the body, function literals included:
	// they make the rule more careful, never less.
	ast.Inspect(f.decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			for _, e := range c.callEvents(call) {
				switch e.kind {
				case initEvent:
					sum.Init = true
					sum.InitConf = sum.InitConf || e.conf
					if sum.Paladin == "" {
						sum.Paladin = e.path
					}
				case parseEvent:
					sum.Parse = true
				case opaqueEvent:
					sum.Opaque = true
				case mayParseEvent:
					sum.MayParse = true
				}
			}
		}
		if as, ok := n.(*ast.AssignStmt); ok && slices.ContainsFunc(as.Lhs, c.isDefaultClient) {
			sum.Init = true
		}
		return true
	})
	sum.InitErr = c.returnsInitErr(f)
	var use *event
	if uses := c.uninitialised(f); len(uses) > 0 {
		use = &uses[0]
		u := *use.use
		sum.Use = &u
		// Keep the description stable across rounds: the first use found.
		if f.use != nil {
			use, sum.Use = f.use, f.sum.Use
		}
	}
	return sum, use
}

// uninitialised returns the uses of paladin that some path from f's entry
// reaches before any call that may initialise paladin (or may do
// anything), sorted by position.
func (c *checker) uninitialised(f *function) []event {
	return c.search(c.graph(f), func(e event) (found, barrier bool) {
		switch e.kind {
		case useEvent:
			return true, false
		case initEvent, opaqueEvent:
			return false, true
		}
		return false, false
	})
}

// search walks g from its entry and returns the events that visit
// reports found, on paths that reach them without passing an event it
// reports as a barrier; sorted by position, without duplicates.
func (c *checker) search(g *cfg.CFG, visit func(event) (found, barrier bool)) []event {
	if g == nil || len(g.Blocks) == 0 {
		return nil
	}
	var found []event
	seen := make(map[*cfg.Block]bool)
	queue := []*cfg.Block{g.Blocks[0]}
	seen[g.Blocks[0]] = true
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		blocked := false
	nodes:
		for _, n := range b.Nodes {
			for _, e := range c.eventsOf(n) {
				ok, barrier := visit(e)
				if ok && !slices.ContainsFunc(found, func(f event) bool { return f.node == e.node }) {
					found = append(found, e)
				}
				if barrier {
					blocked = true
					break nodes
				}
			}
		}
		if blocked {
			continue // the rest of this path is past a barrier
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	slices.SortFunc(found, func(a, b event) int { return int(a.pos) - int(b.pos) })
	return found
}

// returnsInitErr reports whether f returns the error of a paladin.Init
// call (or of a function that returns it): `return paladin.Init()`, or
// the call's error assigned to a variable that f returns as its error.
func (c *checker) returnsInitErr(f *function) bool {
	if !typesutil.ReturnsError(f.obj.Signature().Results()) {
		return false
	}
	info := c.pass.TypesInfo
	results := f.obj.Signature().Results()
	named := results.At(results.Len() - 1)
	var vars []types.Object // variables that receive Init's error
	direct := false
	ast.Inspect(f.decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) > 0 {
				if call, ok := ast.Unparen(n.Results[len(n.Results)-1]).(*ast.CallExpr); ok && c.isInitCall(call) {
					direct = true
				}
			}
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 || len(n.Lhs) != 1 {
				return true
			}
			if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok && c.isInitCall(call) {
				if obj := typesutil.ObjectOf(info, n.Lhs[0]); obj != nil {
					vars = append(vars, obj)
				}
			}
		}
		return true
	})
	if direct {
		return true
	}
	for _, v := range vars {
		if v == named && named.Name() != "" {
			return true
		}
	}
	returned := false
	ast.Inspect(f.decl.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) > 0 {
			if slices.Contains(vars, typesutil.ObjectOf(info, r.Results[len(r.Results)-1])) {
				returned = true
			}
		}
		return !returned
	})
	return returned
}

// exportFacts exports the package marker and the summaries of functions
// that touch paladin.
func (c *checker) exportFacts() {
	for _, f := range c.order {
		if f.isInit() || f.sum.isZero() || isTestFunc(c.pass, f.decl) {
			continue // nothing to say, or called by no package
		}
		sum := f.sum
		c.pass.ExportObjectFact(f.obj, &sum)
	}
	c.pass.ExportPackageFact(&pkgFact{StartupInit: c.startupInit()})
}

// startupInit reports whether paladin may be initialised before main
// runs: by an init function or variable initialiser of the package or of
// a package it imports.
func (c *checker) startupInit() bool {
	for _, f := range c.order {
		if f.isInit() && (f.sum.Init || f.sum.Opaque) {
			return true
		}
	}
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, e := range c.eventsOf(g) {
					if e.kind == initEvent || e.kind == opaqueEvent {
						return true
					}
				}
			}
		}
	}
	for _, imp := range c.pass.Pkg.Imports() {
		var f pkgFact
		if c.pass.ImportPackageFact(imp, &f) {
			if f.StartupInit {
				return true
			}
			continue // analysed: its fact says it all
		}
		if _, ok := c.opts.FrameworkRel(imp.Path()); ok || typesutil.IsStd(imp.Path()) {
			continue // their init functions do not initialise paladin
		}
		if paladin, _ := c.reach(imp); paladin {
			return true // not analysed, and it can reach paladin
		}
	}
	return false
}

// reach reports whether pkg, a package that was not analysed, or a
// package it imports can reach a framework paladin package, and the flag
// package. Export data lists a package's imports in full, so a package
// that reaches neither can neither touch paladin nor parse flags.
func (c *checker) reach(pkg *types.Package) (paladin, flag bool) {
	if pkg == nil {
		return true, true // unknown: anything
	}
	if r, ok := c.reached[pkg]; ok {
		return r[0], r[1]
	}
	c.reached[pkg] = [2]bool{} // cycles: no more than what the walk finds
	path := pkg.Path()
	paladin = c.opts.FrameworkPackage(path, "conf/paladin")
	flag = path == "flag"
	for _, imp := range pkg.Imports() {
		p, f := c.reach(imp)
		paladin, flag = paladin || p, flag || f
	}
	c.reached[pkg] = [2]bool{paladin, flag}
	return paladin, flag
}
