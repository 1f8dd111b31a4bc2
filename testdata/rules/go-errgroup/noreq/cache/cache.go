// Package cache is in a module that does not require golang.org/x/sync.
package cache

import (
	"context"
	"sync"
)

func set(ctx context.Context, k string) error { return nil }

// Fill fans out with a WaitGroup.
func Fill(ctx context.Context, keys []string) error {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() { /* information */ // want `joined by wg.Wait`
			defer wg.Done()
			set(ctx, k)
		}()
	}
	wg.Wait()
	return nil
}
