package goerrgroup

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// copies returns the statements that copy, before g.Go, the loop
// variables and parameters the new closure captures.
func (f *fixer) copies(fnCur inspector.Cursor, l launch, gs *ast.GoStmt, lit *ast.FuncLit) ([]string, bool) {
	info := f.info
	old := isOldLoopSemantics(f.pass, f.file)
	loopVars := map[types.Object]bool{}
	for _, loop := range l.loops {
		for _, v := range loopVarsOf(info, loop.Node()) {
			loopVars[v] = true
		}
		if loop == l.fan {
			break
		}
	}
	scope := f.pass.Pkg.Scope().Innermost(gs.Pos())
	if scope == nil {
		return nil, false
	}
	var out []string
	seen := map[string]bool{}
	declare := func(name, expr string) bool {
		if seen[name] {
			return true
		}
		if scope.Lookup(name) != nil {
			return false // declared in the go statement's block already
		}
		seen[name] = true
		out = append(out, name+" := "+expr)
		return true
	}
	fanBody := loopBody(l.fan.Node())
	if lit != nil {
		params := lit.Type.Params.List
		i := 0
		for _, field := range params {
			if _, ok := field.Type.(*ast.Ellipsis); ok {
				return nil, false // variadic: the arguments would need a slice
			}
			names := field.Names
			if len(names) == 0 {
				names = []*ast.Ident{nil}
			}
			for _, name := range names {
				if i >= len(gs.Call.Args) {
					return nil, false
				}
				arg := gs.Call.Args[i]
				i++
				if name == nil || name.Name == "_" {
					if !isSimpleExpr(arg) {
						return nil, false // an argument evaluated for its effect
					}
					continue
				}
				if id, ok := ast.Unparen(arg).(*ast.Ident); ok && id.Name == name.Name {
					obj := info.Uses[id]
					perIteration := obj != nil && (loopVars[obj] && !old ||
						!loopVars[obj] && fanBody != nil && obj.Pos() > fanBody.Pos() && obj.Pos() < fanBody.End())
					if perIteration && !assignedAfter(info, fnCur, obj, gs.End(), nil) {
						continue // the closure captures the same per-iteration variable
					}
					if !declare(name.Name, id.Name) {
						return nil, false
					}
					continue
				}
				if _, obj := scope.LookupParent(name.Name, gs.Pos()); obj != nil {
					return nil, false // the copy would shadow a visible name below it
				}
				if !declare(name.Name, f.text(arg)) {
					return nil, false
				}
			}
		}
		if i != len(gs.Call.Args) {
			return nil, false
		}
	}
	// Variables the closure now reads later than the go statement did.
	var captured []*ast.Ident
	var closure ast.Node = gs.Call // a call's function and arguments are now evaluated in the closure
	if lit != nil {
		closure = lit.Body // the arguments are evaluated by the copies above, as before
	}
	ast.Inspect(closure, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			captured = append(captured, id)
		}
		return true
	})
	for _, id := range captured {
		obj, ok := info.Uses[id].(*types.Var)
		if !ok || obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() {
			continue // not a local variable
		}
		inArgs := lit == nil || !inNode(id, lit)
		switch {
		case loopVars[obj] && old:
			// Before Go 1.22 the loop shares one variable: copy it.
		case inArgs && !loopVars[obj] && assignedAfter(info, fnCur, obj, gs.End(), l.fan.Node()):
			// Assigned after the go statement (or on a later iteration): copy it.
		default:
			continue
		}
		if !declare(obj.Name(), obj.Name()) {
			return nil, false
		}
	}
	return out, true
}

// loopBody returns the body of a for or range statement.
func loopBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	}
	return nil
}

// loopVarsOf returns the variables a for or range statement declares.
func loopVarsOf(info *types.Info, loop ast.Node) []types.Object {
	var out []types.Object
	addIdent := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok {
			if obj := info.Defs[id]; obj != nil {
				out = append(out, obj)
			}
		}
	}
	switch loop := loop.(type) {
	case *ast.RangeStmt:
		if loop.Tok == token.DEFINE {
			addIdent(loop.Key)
			addIdent(loop.Value)
		}
	case *ast.ForStmt:
		if as, ok := loop.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, l := range as.Lhs {
				addIdent(l)
			}
		}
	}
	return out
}

// assignedAfter reports whether obj is assigned (or has its address
// taken) in fnCur after pos, or anywhere inside loop (a later iteration).
func assignedAfter(info *types.Info, fnCur inspector.Cursor, obj types.Object, pos token.Pos, loop ast.Node) bool {
	found := false
	check := func(e ast.Expr, at token.Pos) {
		for {
			switch x := e.(type) {
			case *ast.SelectorExpr:
				e = x.X
				continue
			case *ast.IndexExpr:
				e = x.X
				continue
			case *ast.ParenExpr:
				e = x.X
				continue
			case *ast.StarExpr:
				e = x.X
				continue
			}
			break
		}
		id, ok := e.(*ast.Ident)
		if !ok || info.ObjectOf(id) != obj || info.Defs[id] == obj {
			return
		}
		if at > pos || loop != nil && at >= loop.Pos() && at < loop.End() {
			found = true
		}
	}
	ast.Inspect(fnCur.Node(), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				check(l, n.Pos())
			}
		case *ast.IncDecStmt:
			check(n.X, n.Pos())
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				check(n.X, n.Pos())
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				if n.Key != nil {
					check(n.Key, n.Pos())
				}
				if n.Value != nil {
					check(n.Value, n.Pos())
				}
			}
		}
		return !found
	})
	return found
}

// isOldLoopSemantics reports whether file is compiled with a Go version
// before 1.22, where a loop shares one variable across iterations. An
// unknown version counts as old: the copies are harmless after 1.22.
func isOldLoopSemantics(pass *analysis.Pass, file *ast.File) bool {
	v := pass.TypesInfo.FileVersions[file]
	if v == "" && pass.Module != nil {
		v = pass.Module.GoVersion
		if v != "" && !strings.HasPrefix(v, "go") {
			v = "go" + v
		}
	}
	if !version.IsValid(v) {
		return true
	}
	return version.Compare(v, "go1.22") < 0
}
