package dao

import "testing"

// mustGet is a test helper: tb.Fatalf ends the test (through the
// testing.TB interface), so the return after it never leaves c.mu held.
func mustGet(tb testing.TB, c *Cache, id int64) *Account {
	c.mu.Lock()
	a, ok := c.items[id]
	if !ok {
		tb.Fatalf("no account %d", id)
		return nil // not reached: tb.Fatalf does not return
	}
	c.mu.Unlock()
	return a
}
