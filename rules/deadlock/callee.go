package deadlock

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// handsToCallee reports whether ret returns the result of a method called
// on the owner of the lock at s, declared in this package, whose body
// releases the same mutex of its receiver before it takes it: the lock
// is handed over, and the callee gives it back (go-zero's
// `return lg.makeCall(key, fn)`, where makeCall stores the call and then
// unlocks lg.mu).
func (f *function) handsToCallee(ret *ast.ReturnStmt, s *site) bool {
	if s.lc.Root == nil {
		return false
	}
	path, ok := strings.CutPrefix(s.lc.Key, fmt.Sprintf("v%p", s.lc.Root))
	if !ok {
		return false
	}
	for _, r := range ret.Results {
		call, ok := ast.Unparen(r).(*ast.CallExpr)
		if !ok {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || typesutil.ObjectOf(f.info, sel.X) != s.lc.Root {
			continue // not a method called on the owner
		}
		fd := f.declOf(typesutil.Callee(f.info, call))
		if fd == nil || fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
			continue // another package's method, or a receiver without a name
		}
		recv, ok := f.info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
		if ok && f.releasesFirst(fd.Body, fmt.Sprintf("v%p", recv)+path) {
			return true
		}
	}
	return false
}

// declOf returns the declaration of fn in this package, or nil.
func (f *function) declOf(fn *types.Func) *ast.FuncDecl {
	if fn == nil || fn.Pkg() != f.pass.Pkg {
		return nil
	}
	file := f.fileOf(fn)
	if file == nil {
		return nil
	}
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && f.info.Defs[fd.Name] == fn {
			return fd
		}
	}
	return nil
}

// fileOf returns the file of this package that declares fn, or nil.
func (f *function) fileOf(fn *types.Func) *ast.File {
	for _, file := range f.pass.Files {
		if file.FileStart <= fn.Pos() && fn.Pos() < file.FileEnd {
			return file
		}
	}
	return nil
}

// releasesFirst reports whether the first operation on the mutex key in
// body, in source order and outside defer statements and function
// literals, releases it, in a statement of the body itself: the function
// gives the lock back on every path before it does anything else with it.
func (f *function) releasesFirst(body *ast.BlockStmt, key string) bool {
	if body == nil {
		return false
	}
	for _, stmt := range body.List {
		var first *syncflow.LockCall
		ast.Inspect(stmt, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.DeferStmt:
				return false // runs later, if at all
			case *ast.CallExpr:
				if lc, ok := syncflow.ClassifyLock(f.info, n); ok && lc.Key == key && first == nil {
					first = &lc
				}
			}
			return first == nil
		})
		if first == nil {
			continue // the statement leaves the mutex alone
		}
		es, ok := stmt.(*ast.ExprStmt)
		return ok && ast.Unparen(es.X) == first.Call && first.Op.IsRelease()
	}
	return false
}
