// Package deadlock defines the deadlock rule: code that blocks its own
// goroutine forever. A sync.Mutex is not reentrant and nothing unlocks it
// for you, so a Lock left held on one return path makes the next Lock of
// the same mutex wait forever; a send on an unbuffered channel that no
// goroutine can receive from, or a range over a channel that nothing
// closes, waits forever too. When every goroutine waits, the runtime
// stops the program with "fatal error: all goroutines are asleep -
// deadlock!"; in a server, where other goroutines run, it just hangs.
//
// What it proves, within one function and along the paths of its
// control-flow graph (go/cfg; see package syncflow for why not ctrlflow):
//
//   - a Lock or RLock (sync.Mutex, sync.RWMutex, sync.Locker; a field
//     s.mu, an embedded mutex s.Lock(), a package-level mutex) or a
//     successful TryLock from which a return is reachable without an
//     Unlock of the same mutex, a deferred Unlock, or a call whose name
//     says it unlocks (s.unlock()). Paths that end in panic, os.Exit,
//     log.Fatal or t.Fatal do not count;
//   - a Lock of a mutex on a path where the same mutex is still locked,
//     also when its Unlock is deferred (a deferred Unlock runs only when
//     the function returns, so it never releases the lock for a Lock
//     below it, nor for the next iteration of a loop that defers it). An
//     RLock while the read lock is held is reported at information
//     severity: it blocks only when a writer calls Lock in between, but
//     then it blocks for good (sync.RWMutex forbids recursive read
//     locking);
//   - `defer mu.Lock()` (or RLock) right after `mu.Lock()`: the Unlock
//     that was meant (deferlock.go). The deferred Lock blocks forever when
//     the function returns; the lock left held is the same mistake and is
//     not reported again;
//   - a send on a channel made unbuffered in the function before any
//     goroutine or function could have got hold of it (the channel has
//     not been captured by a function literal, passed, stored or
//     returned on any path to the send);
//   - a range over a channel made in the function that is never closed
//     there and never leaves it (only sent to, received from, ranged
//     over), whose loop body has no break or return.
//
// Paths are followed with the constants they assign to local booleans,
// so `if locked { mu.Unlock() }` after `mu.Lock(); locked = true` is
// taken as the unlock it is.
//
// What it leaves alone, because the function cannot show the lock is
// wrong, and real code (etcd, grpc, bbolt) does these on purpose:
//
//   - functions named *Locked (the caller holds the lock), and functions
//     that unlock the mutex before they lock it (the same contract);
//   - returns that hand the lock over: a function value, or a value made
//     from the mutex's owner (return &txn{s: s}; t.init(db); return t) —
//     not the owner itself, which a fluent method returns as it is; and
//     a method of the owner returned through that unlocks first (callee.go);
//   - locks released by a goroutine or a stored closure, by a call whose
//     name says it unlocks (s.unlock(), go s.resetAndUnlock(); helpers
//     release only what their receiver holds), or by a defer registered
//     before them or a deferred closure; locks whose comment on the line
//     above says who releases them;
//   - a mutex the function never releases when it says it takes it: its
//     name starts with lock or acquire or ends in lock (lockShard,
//     LockInsideApply), its doc comment says the mutex is held or locked,
//     or its body only locks; and when nobody can wait for it: in main,
//     init and Test functions, in a goroutine's literal (the process is
//     on its way out), or for a mutex living in the function's frame;
//   - mutexes reached through an index or a call (s.shards[i].mu,
//     getMu().Lock()), which need not be the same mutex twice, and
//     custom lock types other than sync.Locker.
//
// Locks taken and released in different functions are out of its reach.
//
// The rule needs type information; on an ill-typed package it reports
// what the types it has let it see.
package deadlock
