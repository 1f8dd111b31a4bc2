// Package paladininit defines the paladin-init rule. paladin, the
// configuration client of Kratos v0.x, is a package-level client that
// paladin.Init creates from the -conf flag (or a remote driver);
// paladin.Get, GetAll, Keys, Watch, WatchEvent and Close dereference it,
// so before a successful Init they panic with a nil pointer dereference.
// The rule reports:
//
//   - func main of a program in which a use of paladin, in main or in a
//     function main reaches by static calls, can run before paladin.Init
//     (missing or late Init). The fix initialises paladin right after
//     flag.Parse (first in main when main parses no flags), or moves the
//     late Init call there.
//   - a paladin.Init that can run before flag.Parse in the same function,
//     or in an init function: Init reads -conf, which is not parsed yet.
//     The fix moves it below flag.Parse. With the open-source kratos
//     paladin, also an Init in a main that never parses flags: kratos's
//     Init panics without -conf or a driver (go-common's asks its config
//     center instead, so it is not reported there).
//   - a call of paladin.Init, or of a function that returns its error,
//     whose error is dropped: as a statement, assigned to _, or kept in a
//     variable that no path reads before it is overwritten or the
//     function ends (`err := paladin.Init(); …; err = run()`). The fix
//     checks it (panic, return or t.Fatal).
//
// Order is decided on each function's control-flow graph (go/cfg): a use
// is reported when some path from the function's entry reaches it without
// passing a call that initialises paladin. Calls into other packages are
// followed through analysis facts: every analysed package exports a
// marker, and each of its functions that uses paladin before initialising
// it, initialises it, parses flags or returns Init's error exports what
// it does. A call into a package that was not analysed (a driver that
// loads dependencies from export data) is judged by the packages it can
// reach through its imports, which export data lists in full: if it can
// reach paladin it may initialise or use it, and the rule stays silent
// rather than guess; if it can reach flag it may parse flags. Other
// framework packages are known not to touch paladin. Calls through interfaces and function values, and code in
// function literals, goroutines and deferred calls, are not followed for
// order: when they run is not known. The one exception is a main that
// nothing initialises paladin in (its literals included): a use in a
// literal, goroutine or deferred call written in main then panics
// whenever it runs, and is reported (literal.go). In a package with type errors (a
// half-typed editor buffer) only dropped errors are reported: an Init or
// a flag.Parse there may not be recognised. Init with a driver argument
// (paladin.Init(apollo.PaladinDriverApolloName)) does not need -conf and
// is not required after flag.Parse.
//
// Kratos v2/v3 have no paladin: their configuration is a value made by
// config.New, filled by Load and read by Scan, Value and Watch. config.go
// checks the order on each such value, from the statement that makes it,
// and a file.NewSource of a flag variable made before flag.Parse.
package paladininit
