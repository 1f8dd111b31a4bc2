package service

import (
	"context"
	"fmt"

	"github.com/go-kratos/kratos/pkg/log"
)

// Findings whose fix would change what the code reads or does: no fix is
// offered (this file has no .golden).

// NameForCheck: the check's body returns the variable the use declares.
func (s *Service) NameForCheck(ctx context.Context, mid int64) (string, error) { // want NameForCheck:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	name := u.Name // want `u used before err is checked`
	if err != nil {
		return name, err
	}
	return name, nil
}

// Interleaved: a call between the use and the check would run in
// another order.
func (s *Service) Interleaved(ctx context.Context, mid int64) error { // want Interleaved:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	log.Info("user %s", u.Name) // want `u used before err is checked`
	s.remember(nil)
	if err != nil {
		return err
	}
	return nil
}

// ReadsCounter: the statement jumped over writes what the use reads.
func (s *Service) ReadsCounter(ctx context.Context, mid int64, n int64) (int64, error) { // want ReadsCounter:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	total := u.ID + n // want `u used before err is checked`
	n++
	if err != nil {
		return 0, err
	}
	return total + n, nil
}

// WithElse: the check has an else branch.
func (s *Service) WithElse(ctx context.Context, mid int64) string { // want WithElse:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	fmt.Println(u.ID) // want `u used before err is checked`
	if err != nil {
		return ""
	} else {
		return u.Name
	}
}

// NamedResult: the moved statement sets a result that a bare return reads.
func (s *Service) NamedResult(ctx context.Context, mid int64) (name string, err error) { // want NamedResult:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	name = u.Name // want `u used before err is checked`
	if err != nil {
		return
	}
	return
}

// Floating: a comment of its own between the use and the check.
func (s *Service) Floating(ctx context.Context, mid int64) error { // want Floating:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	fmt.Println(u.Name) // want `u used before err is checked`

	// Check the error now.

	if err != nil {
		return err
	}
	return nil
}

// ErrorsIs: the check is not err != nil, so moving below it proves nothing.
func (s *Service) ErrorsIs(ctx context.Context, mid int64) error { // want ErrorsIs:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	fmt.Println(u.Name) // want `u used before err is checked`
	if err != nil && err != context.Canceled {
		return err
	}
	return nil
}

func (s *Service) lockUsers()          {}
func (s *Service) unlockUser(id int64) {}

// UnlockAfterUse: the statement to move also releases the lock taken
// above; below the check it would no longer run when the check returns,
// leaving the lock held.
func (s *Service) UnlockAfterUse(ctx context.Context, mid int64) error { // want UnlockAfterUse:"derefs its receiver"
	s.lockUsers()
	u, err := s.dao.User(ctx, mid)
	s.unlockUser(u.ID) // want `u used before err is checked`
	if err != nil {
		return err
	}
	return nil
}
