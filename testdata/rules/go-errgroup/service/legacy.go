package service

import (
	"context"
	"sync"

	"github.com/go-kratos/kratos/pkg/sync/errgroup"
)

// Legacy already uses the kratos errgroup in this file, so the fix does too.
func (s *Service) Legacy(ctx context.Context, uids []int64) error {
	eg := errgroup.WithContext(ctx)
	eg.Go(func(ctx context.Context) error { return nil }) // eg.Go is not a go statement
	if err := eg.Wait(); err != nil {
		return err
	}
	var wg sync.WaitGroup
	for _, uid := range uids {
		wg.Add(1)
		go func() { // want `goroutines fanned out in a loop and joined by wg.Wait drop the error of s.dao.DelCache; use errgroup`
			defer wg.Done()
			if err := s.dao.DelCache(ctx, uid); err != nil {
				return
			}
		}()
	}
	wg.Wait()
	return nil
}
