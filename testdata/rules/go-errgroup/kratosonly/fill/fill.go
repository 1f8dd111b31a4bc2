// Package fill is in a module that requires kratos but not
// golang.org/x/sync: with the default configuration (x/sync's errgroup)
// the fix uses the kratos errgroup, which the module can import, and its
// title says so.
package fill

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
