package service

import (
	"context"

	kerrgroup "github.com/go-kratos/kratos/pkg/sync/errgroup"
	"golang.org/x/sync/errgroup"
)

// Parallel already uses x/sync's errgroup: nothing to report.
func (s *Service) Parallel(ctx context.Context, uids []int64) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, uid := range uids {
		g.Go(func() error { // g.Go is not a go statement
			_, err := s.dao.Account(ctx, uid)
			return err
		})
	}
	run := g.Go // a method value of g.Go
	run(func() error { return nil })
	return g.Wait()
}

// Kratos uses the kratos errgroup: nothing to report.
func (s *Service) Kratos(ctx context.Context, uids []int64) error {
	eg := kerrgroup.WithContext(ctx)
	eg.GOMAXPROCS(4)
	for _, uid := range uids {
		eg.Go(func(ctx context.Context) error { // kratos eg.Go is not a go statement
			return s.dao.DelCache(ctx, uid)
		})
	}
	return eg.Wait()
}
