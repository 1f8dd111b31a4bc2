package service

import (
	"context"

	"github.com/example/account/internal/model"

	"github.com/go-kratos/kratos/pkg/log"
)

// AccountInfo returns the account of uid.
func (s *Service) AccountInfo(ctx context.Context, uid int64) (*model.Account, error) {
	acc, err := s.dao.Account(ctx, uid)
	log.Infoc(ctx, "account info uid(%d) level(%d)", uid, acc.Level) // pitfall: use-before-err-check
	if err != nil {
		log.Errorc(ctx, "s.dao.Account(%d) error(%v)", uid, err)
		return nil, err
	}
	return acc, nil
}

// VIPLevels loads the levels of the given accounts, to warm the VIP cache
// at start-up.
func (s *Service) VIPLevels(ctx context.Context, uids []int64) map[int64]int32 {
	levels := make(map[int64]int32, len(uids))
	for _, uid := range uids {
		acc, err := s.dao.Account(ctx, uid)
		if err != nil {
			log.Fatal("warm vip: s.dao.Account(%d) error(%v)", uid, err)
		}
		levels[uid] = acc.Level // pitfall: use-before-err-check
	}
	return levels
}
