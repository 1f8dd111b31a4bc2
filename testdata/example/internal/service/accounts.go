package service

import (
	"context"

	"github.com/example/account/internal/model"
	"github.com/go-kratos/kratos/pkg/sync/errgroup"
)

// Accounts returns the accounts of uids, read concurrently.
func (s *Service) Accounts(ctx context.Context, uids []int64) (map[int64]*model.Account, error) {
	res := make(map[int64]*model.Account, len(uids))
	g := errgroup.WithContext(ctx)
	for _, uid := range uids {
		uid := uid
		g.Go(func(ctx context.Context) error {
			a, err := s.dao.CachedAccount(ctx, uid)
			if err != nil {
				return err
			}
			res[uid] = a // pitfall: concurrent-map
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return res, nil
}
