package fixutil

import (
	"fmt"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// BlockScope returns the scope of the block that holds the statement at
// pos: not the statement's own scope (an if or for statement's), which
// starts at pos.
func BlockScope(pkg *types.Package, pos token.Pos) *types.Scope {
	scope := typesutil.Innermost(pkg, pos)
	for scope != nil && scope.Pos() == pos && scope.Parent() != nil {
		scope = scope.Parent()
	}
	return scope
}

// Visible reports whether name resolves to something at pos.
func Visible(pkg *types.Package, pos token.Pos, name string) bool {
	scope := typesutil.Innermost(pkg, pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	return obj != nil
}

// DeclaredAfter reports whether the block holding the statement at pos
// declares name after pos. A statement there (inserted, or the statement
// at pos rewritten) cannot then declare name with := in that block: the
// later `name := …` would declare nothing new ("no new variables on left
// side of :=") or silently turn into an assignment.
func DeclaredAfter(pkg *types.Package, pos token.Pos, name string) bool {
	if pkg == nil {
		return false
	}
	scope := BlockScope(pkg, pos)
	if scope == nil {
		return false
	}
	obj := scope.Lookup(name)
	return obj != nil && obj.Pos() > pos
}

// Free reports whether a fix may declare name in a statement it inserts
// before the statement at pos: the name shadows nothing visible there and
// clashes with no other declaration of the same block (before or after).
func Free(pkg *types.Package, pos token.Pos, name string) bool {
	scope := BlockScope(pkg, pos)
	if scope == nil {
		return false
	}
	if scope.Lookup(name) != nil {
		return false // declared in the same block
	}
	_, obj := scope.LookupParent(name, pos)
	return obj == nil
}

// FreshName returns base, or base with a number, that is Free at pos
// and not in taken, the names other fixes of the same pass declare in
// that block (so that fixes applied together do not declare a name
// twice); it records the name in taken. Without type information it
// returns base.
func FreshName(pkg *types.Package, pos token.Pos, base string, taken map[string]bool) string {
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s%d", base, i)
		}
		if taken[name] || pkg != nil && !Free(pkg, pos, name) {
			continue
		}
		if taken != nil {
			taken[name] = true
		}
		return name
	}
}
