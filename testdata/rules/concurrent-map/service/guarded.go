package service

import (
	"net"
	"sync"
)

// Serve tracks pending connections under pendingMu, but the goroutine's
// delete forgot it: the fix uses pendingMu, not a new mutex.
func Serve(l net.Listener, handle func(net.Conn)) {
	var pendingMu sync.Mutex
	pending := make(map[net.Conn]struct{})
	for {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		pendingMu.Lock()
		pending[conn] = struct{}{}
		pendingMu.Unlock()
		go func() {
			handle(conn)
			delete(pending, conn) // want `concurrent write to map pending: every goroutine started in this loop writes it with no lock held`
		}()
	}
}

// Versions reads under the mutex but writes in a deferred closure
// without it.
func Versions(ids []int, next func(int) int) map[int]int {
	var mutex sync.Mutex
	versions := map[int]int{}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mutex.Lock()
			v := versions[id]
			mutex.Unlock()
			defer func() {
				versions[id] = next(v) // want `concurrent write to map versions: every goroutine`
			}()
		}()
	}
	wg.Wait()
	return versions
}

// Progress reads under mu while its goroutine writes without it.
func Progress(ids []int64, done <-chan struct{}) int {
	var mu sync.Mutex
	seen := map[int64]bool{}
	go func() {
		for _, id := range ids {
			seen[id] = true // want `concurrent write to map seen: the launching function reads it at line 61`
		}
	}()
	<-done
	mu.Lock()
	n := len(seen)
	mu.Unlock()
	return n
}

// Dedup reads the map in the goroutine outside the write statement: a
// lock around the write alone would not do, so there is no fix.
func Dedup(keys []string) map[string]int {
	first := map[string]int{}
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok := first[k]; !ok {
				first[k] = i // want `concurrent write to map first: every goroutine`
			}
		}()
	}
	wg.Wait()
	return first
}
