// Package usebeforeerrcheck defines the use-before-err-check rule: after
// `v, err := f()` (or `v, err = f()`, `var v, err = f()`), v is usually
// nil when f fails, so an expression that panics on a nil v must not run
// before err has been checked.
//
// # What it proves
//
// For every local variable v of a nilable type (pointer, slice, map,
// interface, func, chan; never a struct, number or string, and never a
// type parameter) assigned together with a last result of type error (or
// a pointer type implementing it, such as etcd's *v2error.Error), it
// walks the function's control-flow graph (go/cfg) forward from the
// assignment and reports the first expression in each statement that
// panics when v is nil, reached on a path where
//
//   - err has not been read yet ("used before err is checked"), or
//   - the path went through the true branch of `if err != nil` (or the
//     false branch of `if err == nil`) and came out below that if: the
//     branch did not leave the block. The kratos and go-common log.Fatal*
//     functions log and return (they do not call os.Exit), so an
//     `if err != nil { log.Fatal(...) }` protects nothing; the message
//     says so. Uses inside the err branch itself are not reported.
//   - err was overwritten by an unrelated call before it was read, so
//     f's failure can never be seen.
//
// Reading err in any way stops the walk (a condition, `switch err`,
// errors.Is, `must(err)`, `require.NoError(t, err)`, `e := err`), except
// passing it to a logging or printing call, which reports and goes on,
// and `err = wrap(err)`, which keeps f's error. A condition that reads v
// (`v != nil`, `len(v) > 0`, `v == nil || …`) stops the walk too, as does
// assigning v, and a use is guarded by a && or || whose left operand
// reads err or v.
//
// What panics on a nil v: a field selector through a pointer; a method
// call or method value through a nil interface; a method with a value
// receiver, or promoted through an embedded field, through a pointer;
// indexing a slice or a pointer to an array; writing to a map element;
// `*v`; calling a func value; close of a channel. Reading a nil map,
// len, cap, range, comparing with nil, printing v or passing it on do
// not panic and are not reported.
//
// A method with a pointer receiver may be called on a nil pointer: it
// panics only if its body dereferences the receiver. Generated protobuf
// getters (`func (m *Reply) GetName() string { if m != nil { … } }`) are
// nil-safe by design. So a pointer-receiver call is reported only when
// its body dereferences the receiver in its leading straight-line
// statements before any comparison of the receiver with nil (directly or
// through another such method). For a method declared in the package the
// rule reads its body; for an exported method of another package it
// imports the fact (derefFact) that the rule exported when it analysed
// that package, so a method of the module's model package
// (model.Item.Normalize reading i.Title) is followed across packages
// wherever the driver analyses dependencies from source (gopitfalls
// check; the language server does for main packages only). Methods of
// packages without facts (dependencies loaded from export data) are
// reported only when listed in derefAPIs, a table of pointer-receiver
// methods read from their sources to dereference the receiver
// (database/sql, net/http Request and Client, net/url.URL, regexp,
// math/big.Int, bufio, encoding/json, strings.Builder, time.Timer, grpc
// ClientConn, zap loggers, bbolt, the framework's database/sql, paladin
// and warden): guessing would flag every nil-safe getter and every
// *os.File method (which check for nil).
//
// Function literals run when they are called, not where they are
// written: a use inside a literal is considered only when the literal is
// called on the spot (`func(){…}()`), deferred (`defer func(){…}()`,
// which also runs when f fails and the function returns), or started as
// a goroutine (which may run before the check). A literal stored and
// called later is left alone.
//
// When the callee is declared in the package, its return statements
// refine the message: "is nil" when every failing return yields a
// literal nil for v, no report at all when every failing return yields a
// value that cannot be nil (&T{}, new, make, a composite literal), and
// "may be nil" otherwise.
//
// # Kratos v2/v3 errors.FromError
//
// errors.FromError(err) returns nil for a nil err: fromerror.go follows
// each local err from the call that sets it while it may be nil, and
// reports a read of the result that panics (see there). The methods of
// *errors.Error that dereference their receiver are in derefAPIs.
//
// # Why go/cfg and not ctrlflow or ssa
//
// ctrlflow computes no-return facts for every dependency, which forces
// the drivers to analyse dependencies from source; the rule instead
// builds each function's CFG on demand with cfg.New and its own
// may-return predicate (panic, os.Exit, the standard log.Fatal*/Panic*,
// testing's Fatal/FailNow/Skip*, runtime.Goexit, functions of the package
// that never return, and Fatal*/Exit/Panic* of other loggers — but not
// the framework's log.Fatal*). SSA would lose the statement structure
// the fix needs.
//
// # The fix
//
// "Move use of v below the err check" moves the statements that use v
// (with their comments) from between the assignment and a following
// `if err != nil { … }` to just below that if, when the if has no init
// or else, its condition is `err != nil` (optionally `|| <pure expr>`),
// its body leaves the block (return, break, continue, goto, a call that
// never returns), and moving cannot change what anything reads: the
// moved statements contain no return or jump out of themselves; neither
// the check nor the statements they jump over read or write what they
// declare or assign, or write what they read; side effects are not
// reordered with side effects; and err and v are not reassigned in
// between.
package usebeforeerrcheck
