package indexrange

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file says how many separators a string has at least by the way the
// program makes it, before any check: a constant, a concatenation with
// a constant that holds the separator (`dir + "." + name`), a
// fmt.Sprintf whose format holds it outside its verbs, a key of a map of
// this function whose every key is made so. strings.Split of such a
// string has that many more elements for any input, so an index within
// them cannot panic.

// maxMadeDepth bounds how far madeSeps follows a string back.
const maxMadeDepth = 8

// madeSeps returns a lower bound on the number of sep in the string s,
// from how s is made.
func madeSeps(s ssa.Value, sep string) int64 {
	return madeSepsRec(s, sep, make(map[ssa.Value]bool), 0)
}

func madeSepsRec(s ssa.Value, sep string, visiting map[ssa.Value]bool, depth int) int64 {
	if depth > maxMadeDepth || visiting[s] {
		return 0 // too far, or a loop that builds s
	}
	visiting[s] = true
	defer delete(visiting, s)
	switch s := s.(type) {
	case *ssa.Const:
		if str, ok := constString(s); ok {
			return int64(strings.Count(str, sep))
		}
	case *ssa.BinOp:
		if s.Op == token.ADD {
			// A concatenation has the separators of both operands, and
			// maybe one more where they meet.
			return madeSepsRec(s.X, sep, visiting, depth+1) + madeSepsRec(s.Y, sep, visiting, depth+1)
		}
	case *ssa.Phi:
		n := int64(-1)
		for _, e := range s.Edges {
			en := madeSepsRec(e, sep, visiting, depth+1)
			if n < 0 || en < n {
				n = en
			}
		}
		return max(n, 0)
	case *ssa.Call:
		if isFunc(s.Call.StaticCallee(), "fmt", "Sprintf") && len(s.Call.Args) >= 1 {
			if format, ok := constString(s.Call.Args[0]); ok {
				return int64(strings.Count(formatText(format), sep))
			}
		}
	case *ssa.Extract:
		if next, ok := s.Tuple.(*ssa.Next); ok && s.Index == 1 && !next.IsString {
			return mapKeySeps(next.Iter, sep, visiting, depth+1)
		}
	}
	return 0
}

// mapKeySeps returns a lower bound on the number of sep in every key of
// the map that iter ranges over: a map made in this function that only
// this function writes, each write with a key made with that many.
func mapKeySeps(iter ssa.Value, sep string, visiting map[ssa.Value]bool, depth int) int64 {
	r, ok := iter.(*ssa.Range)
	if !ok {
		return 0
	}
	m, ok := r.X.(*ssa.MakeMap)
	if !ok || m.Referrers() == nil {
		return 0
	}
	n := int64(-1)
	for _, ref := range *m.Referrers() {
		switch ref := ref.(type) {
		case *ssa.MapUpdate:
			if ref.Map != ssa.Value(m) {
				return 0 // m stored as a value of another map: written elsewhere
			}
			kn := madeSepsRec(ref.Key, sep, visiting, depth)
			if n < 0 || kn < n {
				n = kn
			}
		case *ssa.Lookup, *ssa.Range, *ssa.DebugRef:
			// reads
		case *ssa.Call:
			if b, ok := ref.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
				return 0 // handed to a function that may write it
			}
		default:
			return 0 // stored, captured, converted: may be written elsewhere
		}
	}
	return max(n, 0)
}

// formatText returns the text a fmt format prints for sure: the format
// with its verbs (and their flags, widths and precisions) removed and %%
// made %. The separators in it are in every result.
func formatText(format string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		// Skip flags, argument indexes, width and precision, then the verb.
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[j]) >= 0 {
			j++
		}
		b.WriteByte(0) // a verb's output: no separator spans it
		i = j
	}
	return b.String()
}
