// Package indexrange defines the index-range rule: an index expression
// x[k] with a constant k that is out of range, or can be, because the
// length of x is decided by the input and nothing checked it.
//
// It reasons on the SSA form of each function (see flow.go), so a slice
// is followed through reassignments, appends and branches exactly, and
// what a branch condition says holds on the paths through that branch.
// It proves two things:
//
//   - x[k] panics on every path that reaches it: k ≥ the length of x,
//     where that length is fixed by a slice literal, nil, make with a
//     constant length, a slice of an array, SplitN's n, or a dominating
//     check (`if len(x) == 0 { … x[0] … }`).
//   - x[k] panics for some input: x comes from strings.Split, SplitN,
//     SplitAfter(N), Fields, FieldsFunc (or their bytes twins), os.Args,
//     flag.Args() or a regexp FindStringSubmatch/FindAll… call, and no
//     check on the way (len(x) > k in any spelling, an early return or
//     exit, switch len(x), x != nil for submatches, strings.Contains(s,
//     sep) or strings.Index(s, sep) >= 0 for splits, a previous x[j]
//     with j ≥ k, a range over x) shows that x is long enough. Split's
//     element 0 and os.Args[0] are always there; Fields' element 0 is not.
//
// It deliberately leaves alone: indexes that are not constants, slices
// from parameters, struct fields, globals other than os.Args, and other
// calls (their length is the callee's business); slices captured by a
// closure (go/ssa keeps them in memory, where their length is not
// tracked); loops that grow a slice until it is long enough (the length
// is then unknown); arrays (the compiler already rejects a constant index
// out of range); and the number of groups of a regexp, which a non-nil
// submatch slice is taken to have. A separator that is not a constant is
// taken to be non-empty. In _test.go files an index that can fail only
// for some input is a hint: the test still fails, with a stack trace.
// Packages with type errors get no findings: the SSA form needs a
// well-typed package (see ssaflow).
package indexrange
