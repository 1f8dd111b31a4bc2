package typesutil

import (
	"go/token"
	"go/types"
	"runtime"
	"slices"
	"sort"
	"sync"
	"weak"
)

// Innermost returns the innermost scope of pkg that holds pos, as
// pkg.Scope().Innermost(pos) does, or nil. go/types looks through the
// scopes of a file's functions one by one, and a fix asks for every
// finding: in a file of thousands of functions with a finding each, that
// took time in the square of the file's size. Here the functions of a
// file are searched by position, in an index of each file scope made on
// the first question (and dropped with the scope).
func Innermost(pkg *types.Package, pos token.Pos) *types.Scope {
	for file := range pkg.Scope().Children() {
		if !file.Contains(pos) {
			continue // another file
		}
		ix := indexOf(file)
		if ix == nil {
			return file.Innermost(pos) // positions missing: go/types's search
		}
		// The last function starting at or before pos.
		i := sort.Search(len(ix.start), func(i int) bool { return ix.start[i] > pos }) - 1
		if i >= 0 {
			if s := file.Child(ix.child[i]); s.Contains(pos) {
				return s.Innermost(pos)
			}
		}
		return file
	}
	return nil
}

// An index lists the children of a file scope by their start. It holds
// no pointer to scopes, so that it does not keep the scope alive.
type index struct {
	n     int         // children when made
	start []token.Pos // sorted
	child []int       // child index of each start
}

var indexes sync.Map // weak.Pointer[types.Scope] → *index

// indexOf returns the index of the file scope file; nil when a child has
// no position, or two overlap.
func indexOf(file *types.Scope) *index {
	key := weak.Make(file)
	if v, ok := indexes.Load(key); ok {
		if ix := v.(*index); ix.n == file.NumChildren() {
			return ix
		}
	}
	n := file.NumChildren()
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return int(file.Child(a).Pos()) - int(file.Child(b).Pos()) })
	ix := &index{n: n, start: make([]token.Pos, n), child: order}
	for k, i := range order {
		s := file.Child(i)
		if !s.Pos().IsValid() || !s.End().IsValid() || k > 0 && file.Child(order[k-1]).End() > s.Pos() {
			return nil
		}
		ix.start[k] = s.Pos()
	}
	if _, loaded := indexes.Swap(key, ix); !loaded {
		runtime.AddCleanup(file, func(k weak.Pointer[types.Scope]) { indexes.Delete(k) }, key)
	}
	return ix
}
