package indexrange

import (
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
	"golang.org/x/tools/go/ssa"
)

// A srcKind is where a slice comes from, as far as its length goes.
type srcKind int

const (
	srcLiteral  srcKind = iota // a literal, nil, make with a constant length, a slice of an array
	srcSplit                   // strings.Split, SplitAfter (and bytes'): at least one element
	srcSplitN                  // strings.SplitN, SplitAfterN: at most n elements
	srcFields                  // strings.Fields, FieldsFunc: possibly none
	srcOSArgs                  // os.Args: the program name, then the arguments
	srcFlagArgs                // flag.Args(): possibly none
	srcSubmatch                // regexp FindStringSubmatch and relatives: nil when there is no match
	srcFindAll                 // regexp FindAllString and relatives: nil when there is no match
)

// A source is the origin of a slice whose length the program does not
// control: the input decides it.
type source struct {
	kind srcKind
	call *ssa.Call // the call that made the slice (nil for os.Args)
	sep  string    // the separator of a split, if constant
	n    int64     // SplitN's n
}

// A bound is what is known of the length of a slice at a point.
type bound struct {
	iv    interval
	known bool    // every way the slice is made is understood
	src   *source // an input-dependent source on some path, or nil
}

var unknown = bound{iv: full}

// A walk is the state of a boundOf through phis: the phis being visited
// and the facts of the points the path goes through later (the use and
// the phi edges already taken), for pruning edges no path takes.
type walk struct {
	visiting map[*ssa.Phi]bool
	later    []facts
	steps    int // phi edges followed, to bound the work on huge functions
}

func newWalk(use facts) *walk {
	return &walk{visiting: make(map[*ssa.Phi]bool), later: []facts{use}}
}

// boundOf returns what is known of the length of the slice v at a point
// where f holds.
func (fl *flow) boundOf(v ssa.Value, f facts, w *walk) bound {
	b := fl.intrinsic(v, f, w)
	key := keyOf(v)
	b.iv = b.iv.meet(get(f, key))
	for k, iv := range f.All() {
		if r, ok := k.(relKey); ok && r.len == key {
			if lb, ok := lowerBound(r.v, f); ok && lb+iv.lo > b.iv.lo {
				b.iv.lo = lb + iv.lo
			}
		}
	}
	if b.src != nil {
		switch b.src.kind {
		case srcSubmatch:
			// A non-nil submatch slice has an element for every group.
			if b.iv.nonNil || b.iv.lo >= 1 {
				b.iv.lo = inf
			}
		case srcFindAll:
			if b.iv.nonNil {
				b.iv.lo = max(b.iv.lo, 1)
			}
		}
	}
	return b
}

// intrinsic returns what the way v is made says about its length.
func (fl *flow) intrinsic(v ssa.Value, f facts, w *walk) bound {
	switch v := v.(type) {
	case *ssa.Const:
		if v.IsNil() && isSlice(v.Type()) {
			return bound{iv: interval{0, 0, false}, known: true}
		}
	case *ssa.MakeSlice:
		if n, ok := ssaflow.ConstInt(v.Len); ok {
			return bound{iv: interval{n, n, true}, known: true}
		}
	case *ssa.Slice:
		return fl.sliceBound(v, f, w)
	case *ssa.UnOp:
		if g, ok := v.X.(*ssa.Global); ok && v.Op == token.MUL && isOSArgs(g) {
			// os.Args[0], the program's name, is there in practice.
			return bound{iv: interval{1, inf, true}, known: true, src: &source{kind: srcOSArgs}}
		}
	case *ssa.Call:
		return fl.callBound(v, f)
	case *ssa.Phi:
		if w.visiting[v] || len(w.visiting) > 8 || w.steps > 1000 {
			return unknown // a loop (the length may change on each iteration), or too much work
		}
		w.visiting[v] = true
		defer delete(w.visiting, v)
		var res bound
		found := false
		for i, e := range v.Edges {
			w.steps++
			ef := fl.edge(v.Block().Preds[i], v.Block())
			if ef == nil || !fl.consistent(ef, w.later) {
				continue // an edge no path to the use takes
			}
			w.later = append(w.later, ef)
			eb := fl.boundOf(e, ef, w)
			w.later = w.later[:len(w.later)-1]
			if !eb.known {
				return unknown
			}
			if !found {
				res = eb
				found = true
				continue // the first edge: nothing to join yet
			}
			res.iv = res.iv.join(eb.iv)
			if res.src == nil {
				res.src = eb.src
			}
		}
		if !found {
			return unknown
		}
		return res
	}
	return unknown
}

// sliceBound returns the bound of a slice expression x[lo:hi].
func (fl *flow) sliceBound(v *ssa.Slice, f facts, w *walk) bound {
	low := int64(0)
	if v.Low != nil {
		var ok bool
		if low, ok = ssaflow.ConstInt(v.Low); !ok {
			return unknown
		}
	}
	if v.High != nil {
		h, ok := ssaflow.ConstInt(v.High)
		if !ok || h < low {
			return unknown
		}
		return bound{iv: interval{h - low, h - low, true}, known: true}
	}
	if p, ok := v.X.Type().Underlying().(*types.Pointer); ok {
		if a, ok := p.Elem().Underlying().(*types.Array); ok && a.Len() >= low {
			n := a.Len() - low
			return bound{iv: interval{n, n, true}, known: true} // a literal, or a slice of an array
		}
		return unknown
	}
	if !isSlice(v.X.Type()) {
		return unknown
	}
	b := fl.boundOf(v.X, f, w)
	b.iv = b.iv.shift(-low)
	b.iv.nonNil = false
	return b
}

