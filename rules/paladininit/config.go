package paladininit

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// This file checks the configuration of Kratos v2/v3, paladin's
// successor. It is a value, not a package-level client:
// config.New(config.WithSource(file.NewSource(flagconf))) makes it, Load
// reads the sources, and Scan, Value and Watch read what Load read. So
// order is checked on one value, from the statement that makes it:
//
//   - Scan, Value or Watch on a path from `c := config.New(…)` that
//     reaches it before c.Load(): Scan returns nil and leaves its target
//     empty, Value and Watch report "key not found";
//   - the same after a Load whose error is dropped (`c.Load()` alone,
//     `_ = c.Load()`): when Load fails, Scan returns nil all the same;
//   - file.NewSource(flagconf), with flagconf a flag variable, that can
//     run before flag.Parse in main (or runs in init): the path is the
//     flag's default, whatever -conf says.
//
// A Load whose error the code takes (`if err := c.Load(); …`, `err :=
// c.Load()`, `return c.Load()`) ends the walk, as does any other use of
// c (handed to a function, which may load it) or an assignment to it.
// Function literals are not followed. When c is never loaded in the
// function that makes it and that function is main or returns an error,
// the fix loads it, checked, right after config.New.

// A configUse is a read of a configuration value reported.
type configUse struct {
	call    *ast.CallExpr // c.Scan(&bc), c.Value(k), c.Watch(k, o)
	method  string
	dropped bool // after a Load whose error is dropped (else before any Load)
	made    ast.Stmt
	v       *types.Var
	fn      *function
	loads   bool // the function loads c somewhere
}

// checkKratosConfig reports reads of Kratos v2/v3 configuration values
// before a checked Load. A value's reads are in the function that makes
// it: only the focus's functions are looked at.
func (c *checker) checkKratosConfig() {
	found := make(map[*ast.CallExpr]*configUse)
	focus := rule.FocusOf(c.pass)
	for _, f := range c.order {
		if !focus.Has(f.decl.Pos()) {
			continue // its findings would not be shown
		}
		for _, made := range c.configsMade(f) {
			c.walkConfig(f, made, found)
		}
	}
	list := make([]*configUse, 0, len(found))
	for _, u := range found {
		list = append(list, u)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].call.Pos() < list[j].call.Pos() })
	for _, u := range list {
		c.reportConfigUse(u)
	}
}

// configMade is a statement that assigns config.New(…) to a local
// variable.
type configMade struct {
	stmt ast.Stmt
	v    *types.Var
}

// configsMade returns the statements of f that make a configuration
// value: c := config.New(…), c = config.New(…), var c = config.New(…).
func (c *checker) configsMade(f *function) []configMade {
	info := c.pass.TypesInfo
	var out []configMade
	ast.Inspect(f.decl.Body, func(n ast.Node) bool {
		var lhs *ast.Ident
		var rhs ast.Expr
		var stmt ast.Stmt
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // runs when called
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
				lhs, _ = n.Lhs[0].(*ast.Ident)
				rhs, stmt = n.Rhs[0], n
			}
		case *ast.DeclStmt:
			if g, ok := n.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR && len(g.Specs) == 1 {
				if vs := g.Specs[0].(*ast.ValueSpec); len(vs.Names) == 1 && len(vs.Values) == 1 {
					lhs, rhs, stmt = vs.Names[0], vs.Values[0], n
				}
			}
		}
		if lhs == nil {
			return true
		}
		call, ok := ast.Unparen(rhs).(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := typesutil.Callee(info, call)
		if fn == nil || fn.Name() != "New" || fn.Pkg() == nil || !c.opts.KratosV2Package(fn.Pkg().Path(), "config") {
			return true // not config.New
		}
		if v := typesutil.LocalVar(info, lhs); v != nil {
			out = append(out, configMade{stmt: stmt, v: v})
		}
		return true
	})
	return out
}

// loadState is what a path says about the configuration value.
type loadState uint8

const (
	notLoaded     loadState = iota // no Load yet
	droppedLoaded                  // Load called, its error dropped
)

// walkConfig follows the control flow from the statement that makes a
// configuration value and records its reads before a checked Load.
func (c *checker) walkConfig(f *function, made configMade, found map[*ast.CallExpr]*configUse) {
	g := c.exits.Graph(f.decl)
	if g == nil {
		return
	}
	start, ok := g.Loc(made.stmt)
	if !ok {
		return // dead code, or not a node of the graph
	}
	loads := c.loadsIn(f.decl.Body, made.v)
	type item struct {
		b  *cfg.Block
		i  int
		st loadState
	}
	type key struct {
		b  int32
		st loadState
	}
	seen := make(map[key]bool)
	stack := []item{{start.Block, start.Index + 1, notLoaded}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.i == 0 {
			if seen[key{it.b.Index, it.st}] {
				continue // visited in the same state
			}
			seen[key{it.b.Index, it.st}] = true
		}
		st, goOn := it.st, true
		for i := it.i; i < len(it.b.Nodes) && goOn; i++ {
			st, goOn = c.configStep(it.b.Nodes[i], made, st, func(call *ast.CallExpr, method string, dropped bool) {
				if _, ok := found[call]; !ok {
					found[call] = &configUse{call: call, method: method, dropped: dropped, made: made.stmt, v: made.v, fn: f, loads: loads}
				}
			})
		}
		if goOn {
			for _, s := range it.b.Succs {
				stack = append(stack, item{s, 0, st})
			}
		}
	}
}

