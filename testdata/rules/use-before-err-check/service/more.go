package service

import (
	"context"
	"fmt"
	stdlog "log"
	"net/http"

	"example.com/ubec/dao"
	gclog "go-common/library/log"
)

// --- positives ---

// GoCommonFatal relies on go-common's log.Fatal, which does not exit either.
func (s *Service) GoCommonFatal(ctx context.Context, mid int64) string { // want GoCommonFatal:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		gclog.Fatal("user %d: %v", mid, err)
	}
	return u.Name // want `u used after an err check whose log.Fatal does not exit`
}

// OnlyOnSuccess does work when err == nil, then uses u on every path.
func (s *Service) OnlyOnSuccess(ctx context.Context, mid int64) string { // want OnlyOnSuccess:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err == nil {
		s.remember(u)
	}
	return u.Name // want `u used after an err check that does not leave the block`
}

// Events closes a channel that is nil when Subscribe fails.
func (s *Service) Events(ctx context.Context) error {
	ch, err := subscribe(ctx)
	close(ch) // want `ch used before err is checked; ch is nil when subscribe fails`
	return err
}

func subscribe(ctx context.Context) (chan int, error) {
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return make(chan int), nil
}

// InSelect uses the result in a select case before the check.
func (s *Service) InSelect(ctx context.Context, mid int64, done <-chan struct{}) error { // want InSelect:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	select {
	case <-done:
		fmt.Println(u.Name) // want `u used before err is checked`
	default:
	}
	return err
}

// PostRequest panics through its logger when the request cannot be
// built (etcd rafthttp's createPostRequest, with zap's lg.Panic): the nil
// guard only spares a missing logger, and without one the nil request
// panics a line later anyway. The err branch means to leave.
func PostRequest(lg *stdlog.Logger, target string) *http.Request {
	req, err := http.NewRequest(http.MethodPost, target, nil)
	if err != nil {
		if lg != nil {
			lg.Panicf("new request: %v", err)
		}
	}
	req.Header.Set("Content-Type", "application/json") // the err branch ends in a nil-guarded Panicf
	req.Header.Set("X-From", "ubec")
	return req
}

// --- negatives a naive checker would flag ---

// MustRequest panics through a logger method that never returns.
func MustRequest(lg *stdlog.Logger, target string) *http.Request {
	req, err := http.NewRequest(http.MethodPost, target, nil)
	if err != nil {
		lg.Panicf("new request: %v", err)
	}
	req.Header.Set("Content-Type", "application/json") // (*log.Logger).Panicf does not return
	return req
}

// IDs has a value-receiver method on a slice type.
type IDs []int64

// Len works on a nil slice.
func (ids IDs) Len() int { return len(ids) }

func loadIDs(ctx context.Context) (IDs, error) { return nil, ctx.Err() }

// SliceMethod calls a value method of a nil slice type.
func (s *Service) SliceMethod(ctx context.Context) (int, error) {
	ids, err := loadIDs(ctx)
	n := ids.Len() // a method of a nil slice runs fine
	return n, err
}

// ElseBranch uses u in the else branch of the check.
func (s *Service) ElseBranch(ctx context.Context, mid int64) string { // want ElseBranch:"derefs its receiver"
	if u, err := s.dao.User(ctx, mid); err != nil {
		return ""
	} else {
		return u.Name // err == nil here
	}
}

// NestedCheck checks err inside the branch and returns on every path.
func (s *Service) NestedCheck(ctx context.Context, mid int64) (string, error) { // want NestedCheck:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		if err == dao.ErrNotFound {
			return "guest", nil
		}
		return "", err
	}
	return u.Name, nil // after a check that returns
}

// AddressTaken lets another function fill u.
func (s *Service) AddressTaken(ctx context.Context, mid int64) string { // want AddressTaken:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	fill(&u) // u may be replaced through the pointer
	_ = err
	return u.Name // u is no longer what User returned
}

func fill(u **dao.User) {
	if *u == nil {
		*u = &dao.User{}
	}
}

// FieldTarget assigns into a field, which the rule does not track.
func (s *Service) FieldTarget(ctx context.Context, mid int64) error { // want FieldTarget:"derefs its receiver"
	var holder struct{ u *dao.User }
	var err error
	holder.u, err = s.dao.User(ctx, mid)
	s.names[1] = holder.u.Name // a field, not a local variable: not tracked
	return err
}

// DeadUse follows a return.
func (s *Service) DeadUse(ctx context.Context, mid int64) string { // want DeadUse:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		return ""
	}
	return u.Name // after the check
}
