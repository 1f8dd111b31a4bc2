package uncheckedtypeassertion

import (
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// isErrorEvidence reports whether assert tests an error that comes from
// another package's call whose errors are not all of the asserted type.
// An error's dynamic type is the one thing a function returning error
// does not promise: each failure picks its own, and wrapping changes it.
// Where the callee documents one type (strconv's *NumError), it is kept.
func isErrorEvidence(info *types.Info, assert *ast.TypeAssertExpr, f flow) bool {
	if !typesutil.IsError(info.TypeOf(assert.X)) || len(f.errCalls) == 0 {
		return false
	}
	tt := info.TypeOf(assert.Type)
	for _, c := range f.errCalls {
		if t := documentedError(typesutil.Callee(info, c)); t == nil || tt == nil || !types.Identical(t, tt) {
			return true
		}
	}
	return false
}

// documentedError returns the one dynamic type of the errors fn
// documents returning, or nil.
func documentedError(fn *types.Func) types.Type {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "strconv" || fn.Signature().Recv() != nil {
		return nil
	}
	// "The errors that ParseX/Atoi/Unquote… return have concrete type *NumError".
	obj, ok := fn.Pkg().Scope().Lookup("NumError").(*types.TypeName)
	if !ok || fn.Name() == "Unquote" || fn.Name() == "UnquoteChar" || fn.Name() == "QuotedPrefix" {
		return nil
	}
	return types.NewPointer(obj.Type())
}
