// Package cache refreshes struct-held maps from goroutines.
package cache

import (
	"context"
	"sync"

	kerrgroup "github.com/go-kratos/kratos/pkg/sync/errgroup"
	cerrgroup "go-common/library/sync/errgroup"
)

type Cache struct {
	mu    sync.RWMutex
	items map[string][]byte
}

// Warm writes c.items from kratos errgroup goroutines; the struct's own
// mutex is the one to use.
func (c *Cache) Warm(ctx context.Context, keys []string, load func(context.Context, string) []byte) error {
	g := kerrgroup.WithContext(ctx)
	for _, k := range keys {
		g.Go(func(ctx context.Context) error {
			c.items[k] = load(ctx, k) // want `concurrent write to map c.items: every goroutine`
			return nil
		})
	}
	return g.Wait()
}

// Peek holds only the read lock while it writes.
func (c *Cache) Peek(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.mu.RLock()
			c.items[k] = nil // want `concurrent write to map c.items: every goroutine started in this loop writes it with no lock held \(a read lock does not exclude other writers\)`
			c.mu.RUnlock()
		}()
	}
	wg.Wait()
}

type Index struct {
	byName map[string]int
}

// Build has no mutex to use: the fix declares one before the loop.
func (x *Index) Build(ctx context.Context, names []string) error {
	g := cerrgroup.WithContext(ctx)
	for i, n := range names {
		g.Go(func(ctx context.Context) error {
			x.byName[n] = i // want `concurrent write to map x.byName: every goroutine`
			return nil
		})
	}
	return g.Wait()
}
