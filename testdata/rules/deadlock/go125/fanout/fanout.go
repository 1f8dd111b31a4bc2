// Package fanout feeds channels from goroutines started by
// sync.WaitGroup.Go (Go 1.25).
package fanout

import "sync"

// Sizes ranges over a channel its wg.Go goroutines feed and nothing closes.
func Sizes(keys []string) []int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() {
			out <- len(k)
		})
	}
	var sizes []int
	for n := range out { // want `range over out never ends`
		sizes = append(sizes, n)
	}
	return sizes
}

// Closed closes the channel once the goroutines are done: fine.
func Closed(keys []string) []int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() {
			out <- len(k)
		})
	}
	go func() {
		wg.Wait()
		close(out) // closed after Wait: not reported
	}()
	var sizes []int
	for n := range out {
		sizes = append(sizes, n)
	}
	return sizes
}