// configStep reports the reads of the value in node n and returns the
// state after n, and whether the walk goes on.
func (c *checker) configStep(n ast.Node, made configMade, st loadState, report func(*ast.CallExpr, string, bool)) (loadState, bool) {
	info := c.pass.TypesInfo
	goOn := true
	ast.Inspect(n, func(x ast.Node) bool {
		if !goOn {
			return false
		}
		switch x := x.(type) {
		case *ast.FuncLit:
			return false // runs when called
		case *ast.Ident:
			if info.Uses[x] != made.v {
				return true
			}
			cur, ok := c.cursorOf(x)
			if !ok {
				goOn = false
				return false
			}
			call, method := configCall(cur)
			switch method {
			case "Scan", "Value", "Watch":
				report(call, method, st == droppedLoaded)
			case "Close":
				// closing reads nothing
			case "Load":
				if dropsResult(cur.Parent().Parent()) {
					st = droppedLoaded
				} else {
					goOn = false // the code takes Load's error
				}
			default:
				goOn = false // handed on, or assigned: not followed
			}
		}
		return true
	})
	return st, goOn
}

// cursorOf returns the cursor of a node of the package.
func (c *checker) cursorOf(n ast.Node) (inspector.Cursor, bool) {
	in := c.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	return in.Root().FindNode(n)
}

// configCall returns the call of a method of the configuration value
// whose identifier is at cur (c in c.Scan(&bc)), and the method's name;
// "" when the identifier is used otherwise.
func configCall(cur inspector.Cursor) (*ast.CallExpr, string) {
	if cur.ParentEdgeKind() != edge.SelectorExpr_X {
		return nil, ""
	}
	sel := cur.Parent().Node().(*ast.SelectorExpr)
	if cur.Parent().ParentEdgeKind() != edge.CallExpr_Fun {
		return nil, "" // a method value
	}
	return cur.Parent().Parent().Node().(*ast.CallExpr), sel.Sel.Name
}

// dropsResult reports whether the call at cur is a statement of its own
// or assigned to _ only: its error is dropped.
func dropsResult(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		return true
	case *ast.AssignStmt:
		id, ok := p.Lhs[0].(*ast.Ident)
		return len(p.Lhs) == 1 && ok && id.Name == "_"
	}
	return false
}

// loadsIn reports whether body calls v.Load anywhere.
func (c *checker) loadsIn(body ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Load" && typesutil.ObjectOf(c.pass.TypesInfo, sel.X) == v {
			found = true
		}
		return !found
	})
	return found
}

// reportConfigUse reports a read of a configuration value.
func (c *checker) reportConfigUse(u *configUse) {
	pass := c.pass
	name := u.v.Name()
	what := msgConfigKeyNotFound.With()
	if u.method == "Scan" {
		what = msgConfigScanEmpty.With()
	}
	d := analysis.Diagnostic{Pos: u.call.Pos(), End: u.call.End()}
	if u.dropped {
		d.Message = rule.Say(pass, msgConfigDroppedLoad.With(name, u.method, name, what))
	} else {
		d.Message = rule.Say(pass, msgConfigBeforeLoad.With(name, u.method, name, what))
		if fix, ok := c.loadFix(u); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	pass.Report(d)
}

// loadFix loads the value, checked, right after the statement that
// makes it, when the function never loads it and is main or returns an
// error.
func (c *checker) loadFix(u *configUse) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	if u.loads {
		return none, false // it loads it later: the order is the author's to fix
	}
	file := fixutil.FileOf(pass.Files, u.made.Pos())
	if file == nil || !fixutil.OwnsLines(pass, file, u.made) {
		return none, false
	}
	cur, ok := c.cursorOf(u.made)
	if !ok || cur.ParentEdgeKind() != edge.BlockStmt_List {
		return none, false // not a statement of a block
	}
	results, ok := typesutil.ResultsOf(pass.TypesInfo, u.fn.decl)
	if !ok {
		return none, false
	}
	var leave string
	switch {
	case u.fn == c.main:
		leave = "panic(err)"
	case typesutil.ReturnsError(results):
		vals, ok := typesutil.NewQualifier(file, pass.Pkg).FailureReturn(pass.TypesInfo, u.fn.decl, results, "err")
		if !ok {
			return none, false
		}
		leave = "return " + strings.Join(vals, ", ")
	default:
		return none, false // no way to fail here
	}
	// After the statement, and after a `defer c.Close()` right below it.
	after := u.made
	list := cur.Parent().Node().(*ast.BlockStmt).List
	i := slices.Index(list, after)
	if i < 0 {
		return none, false
	}
	if i+1 < len(list) && c.closes(list[i+1], u.v) {
		after = list[i+1]
	}
	for _, stmt := range list[i+1:] {
		if c.parses(stmt) {
			return none, false // flags are parsed below: Load belongs after them
		}
	}
	if c.skips(u.fn.decl, after) {
		return none, false // leaving would skip a cleanup below
	}
	indent := fixutil.Indent(pass.Fset, u.made.Pos())
	at := fixutil.NextLineStart(pass.Fset, after.End())
	name := u.v.Name()
	text := indent + "if err := " + name + ".Load(); err != nil {\n" + indent + "\t" + leave + "\n" + indent + "}\n"
	edits, ok := fixutil.GofmtEdits(pass, file, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(pass, msgFixConfigLoad.With(name)), TextEdits: edits}, true
}

