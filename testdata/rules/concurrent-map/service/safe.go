package service

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Guarded holds the mutex at every write.
func (s *Service) Guarded(ctx context.Context, uids []int64) map[int64]string {
	names := make(map[int64]string, len(uids))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, uid := range uids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := s.dao.Account(ctx, uid)
			if err != nil {
				return
			}
			mu.Lock()
			names[uid] = a.Name // under mu: not reported
			mu.Unlock()
		}()
	}
	wg.Wait()
	return names
}

// Deferred unlocks with defer: the write is under the lock.
func Deferred(keys []string) map[string]int {
	out := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			out[k] = len(k) // under mu until the goroutine returns: not reported
		}()
	}
	wg.Wait()
	return out
}

// Synced uses a sync.Map.
func Synced(keys []string) *sync.Map {
	var m sync.Map
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Store(k, len(k)) // sync.Map: not reported
		}()
	}
	wg.Wait()
	return &m
}

// Own writes maps made inside each goroutine, and inside each iteration.
func Own(groups [][]string, out chan<- map[string]int) {
	for _, g := range groups {
		perIter := map[string]int{}
		go func() {
			local := map[string]int{}
			for _, k := range g {
				local[k] = len(k)   // the goroutine's own map: not reported
				perIter[k] = len(k) // made in this iteration, one per goroutine: not reported
			}
			out <- local
		}()
	}
}

// Tags writes a map of the per-iteration account.
func Tags(accounts []*Account) {
	var wg sync.WaitGroup
	for _, a := range accounts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.Tags["seen"] = "1" // each goroutine has its own account: not reported
		}()
	}
	wg.Wait()
}

// Once fills the map from one goroutine, read only after Wait.
func Once(ids []int64) int {
	seen := map[int64]bool{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, id := range ids {
			seen[id] = true // one writer, read after wg.Wait: not reported
		}
	}()
	wg.Wait()
	return len(seen)
}

// Done waits on a channel the goroutine closes after writing.
func Done(ids []int64) int {
	seen := map[int64]bool{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, id := range ids {
			seen[id] = true // read after <-done: not reported
		}
	}()
	<-done
	return len(seen)
}

// Group waits for its single errgroup goroutine before reading.
func (s *Service) Group(ctx context.Context, uid int64) (map[string]string, error) {
	info := map[string]string{}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		a, err := s.dao.Account(ctx, uid)
		if err != nil {
			return err
		}
		info["name"] = a.Name // read after g.Wait: not reported
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return info, nil
}

// Serial waits for each goroutine before starting the next.
func Serial(keys []string) map[string]int {
	out := map[string]int{}
	for _, k := range keys {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[k] = len(k) // the loop waits before the next launch: not reported
		}()
		wg.Wait()
	}
	return out
}

// Collected writes the map in the launcher only, from a channel.
func Collected(keys []string) map[string]int {
	type kv struct {
		k string
		n int
	}
	ch := make(chan kv)
	for _, k := range keys {
		go func() { ch <- kv{k, len(k)} }()
	}
	out := map[string]int{}
	for range keys {
		r := <-ch
		out[r.k] = r.n // written by the launcher alone: not reported
	}
	return out
}

// Counted receives once per goroutine before it reads.
func Counted(keys []string) int {
	out := map[string]int{}
	done := make(chan bool)
	go func() {
		out["first"] = 1 // read after a receive loop: not reported
		done <- true
	}()
	for i := 0; i < 1; i++ {
		<-done
	}
	return len(out)
}

type Registry struct {
	mu    sync.Mutex
	once  sync.Once
	items map[string]int
}

func (r *Registry) lock()   { r.mu.Lock() }
func (r *Registry) unlock() { r.mu.Unlock() }

func (r *Registry) withLock(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f()
}

// Fill guards its writes with helpers, sync.Once and TryLock.
func (r *Registry) Fill(keys []string) {
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(3)
		go func() {
			defer wg.Done()
			r.lock()
			defer r.unlock()
			r.items[k] = i // under the lock helper: not reported
		}()
		go func() {
			defer wg.Done()
			r.once.Do(func() {
				r.items = map[string]int{}
				r.items["init"] = 0 // inside sync.Once.Do: not reported
			})
			r.withLock(func() {
				r.items[k+"!"] = i // inside withLock: not reported
			})
		}()
		go func() {
			defer wg.Done()
			if r.mu.TryLock() {
				r.items[k+"?"] = i // TryLock succeeded: not reported
				r.mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// Shards writes a different shard per goroutine, through an index.
func Shards(shards []map[string]int, key string) {
	var wg sync.WaitGroup
	for i := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shards[i][key] = i // reached through an index, one shard each: not reported
		}()
	}
	wg.Wait()
}

// Worker starts goroutines through a method value: their bodies are
// another function's.
func (r *Registry) Worker(keys []string) {
	for range keys {
		go r.refresh() // not a literal: not analysed
	}
}

func (r *Registry) refresh() {
	r.items["refreshed"] = 1 // not in a goroutine literal: not reported
}

// Limited runs one errgroup goroutine at a time.
func (s *Service) Limited(ctx context.Context, uids []int64) (map[int64]string, error) {
	names := map[int64]string{}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(1)
	for _, uid := range uids {
		g.Go(func() error {
			a, err := s.dao.Account(ctx, uid)
			if err != nil {
				return err
			}
			names[uid] = a.Name // SetLimit(1): one goroutine at a time, not reported
			return nil
		})
	}
	err := g.Wait()
	return names, err
}
