// Package fanout starts goroutines with sync.WaitGroup.Go (Go 1.25).
package fanout

import "sync"

// Lengths writes one map from every goroutine wg.Go starts.
func Lengths(keys []string) map[string]int {
	out := map[string]int{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() {
			out[k] = len(k) // want `concurrent write to map out: every goroutine started in this loop writes it with no lock held`
		})
	}
	wg.Wait()
	return out
}

// First fills the map in one goroutine and reads it after Wait.
func First(keys []string) int {
	seen := map[string]bool{}
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, k := range keys {
			seen[k] = true // one goroutine, read after wg.Wait: not reported
		}
	})
	wg.Wait()
	return len(seen)
}
