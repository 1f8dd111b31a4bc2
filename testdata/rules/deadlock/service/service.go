// Package service fans work out to goroutines over channels, and locks
// per item in loops.
package service

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

type Service struct {
	mu      sync.Mutex
	pending map[int64]bool
	once    sync.Once
	conf    map[string]string
}

// Mark locks per item and skips the Unlock on continue.
func (s *Service) Mark(ids []int64) {
	for _, id := range ids {
		s.mu.Lock() // want `s.mu.Lock\(\) runs again on the next loop iteration while s.mu is still locked: a path through the loop skips the Unlock`
		if s.pending[id] {
			continue
		}
		s.pending[id] = true
		s.mu.Unlock()
	}
}

// Unmark unlocks before continue: fine.
func (s *Service) Unmark(ids []int64) {
	for _, id := range ids {
		s.mu.Lock()
		if !s.pending[id] {
			s.mu.Unlock()
			continue
		}
		delete(s.pending, id)
		s.mu.Unlock()
	}
}

// Wait returns from a select case with the lock held.
func (s *Service) Wait(ctx context.Context, done <-chan struct{}) error {
	s.mu.Lock() // want `s.mu.Lock\(\) is not unlocked on the return at line 50`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-done:
	}
	s.mu.Unlock()
	return nil
}

// Flush falls off the end of the function with the lock held.
func (s *Service) Flush(force bool) {
	s.mu.Lock() // want `s.mu.Lock\(\) is not unlocked when the function ends at line 67`
	if !force {
		s.mu.Unlock()
		return
	}
	for id := range s.pending {
		delete(s.pending, id)
	}
}

// Try leaks a lock taken by TryLock.
func (s *Service) Try(id int64) bool {
	if !s.mu.TryLock() { // want `s.mu \(locked by TryLock\) is not unlocked on the return at line 75`
		return false
	}
	if s.pending[id] {
		return true
	}
	s.mu.Unlock()
	return false
}

// TryDefer gives up when the lock is busy: the failure path holds nothing.
func (s *Service) TryDefer(id int64) bool {
	if !s.mu.TryLock() {
		return false // TryLock failed: nothing to unlock, not reported
	}
	defer s.mu.Unlock()
	return s.pending[id]
}

// Config loads the configuration once, locking inside the Do closure.
func (s *Service) Config() map[string]string {
	s.once.Do(func() {
		s.mu.Lock()
		defer s.mu.Unlock() // sync.Once closure with a deferred Unlock: fine
		s.conf = map[string]string{}
	})
	return s.conf
}

// Start runs a worker that leaks its lock on error.
func (s *Service) Start(work func() error) {
	go func() {
		s.mu.Lock() // want `s.mu.Lock\(\) is not unlocked on the return at line 105`
		if err := work(); err != nil {
			return
		}
		s.mu.Unlock()
	}()
}

// First sends on an unbuffered channel before starting its receiver.
func First(ids []int64) int64 {
	ch := make(chan int64)
	ch <- ids[0] // want `send on unbuffered channel ch blocks forever: no goroutine that could receive from ch has been started yet`
	go func() {
		for range ch {
		}
	}()
	return <-ch
}

// Result sends and then receives itself.
func Result(err error) error {
	errc := make(chan error, 0)
	errc <- err // want `send on unbuffered channel errc blocks forever`
	return <-errc
}

// Loop sends once per iteration: no buffer size is right, no fix.
func Loop(n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		ch <- i // want `send on unbuffered channel ch blocks forever`
	}
}

// Handshake starts the receiver first: fine.
func Handshake() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return <-ch
}

// Later starts the receiver before sending: fine.
func Later(v int) {
	ch := make(chan int)
	go consume(ch) // the channel is passed to a goroutine first: not reported
	ch <- v
}

func consume(ch <-chan int) {
	for range ch {
	}
}

// Offer sends in a select with a default: never blocks.
func Offer(v int) bool {
	ch := make(chan int)
	select {
	case ch <- v: // a select send may take another case: not reported
		return true
	default:
		return false
	}
}

// Collect ranges over a channel that nothing closes.
func Collect(ids []int64, load func(int64) string) []string {
	out := make(chan string)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- load(id)
		}()
	}
	var names []string
	for name := range out { // want `range over out never ends: nothing closes out, so after the last value the loop waits forever`
		names = append(names, name)
	}
	wg.Wait()
	return names
}

// CollectAfterWait waits first, with a buffer large enough, then ranges.
func CollectAfterWait(ids []int64, load func(int64) string) []string {
	out := make(chan string, len(ids))
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- load(id)
		}()
	}
	wg.Wait()
	var names []string
	for name := range out { // want `range over out never ends`
		names = append(names, name)
	}
	return names
}

// CollectGroup feeds the channel from errgroup goroutines: no fix (the
// group's error must be kept), but the range never ends.
func CollectGroup(ctx context.Context, ids []int64) ([]int64, error) {
	g, ctx := errgroup.WithContext(ctx)
	found := make(chan int64)
	for _, id := range ids {
		g.Go(func() error {
			if id < 0 {
				return errors.New("bad id")
			}
			found <- id
			return nil
		})
	}
	var out []int64
	for id := range found { // want `range over found never ends`
		out = append(out, id)
	}
	return out, g.Wait()
}

// Closed closes the channel once the senders are done: fine.
func Closed(ids []int64) int {
	out := make(chan int64)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- id
		}()
	}
	go func() {
		wg.Wait()
		close(out) // closed by a goroutine: not reported
	}()
	n := 0
	for range out {
		n++
	}
	return n
}

// Count stops after the expected number of values: fine.
func Count(ids []int64) int {
	out := make(chan int64)
	for _, id := range ids {
		go func() { out <- id }()
	}
	n := 0
	for range out {
		n++
		if n == len(ids) {
			break // the loop ends itself: not reported
		}
	}
	return n
}

// Pipe hands the channel to a stage that may close it: fine.
func Pipe(ids []int64) {
	out := make(chan int64)
	go produce(out, ids) // produce may close it: not reported
	for range out {
	}
}

func produce(out chan<- int64, ids []int64) {
	for _, id := range ids {
		out <- id
	}
	close(out)
}
