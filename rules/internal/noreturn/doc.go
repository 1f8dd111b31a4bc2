// Package noreturn decides which calls never return to their caller, for
// every rule: the go/cfg callback that ends a path (Checker.MayReturn),
// the predicate of the SSA builder (Checker.Func), and the check of one
// SSA instruction (Instr).
//
// A call never returns when it is a call of the panic builtin, of one of
// the functions and methods in the table below (the process exits, the
// goroutine exits, the test stops, or the function always panics), of a
// testing.TB method of that kind through the interface, or of a function
// of the package being checked whose body has no path that returns (its
// go/cfg graph built with this same predicate, memoized; a recursive call
// counts as returning).
//
// The table follows x/tools' ctrlflow intrinsics and staticcheck's
// go/ir/exits.go. Those two derive os.Exit, log.Fatal and t.Fatal from
// facts about the packages' bodies; gopitfalls analyses no dependency
// from source and exports no facts (its drivers load dependencies from
// export data, and rules must run on half-typed editor buffers), so those
// are listed here by name, with the popular loggers' Fatal and Panic.
//
// Deliberately not in the table:
//   - the Kratos v0.x framework's log.Fatal (and Fatalc, Fatalv, Fatalw):
//     it logs at fatal level and returns, so the code after it runs; see
//     FrameworkFatal;
//   - zap's DPanic methods: they panic only in development mode and log
//     and return in production, which is where a path that goes on
//     matters;
//   - functions of other packages that wrap a logger's Fatal: without
//     facts about their bodies they are taken to return, as every dynamic
//     call is.
//
// Never returning is not the spec's "terminating statement", which
// decides whether a function body needs a final return to compile: a
// call of panic is one, a call of os.Exit or log.Fatal is not. Fixes that
// end a function literal's body ask that question (goerrgroup's
// isTerminating), not this one.
package noreturn
