package uncheckedtypeassertion

import (
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// Wrappers and optional interfaces. A type that wraps a value of an
// interface it implements itself (a response writer wrapping
// http.ResponseWriter, a conn wrapping net.Conn) is handed to code that
// checks for optional interfaces (http.Hijacker, http.Flusher) on the
// wrapper, not on what it wraps. When the wrapper asserts the wrapped
// value to such an interface, it panics for every wrapped value without
// it: the wrapper claims the capability, the value it wraps may lack it.
// gin's responseWriter.Hijack behind http.TimeoutHandler is this bug.
//
// A handler that asserts the writer net/http handed it to http.Flusher
// or http.CloseNotifier only panics when someone wraps it with a writer
// that drops them: every writer of net/http's servers has both. That is
// a misuse of the handler, and the finding informs.

// isWrapperDelegation reports whether assert, in method fd, asserts a
// field of the receiver whose interface type the receiver's type itself
// implements, to another interface.
func isWrapperDelegation(info *types.Info, fd *ast.FuncDecl, assert *ast.TypeAssertExpr) bool {
	if fd == nil || fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
		return false
	}
	tt := info.TypeOf(assert.Type)
	if tt == nil || !types.IsInterface(tt) || isTypeParam(tt) {
		return false
	}
	sel, ok := ast.Unparen(assert.X).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return false
	}
	recv := info.Defs[fd.Recv.List[0].Names[0]]
	if recv == nil || typesutil.ObjectOf(info, sel.X) != recv {
		return false // not a field of the receiver
	}
	wrapped, ok := s.Obj().Type().Underlying().(*types.Interface)
	if !ok || wrapped.NumMethods() == 0 {
		return false
	}
	rt := recv.Type()
	if _, isPtr := rt.(*types.Pointer); !isPtr {
		rt = types.NewPointer(rt)
	}
	return types.Implements(rt, wrapped)
}

// isWriterCapability reports whether assert asserts an
// http.ResponseWriter to http.Flusher or http.CloseNotifier, which every
// writer of net/http's servers implements.
func isWriterCapability(info *types.Info, assert *ast.TypeAssertExpr) bool {
	xt, tt := info.TypeOf(assert.X), info.TypeOf(assert.Type)
	return typesutil.IsNamed(xt, "net/http", "ResponseWriter") &&
		(typesutil.IsNamed(tt, "net/http", "Flusher") || typesutil.IsNamed(tt, "net/http", "CloseNotifier"))
}
