package service

import (
	"context"
	"fmt"
	"sync"
)

// Warm fills the cache and returns no error; sync is only used by the WaitGroup.
func (s *Service) Warm(ctx context.Context, accounts []*Account) {
	wg := sync.WaitGroup{}
	for i := 0; i < len(accounts); i++ {
		wg.Add(1)
		go func() { // want `goroutines fanned out in a loop and joined by wg.Wait`
			defer wg.Done()
			if err := s.dao.SetCache(ctx, accounts[i]); err != nil {
				fmt.Println("warm:", err)
			}
		}()
	}
	wg.Wait()
}
