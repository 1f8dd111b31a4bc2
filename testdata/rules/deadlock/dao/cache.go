// Package dao holds caches guarded by mutexes: locks left held on some
// return path, and the shapes that are fine.
package dao

import (
	"errors"
	"sync"
)

var ErrNotFound = errors.New("not found")

type Account struct {
	ID   int64
	Name string
}

type Cache struct {
	mu    sync.Mutex
	items map[int64]*Account
	hits  int
}

// Get returns with c.mu held when the item is missing.
func (c *Cache) Get(id int64) (*Account, error) {
	c.mu.Lock() // want `c.mu.Lock\(\) is not unlocked on the return at line 28; the next c.mu.Lock\(\) blocks forever`
	a, ok := c.items[id]
	if !ok {
		return nil, ErrNotFound
	}
	c.hits++
	c.mu.Unlock()
	return a, nil
}

// Put forgets the Unlock altogether.
func (c *Cache) Put(a *Account) {
	c.mu.Lock() // want `c.mu.Lock\(\) is never unlocked when the function ends at line 39`
	c.items[a.ID] = a
}

// Len unlocks on every path: balanced branches are fine.
func (c *Cache) Len(strict bool) int {
	c.mu.Lock()
	if strict {
		n := len(c.items)
		c.mu.Unlock()
		return n
	}
	c.mu.Unlock()
	return -1
}

// Delete uses defer: fine.
func (c *Cache) Delete(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[id]; !ok {
		return
	}
	delete(c.items, id)
}

// Names returns a value read under the lock on the leaking path: the
// Unlock-before-return fix would read c.items unlocked, so only the defer
// fix is offered.
func (c *Cache) Names(id int64) string {
	c.mu.Lock() // want `c.mu.Lock\(\) is not unlocked on the return at line 69`
	if a, ok := c.items[id]; ok {
		return c.items[id].Name + a.Name
	}
	c.mu.Unlock()
	return ""
}

type Stats struct {
	sync.RWMutex // embedded
	counts       map[string]int
}

// Count leaks the embedded read lock on the early return.
func (s *Stats) Count(key string) (int, bool) {
	s.RLock() // want `s.RLock\(\) is not unlocked on the return at line 85; a later s.Lock\(\) blocks forever`
	n, ok := s.counts[key]
	if !ok {
		return 0, false
	}
	s.RUnlock()
	return n, true
}

// Add locks twice on one path.
func (s *Stats) Add(key string, n int) {
	s.Lock()
	if n < 0 {
		s.Lock() // want `s.Lock\(\) blocks forever: s is already locked by s.Lock\(\) on line 93 and sync.RWMutex is not reentrant`
	}
	s.counts[key] += n
	s.Unlock()
}

// Upgrade takes the write lock while it holds the read lock.
func (s *Stats) Upgrade(key string) {
	s.RLock()
	_, ok := s.counts[key]
	if !ok {
		s.Lock() // want `s.Lock\(\) blocks forever: this goroutine still holds the read lock s.RLock\(\) from line 103`
		s.counts[key] = 0
		s.Unlock()
	}
	s.RUnlock()
}

// Snapshot takes the read lock twice: it blocks only when a writer waits
// in between, so it is reported at information severity.
func (s *Stats) Snapshot() map[string]int {
	s.RLock()
	defer s.RUnlock()
	out := make(map[string]int, len(s.counts))
	s.RLock() /* information */ // want `s.RLock\(\) can block forever: this goroutine already holds the read lock s.RLock\(\) from line 116`
	for k, v := range s.counts {
		out[k] = v
	}
	s.RUnlock()
	return out
}

// Reset locks, unlocks and locks again on one path: no double lock.
func (s *Stats) Reset() {
	s.Lock()
	s.counts = nil
	s.Unlock()
	s.Lock()
	s.counts = map[string]int{}
	s.Unlock()
}
