package errlive

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// sentinelChecked returns the sentinel when e compares v with one
// sentinel error and so tells only whether that one failure happened:
// `v == ErrX`, `v != ErrX` (ErrX a package-level error variable), or
// `errors.Is(v, ErrX)`. Comparisons with nil are checks of v, and so are
// existence probes (os.IsNotExist(v), errors.Is(v, fs.ErrNotExist)):
// asking whether a file exists is what a Stat is for.
func (g *Graph) sentinelChecked(e ast.Expr, v *types.Var) (ast.Expr, bool) {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op != token.EQL && e.Op != token.NEQ {
			return nil, false
		}
		x, y := e.X, e.Y
		if !g.isVar(x, v) {
			x, y = y, x
		}
		return y, g.isVar(x, v) && g.isSentinel(y)
	case *ast.CallExpr:
		fn := g.callee(e)
		if fn == nil || fn.Pkg() == nil || len(e.Args) != 2 || fn.Name() != "Is" || fn.Signature().Recv() != nil {
			return nil, false
		}
		switch fn.Pkg().Path() {
		case "errors", "github.com/pkg/errors":
		default:
			return nil, false
		}
		return e.Args[1], g.isVar(e.Args[0], v) && g.isSentinel(e.Args[1])
	}
	return nil, false
}

// isVar reports whether e is the variable v.
func (g *Graph) isVar(e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && g.info.ObjectOf(id) == v
}

// isSentinel reports whether e denotes a package-level variable of type
// error other than the existence sentinels of io/fs and os.
func (g *Graph) isSentinel(e ast.Expr) bool {
	obj, ok := typesutil.UsedObject(g.info, e).(*types.Var)
	if !ok || obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() || !types.Identical(obj.Type(), errorType) {
		return false
	}
	switch obj.Pkg().Path() {
	case "io/fs", "os":
		switch obj.Name() {
		case "ErrNotExist", "ErrExist":
			return false // an existence probe
		}
	}
	return true
}

// callee returns the function a call statically calls, or nil.
func (g *Graph) callee(call *ast.CallExpr) *types.Func {
	fn, _ := typesutil.UsedObject(g.info, call.Fun).(*types.Func)
	return fn
}

var errorType = types.Universe.Lookup("error").Type()

// Label spells the sentinels of Fate.Compared for a message: "io.EOF",
// "ErrA or ErrB".
func Label(sentinels []ast.Expr) string {
	var names []string
	for _, s := range sentinels {
		if name := types.ExprString(s); !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return strings.Join(names, " or ")
}
