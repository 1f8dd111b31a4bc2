package unhandlederror

import (
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// A value that encoding/json decoded into an interface holds only what
// JSON can say: map[string]any, []any, string, float64 (never NaN or an
// infinity), bool and nil. Encoding it again cannot fail:
//
//	var c map[string]any
//	if err := json.Unmarshal(data, &c); err != nil { … }
//	r, _ := json.Marshal(c) // normalised: cannot fail

// decodedJSON reports whether e is a local variable of type any,
// map[string]any or []any, declared without a value, whose every mention
// is either its address handed to json.Unmarshal or (*json.Decoder).Decode,
// or an argument of json.Marshal*: nothing but the decoder writes it.
func (c *checker) decodedJSON(e ast.Expr) bool {
	v := typesutil.LocalVar(c.info, e)
	if v == nil || !decodesToAny(v.Type()) {
		return false
	}
	scope := v.Parent()
	if scope == nil {
		return false
	}
	decoded := false
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if id.Pos() < scope.Pos() || id.Pos() > scope.End() {
			continue // outside v's scope
		}
		if c.info.Defs[id] == v {
			if cur.ParentEdgeKind() != edge.ValueSpec_Names || len(cur.Parent().Node().(*ast.ValueSpec).Values) != 0 {
				return false // declared with a value
			}
			continue
		}
		if c.info.Uses[id] != v {
			continue // another object
		}
		switch {
		case cur.ParentEdgeKind() == edge.UnaryExpr_X && c.isJSONCall(cur.Parent(), "Unmarshal", "Decode"):
			decoded = true
		case c.isJSONCall(cur, "Marshal", "MarshalIndent"):
		default:
			return false // read or written where the decoder does not see
		}
	}
	return decoded
}

// isJSONCall reports whether the expression at cur is an argument of a
// call of one of the encoding/json functions or methods named.
func (c *checker) isJSONCall(cur inspector.Cursor, names ...string) bool {
	if cur.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	fn := typesutil.Callee(c.info, cur.Parent().Node().(*ast.CallExpr))
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "encoding/json" {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// decodesToAny reports whether t is any, map[string]any or []any: a
// type encoding/json fills only with what it decoded.
func decodesToAny(t types.Type) bool {
	isAny := func(t types.Type) bool {
		i, ok := types.Unalias(t).(*types.Interface)
		return ok && i.Empty()
	}
	switch u := types.Unalias(t).(type) {
	case *types.Map:
		k, ok := u.Key().(*types.Basic)
		return ok && k.Kind() == types.String && isAny(u.Elem())
	case *types.Slice:
		return isAny(u.Elem())
	}
	return isAny(t)
}
