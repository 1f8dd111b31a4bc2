package dao

import "testing"

func TestGet(t *testing.T) {
	c := &Cache{items: map[int64]*Account{1: {ID: 1}}}
	if _, err := c.Get(1); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock() // the test ends holding it, to check the state last: Test functions are not reported
	if c.hits != 1 {
		t.Errorf("hits = %d, want 1", c.hits)
	}
}
