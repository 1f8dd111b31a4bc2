// Package nilmapwrite defines the nil-map-write rule: assigning to an
// element of a nil map (m[k] = v, m[k]++, m[k] += v) panics with
// "assignment to entry in nil map".
//
// It works on each function's SSA form (golang.org/x/tools/go/ssa, built
// by ssaflow.Analyzer) and proves, for a map update, that the map is nil
// on some feasible path to it:
//
//   - a local declared without a value (var m map[K]V, m := map[K]V(nil),
//     m = nil) that is not made on every path to the write;
//   - a map field of a struct built in this function (var s S, s := S{…},
//     &S{…}, new(S)) that is not set on some path from the struct's
//     creation to the write, before the struct (or the field's address)
//     is handed to code that could set it: a call that gets it, a
//     closure, a send; once its address is stored elsewhere (a map, a
//     field), a later call or a store through an unknown pointer may set
//     it too. This includes a struct that reaches the write through a
//     pointer merged with others: `b, ok := m[k]; if !ok { b = &T{…} };
//     b.f[k] = v` with no f in the literal;
//   - an unexported package-level map (or a map field of one) that the
//     package never initializes, assigns or takes the address of.
//
// A path is feasible unless its branch conditions contradict each other
// or what holds at the write: a map made under `if debug` and written
// under `if debug` is not reported, nor one behind `if m == nil { m =
// make(…) }` or `if m != nil`. A path ends at a call that never returns:
// os.Exit, log.Fatal*, t.Fatal* and the package's own functions that
// always end in one. Conditions are compared, not computed: a map made
// only `if i == 0`, on a loop's first iteration, is still reported. The
// one piece of arithmetic it knows is about lengths: len(x) > 0 (and
// len(x) != 0, len(x) >= 1, and the negations len(x) == 0, len(x) < 1)
// of a slice or string x holds inside `for … := range x` and inside
// `for i := 0; i < len(x); i++`, so a map made only for a non-empty x
// and written in a loop over the same x is not reported. Ranges over
// maps, channels and integers are not correlated with lengths.
//
// The fix makes the map where it is declared (or adds it to the literal
// that builds the struct), taking over a later make that would make it
// again on the same path, and the if left empty by that (see makeinit).
//
// It leaves alone what it cannot prove nil: parameters, results of calls,
// fields of structs built elsewhere, maps captured by closures (the
// analysis stays within one function), exported package variables
// (another package may set them), and deletes and reads, which do not
// panic on a nil map. Packages that do not type-check get no SSA form and
// therefore no findings.
package nilmapwrite
