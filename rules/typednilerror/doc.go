// Package typednilerror defines the typed-nil-error rule: a return
// statement that puts a nil pointer (or another nil concrete value) into
// an interface result. The interface then holds a type and a nil value,
// and it is not nil: `err != nil` is true at the caller, which goes on to
// call err.Error() on a nil *T.
//
// It reasons on the SSA form of each function (see flow.go). It reports
// a returned value of a nilable concrete type (pointer, slice, map, func,
// chan) converted to a non-empty interface result (error, or any
// interface with methods) when, on some path to the return that the
// branch conditions allow, the value is nil because it is
//
//   - the constant nil: `var e *MyErr … return e` with no assignment on
//     that path, `return (*MyErr)(nil)`;
//   - the value of a failed comma-ok type assertion (`e, _ := x.(*T)`);
//   - the result of a function of the same package that returns nil for
//     that result on some path (`func validate() *ValidationError` ending
//     in `return nil`, called as `return validate()`), or of another
//     package's function that was found to when that package was analysed
//     (nilResultFact, exported for its exported functions and methods);
//   - a load of a pointer field (`return r.Err`) that nothing on the way
//     compared with nil: a warning where the package leaves that field nil
//     somewhere (a literal without it, a zero value of its struct, an
//     assignment of nil, a nil check), information where every
//     constructor it has sets it;
//   - any value on a path where it was compared equal to nil (`if e ==
//     nil { return e }`, a parameter on its own nil path).
//
// It deliberately leaves alone values it cannot show to be nil:
// parameters and receivers otherwise (returning the receiver `s` of a
// method on *Status is a convention), globals, map elements, values that
// were addressed (errors.As targets) or captured by closures, and calls
// to functions of packages analysed without facts (dependencies loaded
// from export data: constructors there return
// non-nil values as a rule). Empty interfaces (any) are not reported:
// storing a typed nil there is common and rarely compared with nil.
// A nil value returned together with a non-nil error in a function whose
// last result is error — `return nil, err`, or `return newT()` of such a
// pair — follows the convention that callers look at err first, and is
// not reported.
// `return nil`, `return &T{…}`, errors.New and fmt.Errorf results, and
// values checked with `if e != nil` (or len(e) > 0) on the way are never
// reported. Only return statements are checked, not assignments to
// interface variables. In functions with defer statements go/ssa returns
// through result slots; the value stored just before is followed, unless
// a deferred closure may change it. Packages with type errors get no
// findings: the SSA form needs a well-typed package (see ssaflow).
//
// In Kratos v2/v3 it also reports errors.Is(err, t) and err == t with t
// a *errors.Error when err is a gRPC client call's error (grpcerr.go):
// the client gets a *status.Error, so the comparison is always false.
// It belongs here because it is the same misreading of what an error
// interface holds: its dynamic type decides both == and errors.Is, and
// across gRPC that type is never the server's.
package typednilerror