// closes reports whether stmt is `defer v.Close()`.
func (c *checker) closes(stmt ast.Stmt, v *types.Var) bool {
	d, ok := stmt.(*ast.DeferStmt)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(d.Call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Close" && typesutil.ObjectOf(c.pass.TypesInfo, sel.X) == v
}

// checkFlagSources reports file.NewSource(flagVar) that can run before
// flag.Parse: in main before it, or in an init function.
func (c *checker) checkFlagSources() {
	flags := c.flagVars()
	if len(flags) == 0 {
		return
	}
	for _, f := range c.order {
		if f != c.main && !f.isInit() {
			continue // only main and init run before and around flag.Parse for certain
		}
		g := c.exits.Graph(f.decl)
		if g == nil {
			continue
		}
		ast.Inspect(f.decl.Body, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || !c.isNewSource(call) || len(call.Args) != 1 {
				return true
			}
			v := flagVarOf(c.pass.TypesInfo, call.Args[0], flags)
			if v == nil {
				return true // not a flag's variable
			}
			if !f.isInit() {
				_, loc, ok := g.Enclosing(call)
				if !ok || !g.ReachesFromBlock(g.Entry(), loc, c.parses) {
					return true // flag.Parse runs first on every path
				}
			}
			c.pass.Report(analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(),
				Message: rule.Say(c.pass, msgConfigSourceBeforeParse.With(types.ExprString(call.Args[0]), v.Name())),
			})
			return true
		})
	}
}

// parses reports whether node n parses the command line.
func (c *checker) parses(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if _, ok := x.(*ast.FuncLit); ok {
			return false
		}
		if call, ok := x.(*ast.CallExpr); ok {
			if fn := typesutil.Callee(c.pass.TypesInfo, call); fn != nil && isParse(c.pass.TypesInfo, fn, call) {
				found = true
			}
		}
		return !found
	})
	return found
}

// isNewSource reports whether call is config/file.NewSource of Kratos
// v2/v3.
func (c *checker) isNewSource(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.pass.TypesInfo, call)
	return fn != nil && fn.Name() == "NewSource" && fn.Pkg() != nil && c.opts.KratosV2Package(fn.Pkg().Path(), "config/file")
}

// flagVars returns the package-level variables that flag sets: the first
// argument of flag.StringVar(&v, …) (or of a FlagSet's), and v in
// `var v = flag.String(…)`, by variable.
func (c *checker) flagVars() map[*types.Var]bool {
	info := c.pass.TypesInfo
	out := make(map[*types.Var]bool)
	pkgVar := func(e ast.Expr) *types.Var {
		v, ok := typesutil.ObjectOf(info, e).(*types.Var)
		if !ok || v.Parent() != c.pass.Pkg.Scope() {
			return nil
		}
		return v
	}
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				fn := typesutil.Callee(info, n)
				if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "flag" || !strings.HasSuffix(fn.Name(), "Var") || len(n.Args) == 0 {
					return true
				}
				if u, ok := ast.Unparen(n.Args[0]).(*ast.UnaryExpr); ok && u.Op == token.AND {
					if v := pkgVar(u.X); v != nil {
						out[v] = true
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if i >= len(n.Values) {
						break
					}
					call, ok := ast.Unparen(n.Values[i]).(*ast.CallExpr)
					if !ok {
						continue
					}
					if fn := typesutil.Callee(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "flag" && fn.Signature().Recv() == nil &&
						slices.Contains([]string{"String", "Bool", "Int", "Duration"}, fn.Name()) {
						if v := pkgVar(name); v != nil {
							out[v] = true
						}
					}
				}
			}
			return true
		})
	}
	return out
}

// flagVarOf returns the flag variable e reads: flagconf, or *conf for a
// pointer flag.String returned.
func flagVarOf(info *types.Info, e ast.Expr, flags map[*types.Var]bool) *types.Var {
	e = ast.Unparen(e)
	if star, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(star.X)
	}
	v, ok := typesutil.ObjectOf(info, e).(*types.Var)
	if !ok || !flags[v] {
		return nil
	}
	return v
}
