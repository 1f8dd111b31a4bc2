package service

import (
	"context"
	"fmt"
	"sync"
)

// Warm fills the cache, logging each failure, and returns no error.
func (s *Service) Warm(ctx context.Context, accounts []*Account) {
	wg := sync.WaitGroup{}
	for i := 0; i < len(accounts); i++ {
		wg.Add(1)
		// information only: each error is logged; x/sync's errgroup would
		// improve nothing, so no fix is offered
		go func() { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			if err := s.dao.SetCache(ctx, accounts[i]); err != nil {
				fmt.Println("warm:", err)
			}
		}()
	}
	wg.Wait()
}
