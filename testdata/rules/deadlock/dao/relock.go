package dao

import (
	"sync"
	"time"
)

// Counters is a cache whose methods lock with a deferred Unlock and then,
// on some path, lock the same mutex again: the deferred Unlock runs only
// when the method returns, so the second Lock waits for itself.
type Counters struct {
	mu    sync.Mutex
	hits  map[string]int64
	limit int
}

// Swap takes the lock again on the rare path that logs.
func (c *Counters) Swap() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.hits
	if len(old) > c.limit {
		c.mu.Lock() // want `c.mu.Lock\(\) blocks forever: c.mu is still locked by c.mu.Lock\(\) on line 19, whose deferred Unlock runs only when the function returns, and sync.Mutex is not reentrant`
		c.limit *= 2
	}
	c.hits = make(map[string]int64, len(old))
	return old
}

// Reset locks again at the end.
func (c *Counters) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hits = nil
	c.mu.Lock() // want `c.mu.Lock\(\) blocks forever: c.mu is still locked by c.mu.Lock\(\) on line 32, whose deferred Unlock`
}

// Trim defers the Unlock in a closure.
func (c *Counters) Trim(max int) {
	c.mu.Lock()
	defer func() {
		c.mu.Unlock()
	}()
	for k := range c.hits {
		if len(c.hits) <= max {
			break
		}
		c.mu.Lock() // want `c.mu.Lock\(\) blocks forever: c.mu is still locked by c.mu.Lock\(\) on line 40, whose deferred Unlock`
		delete(c.hits, k)
		c.mu.Unlock()
	}
}

// AddAll defers the Unlock inside the loop: the first iteration's Unlock
// waits for the function to return, the second iteration's Lock for it.
func (c *Counters) AddAll(keys []string) {
	for _, k := range keys {
		c.mu.Lock() // want `c.mu.Lock\(\) runs again on the next loop iteration while c.mu is still locked: the deferred Unlock runs only when the function returns`
		defer c.mu.Unlock()
		c.hits[k]++
	}
}

// Slow releases the lock around the slow call and takes it back before
// the deferred Unlock: balanced, not a second Lock.
func (c *Counters) Slow(wait time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.limit++
	c.mu.Unlock()
	time.Sleep(wait)
	c.mu.Lock() // released just above: not held here
	c.limit--
}

// SlowSometimes releases the lock only when it has to wait; both paths
// are balanced.
func (c *Counters) SlowSometimes(wait time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if wait > 0 {
		c.mu.Unlock()
		time.Sleep(wait)
		c.mu.Lock() // released just above on this path
	}
	c.limit++
}

// Merge locks two instances of the same type: two mutexes.
func (c *Counters) Merge(o *Counters) {
	c.mu.Lock()
	defer c.mu.Unlock()
	o.mu.Lock() // another Counters' mutex
	defer o.mu.Unlock()
	for k, v := range o.hits {
		c.hits[k] += v
	}
}

// Async locks in a goroutine: another goroutine waits for the deferred
// Unlock, which is what it should do.
func (c *Counters) Async(done chan<- struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	go func() {
		c.mu.Lock() // in another goroutine
		c.limit++
		c.mu.Unlock()
		close(done)
	}()
}

// Later stores a closure that locks; it runs after Later returns.
func (c *Counters) Later() func() {
	c.mu.Lock()
	defer c.mu.Unlock()
	return func() {
		c.mu.Lock() // runs when the caller calls it, after the deferred Unlock
		c.limit = 0
		c.mu.Unlock()
	}
}

// Try only tries the lock again: TryLock does not block.
func (c *Counters) Try() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.mu.TryLock() // fails, but does not block
}

// Shards locks shards by index: not provably the same mutex twice.
type Shards struct {
	shards [4]struct {
		mu sync.Mutex
		n  int
	}
}

func (s *Shards) Move(i, j int) {
	s.shards[i].mu.Lock()
	defer s.shards[i].mu.Unlock()
	s.shards[j].mu.Lock() // i != j for the callers: an index is not a known mutex
	defer s.shards[j].mu.Unlock()
	s.shards[i].n--
	s.shards[j].n++
}

// Table is guarded by a read-write mutex.
type Table struct {
	sync.RWMutex
	rows map[string]string
}

// Upgrade takes the write lock while its deferred RUnlock still holds the
// read lock.
func (t *Table) Upgrade(k, v string) {
	t.RLock()
	defer t.RUnlock()
	if _, ok := t.rows[k]; !ok {
		t.Lock() // want `t.Lock\(\) blocks forever: this goroutine still holds the read lock t.RLock\(\) from line 157, whose deferred RUnlock runs only when the function returns`
		t.rows[k] = v
		t.Unlock()
	}
}

// Dump read-locks twice: it blocks only when a writer waits in between,
// which under load it will.
func (t *Table) Dump() []string {
	t.RLock()
	defer t.RUnlock()
	var out []string
	for k := range t.rows {
		out = append(out, k+"="+t.get(k))
	}
	return out
}

func (t *Table) get(k string) string {
	t.RLock()
	defer t.RUnlock()
	return t.rows[k] // a second read lock in another function: out of reach
}

// Keys read-locks twice in one function.
func (t *Table) Keys() []string {
	t.RLock()
	defer t.RUnlock()
	keys := make([]string, 0, len(t.rows))
	t.RLock() /* information */ // want `t.RLock\(\) can block forever: this goroutine already holds the read lock t.RLock\(\) from line 186, and once a writer waits in Lock new read locks wait too \(sync.RWMutex forbids recursive read locking\)`
	for k := range t.rows {
		keys = append(keys, k)
	}
	t.RUnlock()
	return keys
}

// UpgradeReleased releases the read lock before it takes the write lock:
// the usual upgrade, not a second lock.
func (t *Table) UpgradeReleased(k, v string) {
	t.RLock()
	_, ok := t.rows[k]
	t.RUnlock()
	if ok {
		return
	}
	t.Lock() // the read lock was released just above
	defer t.Unlock()
	t.rows[k] = v
}

// Len read-locks twice without a defer.
func (t *Table) Len() int {
	t.RLock()
	n := len(t.rows)
	t.RLock() /* information */ // want `t.RLock\(\) can block forever: this goroutine already holds the read lock t.RLock\(\) from line 213`
	n += len(t.rows)
	t.RUnlock()
	t.RUnlock()
	return n
}
