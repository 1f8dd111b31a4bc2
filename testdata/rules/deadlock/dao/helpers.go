package dao

import (
	"fmt"
	"sync"
)

// Store locks through helper methods and names its lock contracts.
type Store struct {
	mu     sync.Mutex
	cond   *sync.Cond
	rows   map[string]string
	closed bool
}

// lock and unlock are helpers: they return with the lock held on purpose.
func (s *Store) lock()   { s.mu.Lock() } // only locks: a helper, not reported
func (s *Store) unlock() { s.mu.Unlock() }

// Set locks through the helpers.
func (s *Store) Set(k, v string) {
	s.lock()
	defer s.unlock()
	s.rows[k] = v
}

// Remove unlocks early through the helper: the helper call releases.
func (s *Store) Remove(k string) {
	s.mu.Lock()
	if _, ok := s.rows[k]; !ok {
		s.unlock() // a call that says it unlocks: not reported
		return
	}
	delete(s.rows, k)
	s.mu.Unlock()
}

// flushLocked is called with s.mu held: it returns with it held.
func (s *Store) flushLocked() {
	s.mu.Unlock()
	fmt.Println("flushing")
	s.mu.Lock() // the caller holds s.mu: *Locked functions are not reported
}

// waitReady is entered with s.mu held; it waits on the condition.
func (s *Store) waitReady() {
	for !s.closed {
		s.cond.Wait()
	}
	s.mu.Unlock()
	s.mu.Lock() // unlocks before it locks: entered with the lock held, not reported
}

// Begin starts a batch. It returns with s.mu held; call Commit to release it.
func (s *Store) Begin() {
	s.mu.Lock() // documented as returning locked: not reported
	s.rows = map[string]string{}
}

// Commit ends a batch started by Begin.
func (s *Store) Commit() {
	s.mu.Unlock()
}

// Must panics on a closed store: the panic path does not return.
func (s *Store) Must(k string) string {
	s.mu.Lock()
	if s.closed {
		panic("store closed") // a panic path leaves the lock held: not reported
	}
	v := s.rows[k]
	s.mu.Unlock()
	return v
}

// Close unlocks in a deferred closure.
func (s *Store) Close() error {
	s.mu.Lock()
	defer func() {
		s.closed = true
		s.mu.Unlock() // unlock in a deferred closure: not reported
	}()
	if s.rows == nil {
		return nil
	}
	s.rows = nil
	return nil
}

// Hold returns the unlock function: the caller releases.
func (s *Store) Hold() func() {
	s.mu.Lock() // handed to the caller as a func value: not reported
	return s.mu.Unlock
}

// Txn is a read transaction over the store; End releases the store's lock.
type Txn struct{ s *Store }

func (t *Txn) End() { t.s.mu.Unlock() }

// Read returns a transaction that owns the lock.
func (s *Store) Read() *Txn {
	s.mu.Lock() // the returned Txn holds s and unlocks it in End: not reported
	return &Txn{s: s}
}

// Async hands the lock to a goroutine.
func (s *Store) Async(done chan<- struct{}) {
	s.mu.Lock() // released by the goroutine: not reported
	go func() {
		defer s.mu.Unlock()
		s.rows = nil
		close(done)
	}()
}

// Two different mutexes are not a double lock.
type Pair struct {
	a, b sync.Mutex
}

func (p *Pair) Both() {
	p.a.Lock()
	p.b.Lock() // another mutex: not reported
	p.b.Unlock()
	p.a.Unlock()
}

var (
	regMu    sync.Mutex
	registry = map[string]int{}
)

// Register leaks the package-level mutex in one case of the switch.
func Register(name string, kind int) error {
	regMu.Lock() // want `regMu.Lock\(\) is not unlocked on the return at line 139`
	switch kind {
	case 0:
		return fmt.Errorf("bad kind %d", kind)
	case 1:
		registry[name] = kind
	}
	regMu.Unlock()
	return nil
}

// With locks through a sync.Locker and leaks it when f is nil.
func With(l sync.Locker, f func()) {
	l.Lock() // want `l.Lock\(\) is not unlocked on the return at line 151`
	if f == nil {
		return
	}
	f()
	l.Unlock()
}

// HoldFor takes the lock and hands its release on as a method value, to
// be called when register's owner is done (t.Cleanup(mu.Unlock)).
func (s *Store) HoldFor(register func(func())) {
	s.mu.Lock() // released by whoever register hands s.mu.Unlock to: not reported
	register(s.mu.Unlock)
	s.rows = nil
}
