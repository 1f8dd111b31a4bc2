package service

import (
	"context"

	"github.com/example/account/internal/model"
)

// OrderStats sums a user's orders by state.
type OrderStats struct {
	UID     int64
	Count   int
	Total   int64
	ByState map[int8]int64
}

// OrderStats returns the order summary of uid, for the account page.
func (s *Service) OrderStats(ctx context.Context, uid int64) (*OrderStats, error) {
	orders, err := s.dao.Orders(ctx, uid)
	if err != nil {
		return nil, err
	}
	st := &OrderStats{UID: uid}
	for _, o := range orders {
		st.Count++
		st.Total += o.Amount
		st.ByState[o.State] += o.Amount // pitfall: nil-map-write
	}
	return st, nil
}

// LevelCounts counts accounts by level, for the operations dashboard.
func LevelCounts(accounts []*model.Account) map[int32]int {
	counts := make(map[int32]int, 8)
	for _, a := range accounts {
		counts[a.Level]++ // made above
	}
	return counts
}
