package dao

import "sync"

// Counter counts under a mutex.
type Counter struct {
	mu sync.Mutex
	rw sync.RWMutex
	n  int
}

// Inc defers Lock where it meant Unlock.
func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Lock() // want `defer c.mu.Lock\(\) right after c.mu.Lock\(\) locks c.mu again when the function returns, while it is still locked: it blocks forever; defer c.mu.Unlock\(\) was meant`
	c.n++
}

// Get defers RLock where it meant RUnlock.
func (c *Counter) Get() int {
	c.rw.RLock()
	defer c.rw.RLock() // want `defer c.rw.RLock\(\) right after c.rw.RLock\(\) takes the read lock again instead of releasing it: c.rw stays read-locked and the next c.rw.Lock\(\) blocks forever; defer c.rw.RUnlock\(\) was meant`
	return c.n
}

// Add unlocks right away and defers nothing: fine.
func (c *Counter) Add(k int) {
	c.mu.Lock()
	defer c.mu.Unlock() // the Unlock that was meant above
	c.n += k
}

// Relock releases and takes the lock back for its caller, who holds it
// (a *Locked-style helper): the deferred Lock follows an Unlock.
func (c *Counter) Relock(slow func()) {
	c.mu.Unlock()
	defer c.mu.Lock() // gives the caller its lock back
	slow()
}
