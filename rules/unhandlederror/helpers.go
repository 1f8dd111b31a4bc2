package unhandlederror

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// onlyNilReturns reports whether body, of a function with results res,
// has a return and every return statement gives nil for each error result.
func (c *checker) onlyNilReturns(body *ast.BlockStmt, res *types.Tuple) bool {
	if body == nil || res == nil || errorIndex(res) < 0 {
		return false
	}
	returns, onlyNil := 0, true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // another function's returns
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) != res.Len() {
				onlyNil = false // a bare return, or return f()
				return false
			}
			for i, r := range n.Results {
				if typesutil.IsError(res.At(i).Type()) && !c.isNil(r) {
					onlyNil = false
				}
			}
		}
		return onlyNil
	})
	return returns > 0 && onlyNil
}

// resultsOf returns the results of the function a call calls, or nil for
// conversions, builtins and ill-typed calls.
func (c *checker) resultsOf(call *ast.CallExpr) *types.Tuple {
	tv, ok := c.info.Types[call.Fun]
	if !ok || tv.IsType() || tv.IsBuiltin() || tv.Type == nil {
		return nil
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	return sig.Results()
}

// errorIndex returns the index of the last result of type error, or
// -1. A last result of a concrete type that implements error (*MyErr,
// MyErr) is an error result too.
func errorIndex(res *types.Tuple) int {
	if res == nil {
		return -1
	}
	for i := res.Len() - 1; i >= 0; i-- {
		if typesutil.IsError(res.At(i).Type()) {
			return i
		}
	}
	if n := res.Len(); n > 0 && isConcreteError(res.At(n-1).Type()) {
		return n - 1
	}
	return -1
}

// errorAt returns the index of the error result of call (with results
// res), or -1. A result of a concrete error type is not one where the
// callee builds or records an error rather than fails: a method that
// returns its own receiver's type (st.WithMessage(m) returning *Status),
// or a function that takes an error.
func (c *checker) errorAt(call *ast.CallExpr, res *types.Tuple) int {
	i := errorIndex(res)
	if i < 0 || typesutil.IsError(res.At(i).Type()) {
		return i
	}
	fn := typesutil.Callee(c.info, call)
	if fn == nil {
		return i
	}
	if recv := fn.Signature().Recv(); recv != nil && typesutil.NamedOf(recv.Type()) == typesutil.NamedOf(res.At(i).Type()) {
		return -1
	}
	params := fn.Signature().Params()
	for j := 0; j < params.Len(); j++ {
		if typesutil.IsError(params.At(j).Type()) {
			// It records an error it is given and hands it back
			// (gin's c.Error(err), c.AbortWithError(code, err)).
			return -1
		}
	}
	return i
}

// isConcreteError reports whether t is a named type, or a pointer to
// one, that implements error.
func isConcreteError(t types.Type) bool {
	return typesutil.NamedOf(t) != nil && typesutil.ImplementsError(t)
}

// calleeName returns how messages name the function a call calls: as
// written when short (s.dao.UpdateBalance, json.Unmarshal), else its name.
func (c *checker) calleeName(call *ast.CallExpr) string {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		if s := types.ExprString(fun); len(s) <= 40 && isNamePath(fun) {
			return s
		}
		return fun.Sel.Name
	case *ast.FuncLit:
		return "the function literal"
	}
	return types.ExprString(call.Fun)
}

// shortName returns the callee's own name: UpdateBalance, Unmarshal.
func shortName(call *ast.CallExpr) string {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		return fun.Sel.Name
	}
	return ""
}

// isNamePath reports whether e is a chain of identifiers: a, a.b, a.b.c.
func isNamePath(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isNamePath(e.X)
	}
	return false
}

// discarded returns the message about a result of type t whose error is
// discarded: it says what the result holds when its call fails.
func discarded(t types.Type) *rule.Msg {
	if t == nil {
		return msgDiscardedValue
	}
	if typesutil.IsNilable(t) {
		return msgDiscardedNil
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		switch {
		case b.Info()&types.IsNumeric != 0:
			return msgDiscardedZero
		case b.Info()&types.IsString != 0:
			return msgDiscardedEmpty
		case b.Info()&types.IsBoolean != 0:
			return msgDiscardedFalse
		}
	}
	return msgDiscardedValue
}

// inTestFile reports whether pos is in a _test.go file.
func (c *checker) inTestFile(pos token.Pos) bool {
	return typesutil.InTestFile(c.pass.Fset, pos)
}

// isAssignTarget reports whether the identifier at cur is a whole target
// of an assignment (x = …, x, y := …), which writes and does not read it.
func isAssignTarget(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() != edge.AssignStmt_Lhs {
		return false
	}
	as := cur.Parent().Node().(*ast.AssignStmt)
	return as.Tok == token.ASSIGN || as.Tok == token.DEFINE
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// openedForWriting reports whether recv is a local variable assigned in
// its scope from a function that opens a file for writing.
func (c *checker) openedForWriting(call *ast.CallExpr, recv ast.Expr) bool {
	v := typesutil.LocalVar(c.info, recv)
	if v == nil || v.Parent() == nil {
		return false
	}
	file := fixutil.FileOf(c.pass.Files, call.Pos())
	if file == nil {
		return false
	}
	scope := v.Parent()
	found := false
	ast.Inspect(file, func(n ast.Node) bool {
		if found || n == nil || n.End() < scope.Pos() || n.Pos() > scope.End() {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 {
			return true
		}
		assigns := false
		for _, l := range as.Lhs {
			if typesutil.ObjectOf(c.info, l) == v {
				assigns = true
			}
		}
		if !assigns {
			return true
		}
		if rc, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok {
			fn := typesutil.Callee(c.info, rc)
			for _, w := range fileWriters {
				i := strings.LastIndex(w, ".")
				if typesutil.IsFunc(fn, w[:i], w[i+1:]) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// isStd reports whether path is a package of the standard library, or one
// it vendors (vendor/golang.org/x/net/…).
func isStd(path string) bool {
	return typesutil.IsStd(path) || strings.HasPrefix(path, "vendor/")
}
