package uncheckedtypeassertion

import (
	"go/ast"
	"go/types"
	"path"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/inspector"
)

// inLogging reports whether the assertion at cur only makes part of a log
// line: it is inside the arguments of a logging call (log, slog, zap,
// logrus, glog and the like, or a method of a logger), in its statement.
func inLogging(info *types.Info, cur inspector.Cursor) bool {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case ast.Stmt, *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if isLogCall(typesutil.Callee(info, n)) {
				return true
			}
		}
	}
	return false
}

// logPackages are the last elements of the import paths of logging packages.
var logPackages = map[string]bool{
	"log": true, "slog": true, "glog": true, "klog": true, "zap": true, "zapcore": true,
	"logrus": true, "zerolog": true, "logr": true, "logx": true, "logger": true, "xlog": true, "logging": true,
}

// isLogCall reports whether fn belongs to a logging package or is a
// method of a logger type.
func isLogCall(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	p := fn.Pkg().Path()
	if logPackages[path.Base(p)] || (strings.HasPrefix(path.Base(p), "v") && logPackages[path.Base(path.Dir(p))]) {
		return true
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if n := typesutil.NamedOf(recv.Type()); n != nil && strings.Contains(strings.ToLower(n.Obj().Name()), "logger") {
			return true
		}
	}
	return false
}
