// Package goerrgroup defines the go-errgroup rule: goroutines started with
// a bare go statement lose their errors (nothing returns them to anyone)
// and crash the whole process when they panic; the team's notes ask for
// errgroup instead ("并发不用go关键字 … 子进程可能会err").
//
// A warning claims that an error is lost, and is given only where the go
// statement itself is the reason:
//
//   - `go f()` where f returns an error: the go statement throws it away.
//     A function that serves a listener it is given (`go srv.Serve(l)`,
//     gRPC's Serve(lis)) is the exception: it returns only when the
//     listener is closed, and its error says no more than that;
//   - a function literal that looks at an error only to give up silently
//     (`if err != nil { return }` with nothing else in the branch, or
//     `if err == nil { … }` without an else), so that the error dies with
//     the goroutine. A return or break that ends an endless loop of the
//     goroutine (`for { … }`, a range over a channel) is how a
//     connection's or a worker's loop ends, not a lost error.
//
// Errors dropped by a call statement in the goroutine (`s.Set(v)`) or
// assigned to a variable nothing reads are the unhandled-error rule's
// findings, reported at the call: this rule does not report them again
// (one diagnostic per mistake, by the rule that explains it, where it is
// made), though its fix still returns them to the errgroup.
//
// Every other go statement is information, with what is true of it: a
// fan-out (a go statement in a finite loop of the same function: a range
// over anything but a channel, or a for loop with a condition) joined
// after the loop by a sync.WaitGroup or a channel, joined elsewhere (a
// WaitGroup field that the goroutine's code signals and another function
// of the package waits on, as a Stop or Close does), or not joined; a
// single goroutine, or one per connection or message. What the message
// then says is that a panic in the goroutine crashes the process. Where
// the goroutine's code recovers panics (a recover in it or in a function
// of the package it calls, as kratos' errgroup and fanout do) and drops
// no error, nothing is reported: the code shows it has dealt with both.
//
// Calls to errgroup's g.Go (x/sync or kratos) are not go statements and
// are never reported.
//
// The fix rewrites a fan-out to errgroup (see fix.go) only where that
// improves something: an error the goroutines drop now reaches Wait, and
// Wait's error is returned, logged or fails the test; or the target is
// the kratos errgroup, whose Go recovers panics into the error Wait
// returns. x/sync's errgroup does not recover panics, so a WaitGroup loop
// whose goroutines lose no error gets no x/sync rewrite.
package goerrgroup
