package service

import (
	"context"
	"sync"
	"time"

	"github.com/example/account/internal/model"
	"github.com/go-kratos/kratos/pkg/log"
)

// BatchAccounts returns the accounts of uids, fetched concurrently. An
// account that fails to load is logged and left out of the result.
func (s *Service) BatchAccounts(ctx context.Context, uids []int64) (map[int64]*model.Account, error) {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		res = make(map[int64]*model.Account, len(uids))
	)
	for _, uid := range uids {
		wg.Add(1)
		go func(uid int64) { // pitfall: go-errgroup
			defer wg.Done()
			a, err := s.dao.Account(ctx, uid)
			if err != nil {
				log.Error("BatchAccounts uid(%d): %v", uid, err)
				return
			}
			mu.Lock()
			res[uid] = a
			mu.Unlock()
		}(uid)
	}
	wg.Wait()
	return res, nil
}

// Touch records that the account was seen, without making the caller wait.
func (s *Service) Touch(a *model.Account) {
	a.Modified = time.Now()
	go s.dao.SaveAccount(context.Background(), a) // pitfall: go-errgroup
}
