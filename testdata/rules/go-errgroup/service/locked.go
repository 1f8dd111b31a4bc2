package service

import (
	"context"
	"sync"
)

// Registry refreshes its entries under a lock held across the fan-out:
// returning Wait's error there would leave the mutex locked, so the
// finding gets no fix.
type Registry struct {
	mu      sync.Mutex
	entries map[string]int
}

func refreshOne(ctx context.Context, name string) error { return nil }

func (r *Registry) Refresh(ctx context.Context, names []string) error {
	r.mu.Lock()
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() { /* information */ // want `joined by wg.Wait`
			defer wg.Done()
			refreshOne(ctx, n)
		}()
	}
	wg.Wait()
	r.entries = nil
	r.mu.Unlock()
	return nil
}
