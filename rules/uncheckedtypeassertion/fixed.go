package uncheckedtypeassertion

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/inspector"
)

// hasFixedDynamicType reports whether x is a value whose dynamic type the
// program fixes by construction, in one place: a value taken from a
// sync.Pool (its New makes it), an atomic.Value (which panics itself on a
// Store of another type) or a container/heap, or the argument of a
// heap.Interface Push method. Values of a sync.Map, a container/list or
// a cache are not: any code may store any type there, and a wrong one is
// the pitfall.
func hasFixedDynamicType(info *types.Info, cur inspector.Cursor, x ast.Expr) bool {
	x = ast.Unparen(x)
	switch x := x.(type) {
	case *ast.CallExpr:
		return isContainerGet(info, x)
	case *ast.Ident:
		v, ok := info.ObjectOf(x).(*types.Var)
		if !ok {
			return false
		}
		return isPushParam(info, cur, v) || isAssignedFromContainer(info, cur, v)
	}
	return false
}

// isSameTypeClone reports whether the assertion is proto.Clone(m).(T)
// (any protobuf runtime's Clone) where m's static type is T: Clone
// returns a message of its argument's dynamic type.
func isSameTypeClone(info *types.Info, assert *ast.TypeAssertExpr) bool {
	call, ok := ast.Unparen(assert.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	fn := typesutil.Callee(info, call)
	if fn == nil || fn.Name() != "Clone" || fn.Pkg() == nil || !strings.HasSuffix(fn.Pkg().Path(), "/proto") {
		return false
	}
	at, tt := info.TypeOf(call.Args[0]), info.TypeOf(assert.Type)
	return at != nil && tt != nil && types.Identical(at, tt)
}

// isContainerGet reports whether call takes a value out of a container
// whose element type the program fixes.
func isContainerGet(info *types.Info, call *ast.CallExpr) bool {
	fn := typesutil.Callee(info, call)
	switch {
	case typesutil.IsMethod(fn, "sync", "Pool", "Get"),
		typesutil.IsMethod(fn, "sync/atomic", "Value", "Load"),
		typesutil.IsMethod(fn, "sync/atomic", "Value", "Swap"),
		typesutil.IsFunc(fn, "container/heap", "Pop"),
		typesutil.IsFunc(fn, "container/heap", "Remove"):
		return true
	}
	// h.Pop() on a heap.Interface implementation's own Pop.
	if fn != nil && fn.Name() == "Pop" && fn.Signature().Recv() != nil && implementsHeap(fn.Signature().Recv().Type()) {
		return true
	}
	return false
}

// implementsHeap reports whether t (or *t) has the methods of heap.Interface.
func implementsHeap(t types.Type) bool {
	ms := types.NewMethodSet(t)
	if _, ok := t.(*types.Pointer); !ok {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for _, name := range []string{"Len", "Less", "Swap", "Push", "Pop"} {
		if ms.Lookup(nil, name) == nil {
			// Lookup needs the package for unexported names; these are exported.
			return false
		}
	}
	return true
}

// isPushParam reports whether v is the parameter of a heap.Interface
// Push(x any) method enclosing cur.
func isPushParam(info *types.Info, cur inspector.Cursor, v *types.Var) bool {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd := c.Node().(*ast.FuncDecl)
		if fd.Recv == nil || fd.Name.Name != "Push" {
			return false
		}
		fn, ok := info.Defs[fd.Name].(*types.Func)
		if !ok {
			return false
		}
		sig := fn.Signature()
		return sig.Params().Len() == 1 && sig.Params().At(0) == v && implementsHeap(sig.Recv().Type())
	}
	return false
}

// isAssignedFromContainer reports whether v is a local variable defined
// by a container read (isContainerGet), and never assigned again.
func isAssignedFromContainer(info *types.Info, cur inspector.Cursor, v *types.Var) bool {
	fnCur, ok := typesutil.EnclosingFunc(cur)
	if !ok {
		return false
	}
	var defs []ast.Expr // right-hand sides that assign v
	assigned := 0
	for c := range fnCur.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.IncDecStmt)(nil), (*ast.UnaryExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if typesutil.ObjectOf(info, lhs) != v {
					continue
				}
				assigned++
				if len(n.Rhs) == 1 && i == 0 {
					defs = append(defs, n.Rhs[0])
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] == v && len(n.Values) == 1 && i == 0 {
					assigned++
					defs = append(defs, n.Values[0])
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && typesutil.ObjectOf(info, n.X) == v {
				return false // its address escapes
			}
		}
	}
	if assigned != 1 || len(defs) != 1 {
		return false
	}
	call, ok := ast.Unparen(defs[0]).(*ast.CallExpr)
	if !ok {
		return false
	}
	return isContainerGet(info, call)
}
