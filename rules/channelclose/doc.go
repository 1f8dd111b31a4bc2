// Package channelclose defines the channel-close rule: the channel
// operations that panic — closing a nil channel, closing a channel twice,
// sending on a closed channel — and a receive loop that spins once its
// channel is closed.
//
// It works on each function's SSA form (golang.org/x/tools/go/ssa, built
// by ssaflow.Analyzer) and reports, within one function:
//
//   - close(ch) where ch is nil on some feasible path: a local declared
//     without make and not made on that path, a channel field of a struct
//     built here without it, an unexported package-level channel that
//     nothing in the package makes;
//   - a close of a channel that a feasible path has already closed: the
//     same SSA value, or the same variable or field (s.done) with nothing
//     on the path that could replace it — a store to it, or a call that
//     gets s, unless the field is unexported and the package sets it only
//     when building its struct; this includes a close in a loop that
//     reaches itself on the next iteration, and an explicit close of a
//     channel that a deferred close closes again when the function returns;
//   - a send (or a select send case) on a channel a feasible path has
//     already closed;
//   - a receive without ok (v := <-ch, <-ch, or a select case) in a loop
//     that nothing leaves: once the channel is closed, the receive yields
//     zero values at once, forever. This includes channels whose closing
//     the package cannot see — parameters, call results (a databus
//     Messages()), exported fields — unless the channel is known never to
//     be closed (below). Such a loop is a warning when the channel is
//     known to be closed somewhere — the package closes it, or it is a
//     databus consumer's Messages(), which Close closes — and information
//     when its closing is out of sight (a parameter, another call's
//     result): the loop cannot end either way, but whether it spins
//     depends on code the rule does not see.
//
// A receive loop cannot spin, and is left alone, when no channel the
// receive may get can be closed. The package's channel values and
// channel variables are joined into webs of what may hold the same
// channel (φs, conversions, stores and loads of a local, a package
// variable or a struct field — one web per field, for all struct values
// — and the arguments and parameters of the package's own unexported
// functions and function literals that are only ever called directly).
// A web is never closed when the package closes none of it and
//
//   - it holds only time channels: time.Tick, time.After, a Ticker's or
//     Timer's C (receive-only; the time package never closes them), or
//   - its channel is registered with signal.Notify, or
//   - every channel in it is made by make in this package and never
//     leaves the web: it is only received from, sent on, compared,
//     measured with len or cap, stored in unexported variables or
//     fields of the package, or passed to such a function. Anything
//     else — passing it to another function, returning it, storing it
//     in a slice or map, sending it on a channel, converting it to an
//     interface, taking a variable's address other than to load or
//     store — lets code we do not see close it. Nor may the web take a
//     channel from such code: a parameter of an exported function or
//     of a method, a call result, an element, an exported variable or
//     field, another package's field. (A web with no channel at all is
//     nil: the receive blocks forever.)
//
// So a worker's `for { <-s.wake }` on an unexported field that New makes
// and nothing closes or hands out is left alone, but the same loop over
// a parameter, over a field that Close closes, or over a channel passed
// to another package is reported.
//
// A path is feasible unless its branch conditions contradict each other:
// closes under `if c` and `if !c`, or a second close behind `if !closed`
// after `closed = true`, are not on one path. A path ends at a call that
// never returns (os.Exit, log.Fatal*, t.Fatal*, the package's own
// wrappers of them) or a panic.
//
// The fixes make a nil channel where it is declared (see makeinit), delete
// a second close that always follows the first (with an if it leaves
// empty, when its condition has no side effects), and rewrite a spinning
// loop to range over the channel or to stop when it is closed.
//
// It leaves alone closes in different branches, closes inside function
// literals (sync.Once's once.Do(func() { close(ch) }), a closer
// goroutine: the analysis stays within one function), for v := range ch
// and receives with ok, loops with another way out (a ctx.Done() case
// that returns, a break, a return on the zero value), and receive loops
// on channels that are never closed (above). Packages that do not
// type-check get no SSA form and therefore no findings.
package channelclose
