package ssapath

import (
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Loc is a memory location named by a root and a path of struct field
// selections from it: the local variable s (an *ssa.Alloc), its field
// s.in.m, the package variable g (an *ssa.Global), the field p.done of
// the struct a pointer register p points to.
//
// Path is a sequence of ".N" (field N of the struct at hand) and "*"
// (the target of the pointer at hand, as in p.next.done).
type Loc struct {
	Root ssa.Value
	Path string
}

// AddrLoc returns the location whose address addr is.
func AddrLoc(addr ssa.Value) (Loc, bool) {
	switch a := addr.(type) {
	case *ssa.Alloc, *ssa.Global, *ssa.FreeVar:
		return Loc{Root: a}, true
	case *ssa.FieldAddr:
		sel := "." + strconv.Itoa(a.Field)
		switch x := a.X.(type) {
		case *ssa.Alloc, *ssa.Global, *ssa.FreeVar, *ssa.FieldAddr:
			l, ok := AddrLoc(x)
			if !ok {
				return Loc{}, false
			}
			return Loc{l.Root, l.Path + sel}, true
		case *ssa.UnOp:
			if l, ok := ValueLoc(x); ok {
				return Loc{l.Root, l.Path + "*" + sel}, true
			}
		}
		return Loc{Root: a.X, Path: sel}, true // a register pointer: a parameter, a call result
	}
	return Loc{}, false
}

// ValueLoc returns the location v was loaded from: v is *addr, or a
// field of a struct value that is itself a location or register.
func ValueLoc(v ssa.Value) (Loc, bool) {
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return AddrLoc(v.X)
		}
	case *ssa.Field:
		sel := "." + strconv.Itoa(v.Field)
		if l, ok := ValueLoc(v.X); ok {
			return Loc{l.Root, l.Path + sel}, true
		}
		return Loc{Root: v.X, Path: sel}, true
	}
	return Loc{}, false
}

// Fields returns the field indices of a path without dereferences, and
// false if it has one.
func (l Loc) Fields() ([]int, bool) {
	if l.Path == "" {
		return nil, true
	}
	if strings.Contains(l.Path, "*") {
		return nil, false
	}
	var out []int
	for _, s := range strings.Split(l.Path[1:], ".") {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// overlaps reports whether a store to one location may change the other:
// one is the other or contains it.
func (l Loc) overlaps(m Loc) bool {
	if l.Root != m.Root {
		return false
	}
	return isPrefix(l.Path, m.Path) || isPrefix(m.Path, l.Path)
}

// contains reports whether l is m or a struct that holds m.
func (l Loc) contains(m Loc) bool { return l.Root == m.Root && isPrefix(l.Path, m.Path) }

func isPrefix(p, q string) bool {
	if !strings.HasPrefix(q, p) {
		return false
	}
	rest := q[len(p):]
	return rest == "" || rest[0] == '.' || rest[0] == '*'
}

// FieldVar returns the struct field of the last selection that makes
// v (a load of a field address, or a field of a struct value), or nil.
// Fields of instantiated generic structs are mapped to their origin.
func FieldVar(v ssa.Value) *types.Var {
	var st types.Type
	var idx int
	switch v := v.(type) {
	case *ssa.UnOp:
		fa, ok := v.X.(*ssa.FieldAddr)
		if !ok {
			return nil
		}
		st, idx = deref(fa.X.Type()), fa.Field
	case *ssa.Field:
		st, idx = v.X.Type(), v.Field
	default:
		return nil
	}
	if st == nil {
		return nil
	}
	s, ok := st.Underlying().(*types.Struct)
	if !ok || idx < 0 || idx >= s.NumFields() {
		return nil
	}
	return s.Field(idx).Origin()
}

// LiteralOf returns the position of the opening brace of the composite
// literal that allocates the root of l, when l is one field of it (the
// struct of &T{…}, or a local T{…} that lives in memory).
func LiteralOf(l Loc) (token.Pos, bool) {
	a, ok := l.Root.(*ssa.Alloc)
	if !ok || !a.Pos().IsValid() {
		return token.NoPos, false
	}
	if fields, ok := l.Fields(); !ok || len(fields) != 1 {
		return token.NoPos, false
	}
	if Reassigned(l) {
		return token.NoPos, false // which literal left it nil?
	}
	return a.Pos(), true
}

// Reassigned reports whether the root of l, a local struct, is assigned
// a whole struct more than once (h := T{…}; …; h = T{…}): a fix at its
// declaration would not reach a use after the second.
func Reassigned(l Loc) bool {
	a, ok := l.Root.(*ssa.Alloc)
	if !ok {
		return false
	}
	refs := a.Referrers()
	if refs == nil {
		return false
	}
	stores := 0
	for _, r := range *refs {
		if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(a) {
			stores++
		}
	}
	return stores > 1
}
