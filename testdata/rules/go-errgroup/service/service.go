package service

import (
	"context"
	"fmt"
	"sync"
)

// Service is the account service.
type Service struct {
	dao   *Dao
	mu    sync.Mutex
	cache map[int64]*Account
}

// Accounts loads accounts concurrently: the classic WaitGroup fan-out.
func (s *Service) Accounts(ctx context.Context, uids []int64) (map[int64]*Account, error) {
	var mu sync.Mutex
	res := make(map[int64]*Account, len(uids))
	var wg sync.WaitGroup
	for _, uid := range uids {
		wg.Add(1)
		go func(uid int64) { // want `goroutines fanned out in a loop and joined by wg.Wait drop the error of s.dao.Account; use errgroup`
			defer wg.Done()
			a, err := s.dao.Account(ctx, uid)
			if err != nil {
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

// Purge deletes cache entries without waiting: each error is dropped.
func (s *Service) Purge(ctx context.Context, uids []int64) error {
	for _, uid := range uids {
		go s.dao.DelCache(ctx, uid) // want `goroutines fanned out in a loop drop the error of s.dao.DelCache; nothing waits for them`
	}
	return nil
}

// Names collects results from a channel by hand.
func (s *Service) Names(ctx context.Context, uids []int64) ([]string, error) {
	type result struct {
		name string
		err  error
	}
	ch := make(chan result, len(uids))
	for _, uid := range uids {
		// information only: each error is handed to the collector
		go func() { /* information */ // want `goroutines fanned out in a loop and collected from ch by hand; a panic in one crashes the process`
			a, err := s.dao.Account(ctx, uid)
			if err != nil {
				ch <- result{err: err}
				return
			}
			ch <- result{name: a.Name}
		}()
	}
	var names []string
	for range uids {
		r := <-ch
		if r.err != nil {
			return nil, r.err
		}
		names = append(names, r.name)
	}
	return names, nil
}

// Save writes the cache in the background and drops its error.
func (s *Service) Save(ctx context.Context, a *Account) {
	go s.dao.SetCache(ctx, a) // want `goroutine drops the error of s.dao.SetCache`
}

// SaveLater drops the error inside a function literal, as a call
// statement: unhandled-error reports it at the call, not this rule again.
func (s *Service) SaveLater(a *Account) {
	go func() { /* information */ // want `go func literal: a panic in the goroutine crashes the process`
		s.dao.SetCache(context.Background(), a)
	}()
}

// Refresh assigns an err that nothing reads.
func (s *Service) Refresh(ctx context.Context, uid int64) {
	go func() { // want `goroutine drops the error of s.dao.Account`
		a, err := s.dao.Account(ctx, uid)
		if err != nil {
			return
		}
		err = s.dao.SetCache(ctx, a)
	}()
}

// Counts drops the error of a two-result call.
func (s *Service) Counts(ctx context.Context, uid int64) {
	go s.dao.Count(ctx, uid) // want `goroutine drops the error of s.dao.Count`
}

// Batch fans out inside a closure, over nested loops, with Add before the loop.
func (s *Service) Batch(ctx context.Context, groups [][]int64) error {
	load := func(ids []int64) error {
		var wg sync.WaitGroup
		wg.Add(len(ids))
		for _, id := range ids {
			// information only: Touch returns no error, so only a panic is at stake
			go func() { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
				defer wg.Done()
				s.dao.Touch(id)
			}()
		}
		wg.Wait()
		return nil
	}
	wg := new(sync.WaitGroup)
	for _, g := range groups {
		for _, id := range g {
			wg.Add(1)
			go func() { // want `goroutines fanned out in a loop and joined by wg.Wait drop the error of s.dao.Account`
				defer wg.Done()
				if _, err := s.dao.Account(ctx, id); err != nil {
					return
				}
			}()
		}
	}
	wg.Wait()
	return load(groups[0])
}

// Stream fans out and closes the channel from a waiter goroutine.
func (s *Service) Stream(ctx context.Context, uids []int64) []*Account {
	ch := make(chan *Account)
	var wg sync.WaitGroup
	for i := 0; i < len(uids); i++ {
		wg.Add(1)
		go func() { // want `goroutines fanned out in a loop and joined by wg.Wait`
			defer wg.Done()
			if a, err := s.dao.Account(ctx, uids[i]); err == nil {
				ch <- a
			}
		}()
	}
	// not reported: the closer of the fan-out only waits and closes;
	// nothing in it can fail or panic (the deadlock rule's fix writes it)
	go func() {
		wg.Wait()
		close(ch)
	}()
	var out []*Account
	for a := range ch {
		out = append(out, a)
	}
	return out
}

// Handled logs its error: only pointed out.
func (s *Service) Handled(ctx context.Context, a *Account) {
	// information only: the error is handled
	go func() { /* information */ // want `go func literal: a panic in the goroutine crashes the process`
		if err := s.dao.SetCache(ctx, a); err != nil {
			fmt.Println("set cache:", err)
		}
	}()
}

// Explicit discards the error on purpose.
func (s *Service) Explicit(ctx context.Context, a *Account) {
	// information only: an explicit _ = is a decision, not a drop
	go func() { /* information */ // want `go func literal: a panic`
		_ = s.dao.SetCache(ctx, a)
		fmt.Printf("saved %d\n", a.UID)
	}()
}

// HandOut hands the error to the caller through a captured variable.
func (s *Service) HandOut(ctx context.Context, a *Account) error {
	var err error
	done := make(chan struct{})
	// information only: the error goes out through err
	go func() { /* information */ // want `go func literal: a panic`
		err = s.dao.SetCache(ctx, a)
		close(done)
	}()
	<-done
	return err
}

// Each runs a callback per id; the goroutine is in the callback's function, not in the loop.
func (s *Service) Each(ids []int64, do func(func())) {
	for _, id := range ids {
		do(func() {
			// information only: not in a loop of its own function
			go s.dao.Touch(id) /* information */ // want `go s.dao.Touch\(\): a panic`
		})
	}
}

// Describe mentions go statements only in strings and comments.
func (s *Service) Describe() string {
	// go s.dao.SetCache(ctx, a) would drop the error: not code.
	return "go func() { s.dao.SetCache(ctx, a) }()" // a string, not a go statement
}