// callBound returns the bound of a slice returned by a call.
func (fl *flow) callBound(call *ssa.Call, f facts) bound {
	fn := call.Call.StaticCallee()
	args := call.Call.Args
	switch {
	case isStringsFunc(fn, "Split", "SplitAfter") && len(args) == 2:
		return splitBound(call, args[0], args[1], f, srcSplit, -1)
	case isStringsFunc(fn, "SplitN", "SplitAfterN") && len(args) == 3:
		n, ok := ssaflow.ConstInt(args[2])
		switch {
		case !ok || n < 0:
			return splitBound(call, args[0], args[1], f, srcSplit, -1)
		case n == 0:
			return bound{iv: interval{0, 0, false}, known: true, src: &source{kind: srcSplitN, call: call}}
		}
		return splitBound(call, args[0], args[1], f, srcSplitN, n)
	case isStringsFunc(fn, "Fields", "FieldsFunc") && len(args) >= 1:
		iv := full
		if isNonBlank(args[0], f) {
			iv.lo = 1
		}
		return bound{iv: iv, known: true, src: &source{kind: srcFields, call: call}}
	case isFunc(fn, "flag", "Args"):
		return bound{iv: full, known: true, src: &source{kind: srcFlagArgs, call: call}}
	case isMethod(fn, "regexp", "Regexp", "FindStringSubmatch", "FindSubmatch", "FindStringSubmatchIndex",
		"FindSubmatchIndex", "FindReaderSubmatchIndex"):
		return bound{iv: full, known: true, src: &source{kind: srcSubmatch, call: call}}
	case isMethod(fn, "regexp", "Regexp", "FindAllString", "FindAll", "FindAllIndex", "FindAllStringIndex",
		"FindAllStringSubmatch", "FindAllSubmatch", "FindAllStringSubmatchIndex", "FindAllSubmatchIndex"):
		return bound{iv: full, known: true, src: &source{kind: srcFindAll, call: call}}
	}
	return unknown
}

// splitBound returns the bound of strings.Split(s, sep) (n < 0) or
// SplitN(s, sep, n): one more element than s has separators, at most n.
func splitBound(call *ssa.Call, s, sep ssa.Value, f facts, kind srcKind, n int64) bound {
	src := &source{kind: kind, call: call, n: n}
	sepStr, sepConst := constString(sep)
	if !sepConst {
		// An unknown separator is taken to be non-empty, as it is in
		// practice: then there is at least one element.
		iv := interval{1, inf, true}
		if n > 0 {
			iv.hi = n
		}
		return bound{iv: iv, known: true, src: src}
	}
	src.sep = sepStr
	if str, ok := constString(s); ok {
		var m int64
		if n < 0 {
			m = int64(len(strings.Split(str, sepStr)))
		} else {
			m = int64(len(strings.SplitN(str, sepStr, int(n))))
		}
		return bound{iv: interval{m, m, true}, known: true} // the program fixes it
	}
	if sepStr == "" {
		return bound{iv: full, known: true, src: src} // one element per character
	}
	count := get(f, sepKey{s, sepStr})
	count.lo = max(count.lo, madeSeps(s, sepStr)) // dir + "." + name has a "."
	for k, iv := range f.All() {
		if a, ok := k.(affixKey); ok && a.s == s && iv.lo >= 1 {
			count.lo = max(count.lo, int64(strings.Count(a.affix, sepStr)))
		}
	}
	iv := count.shift(1)
	iv.lo = max(iv.lo, 1)
	iv.nonNil = true
	if n > 0 {
		iv.hi = min(iv.hi, n)
	}
	return bound{iv: iv, known: true, src: src}
}

// isNonBlank reports whether f says that s has a non-space character:
// s, or strings.TrimSpace(s), is not empty (strings.Fields(s) then has an
// element).
func isNonBlank(s ssa.Value, f facts) bool {
	if isTrimSpace(s) && get(f, s).lo >= 1 {
		return true
	}
	for k, iv := range f.All() {
		if call, ok := k.(*ssa.Call); ok && iv.lo >= 1 && isTrimSpace(call) && call.Call.Args[0] == s {
			return true
		}
	}
	return false
}

// isTrimSpace reports whether v is the result of strings.TrimSpace.
func isTrimSpace(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	return ok && isStringsFunc(call.Call.StaticCallee(), "TrimSpace") && len(call.Call.Args) == 1
}

// isOSArgs reports whether g is os.Args.
func isOSArgs(g *ssa.Global) bool {
	obj := g.Object()
	return obj != nil && obj.Name() == "Args" && obj.Pkg() != nil && obj.Pkg().Path() == "os"
}
