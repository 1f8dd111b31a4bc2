// Package concurrentmap defines the concurrent-map rule: a Go map is not
// safe for concurrent use, and a write that overlaps any other access to
// the same map makes the runtime stop the whole program with "fatal
// error: concurrent map writes" (or "concurrent map read and map write"),
// a fatal error that recover cannot catch.
//
// It reports a write (m[k] = v, m[k] op= v, m[k]++, delete, clear) made
// with no write lock held, inside a function literal started as a
// goroutine (a go statement, an errgroup Go — golang.org/x/sync and the
// Kratos …/pkg/sync/errgroup — or sync.WaitGroup.Go), to a map that is
// clearly shared: a variable of the launching function, a package-level
// variable, or a field path of one (s.cache), declared outside the
// goroutine, also when passed to it as an argument. It reports the write
// when, within the launching function's control-flow graph,
//
//   - the launch runs again (a loop) before anything waits for the
//     goroutine, and the map outlives the iteration; or
//   - the launching function uses the map after the launch on a path
//     that does not first wait for the goroutine; or
//   - another goroutine the function starts uses the map, with no wait
//     for either in between.
//
// The graphs are go/cfg's, built by package syncflow; whether a lock is
// held at the write is a must-analysis over the goroutine's graph (and
// the graphs of the literals around the write).
//
// Waiting means a happens-before edge the code shows: Wait on the
// sync.WaitGroup the goroutine calls Done on, Wait on the errgroup (or
// WaitGroup) that started it, a receive from (or range over) a channel
// the goroutine sends on or closes, a `return m, g.Wait()` (the caller
// gets m after Wait). A receive inside a loop that does not start the
// goroutines is taken to wait for all of them (for i := 0; i < n; i++
// { <-done }) — the rule trusts the count rather than report it. An
// errgroup limited to one goroutine (SetLimit(1), kratos GOMAXPROCS(1))
// runs its loop's goroutines one after another.
//
// It leaves alone: writes under a Lock (any sync.Mutex, RWMutex write
// lock, Locker, successful TryLock, or a call whose name says it locks);
// writes inside sync.Once.Do or inside a literal passed to a function
// named like withLock; sync.Map; maps made inside the goroutine or inside
// the loop iteration (m := make(…) in the body, a range variable, a
// per-iteration struct); maps reached through an index or a call; one
// goroutine writing a map that its launcher only reads after waiting; and
// goroutines started through functions and methods (go s.worker()),
// whose bodies are other functions, except in one case (named.go): a
// function of the package started in a loop (per connection, per
// message) that writes a package-level map with no lock held, a map
// every goroutine of the loop shares. It does not report reads in goroutines racing a
// write elsewhere, nor writes in one goroutine racing code in other
// methods: those need more than one function to prove.
//
// The fix guards the write with the mutex every other racing use of the
// map already holds, or, when the goroutine's own unguarded writes are
// the only racing uses, with the struct's mutex or a new sync.Mutex
// declared beside the map (see fix).
//
// The rule needs type information; on an ill-typed package it reports
// what the types it has let it see.
package concurrentmap
