package wardendiscovery

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

type targetKind int

const (
	unknownTarget   targetKind = iota // not known at compile time
	discoveryTarget                   // discovery://…
	fixedTarget                       // an IP address or localhost, direct:// or passthrough://
	otherTarget                       // a host name, or another resolver's scheme
)

// classify tells what kind of target e is, and its text: what a target
// known at compile time says, or a discovery:// prefix.
func (c *checker) classify(e ast.Expr) (targetKind, string) {
	info := c.pass.TypesInfo
	if s, ok := c.staticString(e, 0); ok {
		return classifyString(s), s
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		// "discovery://default/" + appID
		if e.Op != token.ADD {
			return unknownTarget, ""
		}
		if prefix, ok := constString(info, e.X); ok && strings.HasPrefix(prefix, "discovery://") {
			return discoveryTarget, prefix + "…"
		}
	case *ast.CallExpr:
		// fmt.Sprintf("discovery://default/%s", AppID)
		if !typesutil.IsFunc(typesutil.Callee(info, e), "fmt", "Sprintf") || len(e.Args) == 0 || e.Ellipsis.IsValid() {
			return unknownTarget, ""
		}
		format, ok := constString(info, e.Args[0])
		if !ok || !strings.HasPrefix(format, "discovery://") {
			return unknownTarget, ""
		}
		return discoveryTarget, format
	}
	return unknownTarget, ""
}

// classifyString classifies a constant target.
func classifyString(s string) targetKind {
	if scheme, _, ok := strings.Cut(s, "://"); ok {
		switch strings.ToLower(scheme) {
		case "discovery":
			return discoveryTarget
		case "direct", "passthrough":
			return fixedTarget
		}
		return otherTarget
	}
	host, _, err := net.SplitHostPort(s)
	if err != nil {
		return otherTarget
	}
	if host == "" || host == "localhost" || net.ParseIP(host) != nil {
		return fixedTarget
	}
	return otherTarget
}

// constString returns the value of e if it is a string constant.
func constString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// maxStaticDepth bounds how far staticString follows a target back.
const maxStaticDepth = 6

// staticString returns the value of the string e when the program fixes
// it at compile time: a constant, a concatenation or fmt.Sprintf of such
// values (fmt.Sprintf("direct://default/%s", "127.0.0.1:9000")), a
// conversion of one, or a local variable assigned one once, at its
// declaration, and never again. A package-level variable is not: a flag
// or a test may set it.
func (c *checker) staticString(e ast.Expr, depth int) (string, bool) {
	info := c.pass.TypesInfo
	if s, ok := constString(info, e); ok {
		return s, true
	}
	if depth > maxStaticDepth {
		return "", false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok := c.staticString(e.X, depth+1)
		if !ok {
			return "", false
		}
		y, ok := c.staticString(e.Y, depth+1)
		return x + y, ok
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return c.staticString(e.Args[0], depth+1) // string(addr)
		}
		if !typesutil.IsFunc(typesutil.Callee(info, e), "fmt", "Sprintf") || len(e.Args) == 0 || e.Ellipsis.IsValid() {
			return "", false
		}
		format, ok := c.staticString(e.Args[0], depth+1)
		if !ok {
			return "", false
		}
		args := make([]any, 0, len(e.Args)-1)
		for _, a := range e.Args[1:] {
			if s, ok := c.staticString(a, depth+1); ok {
				args = append(args, s)
				continue
			}
			tv, ok := info.Types[a]
			if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
				return "", false
			}
			n, exact := constant.Int64Val(tv.Value)
			if !exact {
				return "", false
			}
			args = append(args, n)
		}
		return sprintValues(format, args)
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return "", false
		}
		if init, ok := c.pinnedValue(v); ok {
			return c.staticString(init, depth+1)
		}
	}
	return "", false
}

// pinnedValue returns the value of the local variable v when it is
// assigned once, at its declaration, and never again nor addressed.
func (c *checker) pinnedValue(v *types.Var) (ast.Expr, bool) {
	if c.pinned == nil {
		c.pinned = c.findPinned()
	}
	e, ok := c.pinned[v]
	return e, ok
}

// findPinned finds the local variables of the package assigned once, at
// their declaration (v := x, var v = x), and never again nor addressed.
func (c *checker) findPinned() map[*types.Var]ast.Expr {
	info := c.pass.TypesInfo
	pinned := make(map[*types.Var]ast.Expr)
	spoiled := make(map[*types.Var]bool)
	local := func(id *ast.Ident) *types.Var {
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || v.IsField() {
			return nil
		}
		return v
	}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					id, ok := ast.Unparen(l).(*ast.Ident)
					if !ok {
						continue
					}
					v := local(id)
					if v == nil {
						continue
					}
					if n.Tok == token.DEFINE && info.Defs[id] == v && len(n.Rhs) == len(n.Lhs) {
						pinned[v] = n.Rhs[i]
					} else {
						spoiled[v] = true
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if v := local(id); v != nil && len(n.Values) == len(n.Names) {
						pinned[v] = n.Values[i]
					}
				}
			case *ast.UnaryExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
					if v := local(id); v != nil {
						spoiled[v] = true
					}
				}
			case *ast.IncDecStmt, *ast.RangeStmt:
				// not strings, or a fresh value per iteration
			}
			return true
		})
	}
	for v := range spoiled {
		delete(pinned, v)
	}
	return pinned
}

// sprintValues formats args, strings and integers, with format when it
// has only %s, %d and %v verbs, one per argument.
func sprintValues(format string, args []any) (string, bool) {
	verbs := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue // literal text
		}
		if i+1 >= len(format) || !strings.ContainsRune("sdv%", rune(format[i+1])) {
			return "", false
		}
		if format[i+1] != '%' {
			verbs++
		}
		i++
	}
	if verbs != len(args) {
		return "", false
	}
	return fmt.Sprintf(format, args...), true
}
