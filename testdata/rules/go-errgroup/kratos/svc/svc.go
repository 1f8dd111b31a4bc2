// Package svc is rewritten to the kratos errgroup (errgroupImport set to it).
package svc

import (
	"context"
	"sync"

	"github.com/go-kratos/kratos/pkg/log"
)

type key struct{}

func load(ctx context.Context, id int64) error { return nil }

// Load fans out with a WaitGroup and returns an error.
func Load(ctx context.Context, ids []int64) error {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		// information only: the call statement's error is unhandled-error's; the fix returns it to Wait
		go func() { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			load(ctx, id)
		}()
	}
	wg.Wait()
	return nil
}

// Tagged derives a ctx per element: the closure must keep it.
func Tagged(ctx context.Context, ids []int64) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for _, id := range ids {
		ctx := context.WithValue(ctx, key{}, id)
		wg.Add(1)
		// information only: the error is logged; the kratos errgroup still turns panics into errors
		go func() { /* information */ // want `joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			if err := load(ctx, id); err != nil {
				log.Error("tagged %d: %v", id, err)
				return
			}
			mu.Lock()
			done++
			mu.Unlock()
		}()
	}
	wg.Wait()
}
