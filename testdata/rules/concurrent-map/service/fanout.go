// Package service fans requests out to goroutines that fill result maps.
package service

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

type Account struct {
	UID  int64
	Name string
	Tags map[string]string
}

type Dao interface {
	Account(ctx context.Context, uid int64) (*Account, error)
}

type Service struct {
	dao Dao
}

// Names starts one goroutine per uid; they all write names.
func (s *Service) Names(ctx context.Context, uids []int64) map[int64]string {
	names := make(map[int64]string, len(uids))
	var wg sync.WaitGroup
	for _, uid := range uids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := s.dao.Account(ctx, uid)
			if err != nil {
				return
			}
			names[uid] = a.Name // want `concurrent write to map names: every goroutine started in this loop writes it with no lock held`
		}()
	}
	wg.Wait()
	return names
}

// Accounts uses an errgroup: the group waits, but its goroutines still
// write res at the same time.
func (s *Service) Accounts(ctx context.Context, uids []int64) (map[int64]*Account, error) {
	res := make(map[int64]*Account, len(uids))
	g, ctx := errgroup.WithContext(ctx)
	for _, uid := range uids {
		g.Go(func() error {
			a, err := s.dao.Account(ctx, uid)
			if err != nil {
				return err
			}
			res[uid] = a // want `concurrent write to map res: every goroutine`
			return nil
		})
	}
	return res, g.Wait()
}

// Load writes the result of an RPC: the fix calls it outside the lock.
func (s *Service) Load(ctx context.Context, uids []int64) map[int64]error {
	errs := map[int64]error{}
	var wg sync.WaitGroup
	for _, uid := range uids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[uid] = s.check(ctx, uid) // want `concurrent write to map errs`
		}()
	}
	wg.Wait()
	return errs
}

func (s *Service) check(ctx context.Context, uid int64) error {
	_, err := s.dao.Account(ctx, uid)
	return err
}

// Words counts with ++ and +=, and deletes, from many goroutines.
func Words(lines []string) map[string]int {
	counts := make(map[string]int)
	var wg sync.WaitGroup
	for _, line := range lines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range strings.Fields(line) {
				counts[w]++ // want `concurrent write to map counts`
			}
			counts["lines"] += 1 // want `concurrent write to map counts`

			delete(counts, "") // want `concurrent write to map counts`
		}()
	}
	wg.Wait()
	return counts
}

// Lengths passes the map to the goroutine as an argument: still one map.
func Lengths(keys []string) map[string]int {
	out := make(map[string]int)
	done := make(chan struct{})
	for _, k := range keys {
		go func(m map[string]int, k string) {
			m[k] = len(k) // want `concurrent write to map out: every goroutine`
			done <- struct{}{}
		}(out, k)
	}
	for range keys {
		<-done
	}
	return out
}

// Background fills seen while the function goes on reading it.
func Background(ids []int64) int {
	seen := map[int64]bool{}
	go func() {
		for _, id := range ids {
			seen[id] = true // want `concurrent write to map seen: the launching function reads it at line 128 while this goroutine may still be writing`
		}
	}()
	return len(seen)
}

// Report ranges over the map before waiting.
func Report(ids []int64) string {
	stats := map[int64]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, id := range ids {
			stats[id] = int(id % 7) // want `concurrent write to map stats: the launching function reads it at line 143`
		}
	}()
	var b strings.Builder
	for id, n := range stats {
		fmt.Fprintf(&b, "%d=%d ", id, n)
	}
	wg.Wait()
	return b.String()
}

// Split starts two different goroutines on one map.
func Split(a, b []string) map[string]bool {
	set := map[string]bool{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for _, k := range a {
			set[k] = true // want `concurrent write to map set: the goroutine started at line 161 also uses it`
		}
	}()
	go func() {
		defer wg.Done()
		for _, k := range b {
			set[k] = false // want `concurrent write to map set: the goroutine started at line 155 also uses it`
		}
	}()
	wg.Wait()
	return set
}

// Nested writes from a closure the goroutine calls in place.
func Nested(keys []string) map[string]string {
	up := map[string]string{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			put := func(v string) {
				up[k] = v // want `concurrent write to map up`
			}
			put(strings.ToUpper(k))
		}()
	}
	wg.Wait()
	return up
}

// Fan starts its fan-out from a goroutine of its own.
func Fan(keys []string, done chan<- map[string]int) {
	go func() {
		lens := map[string]int{}
		var wg sync.WaitGroup
		for _, k := range keys {
			wg.Add(1)
			go func() {
				defer wg.Done()
				lens[k] = len(k) // want `concurrent write to map lens: every goroutine`
			}()
		}
		wg.Wait()
		done <- lens
	}()
}

var registry = map[string]int{}

// Register writes a package-level map from many goroutines.
func Register(names []string) {
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			registry[n] = i // want `concurrent write to map registry: every goroutine`
		}()
	}
	wg.Wait()
}
