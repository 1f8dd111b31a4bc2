// Package loops is compiled as Go 1.21: a loop shares one variable
// across its iterations, so the rewritten closures need copies.
package loops

import (
	"context"
	"sync"
)

// User is a user.
type User struct {
	ID   int64
	Name string
}

func fetch(ctx context.Context, id int64) error { return nil }

func rename(ctx context.Context, n int, name string) error { return nil }

// Load passes the loop variable as an argument of the same name.
func Load(ctx context.Context, ids []int64) error {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		// information only: the call statement's error is unhandled-error's; the fix returns it to Wait
		go func(id int64) { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			fetch(ctx, id)
		}(id)
	}
	wg.Wait()
	return nil
}

// Touch starts a call per element and never waits.
func Touch(ctx context.Context, ids []int64) error {
	for i := 0; i < len(ids); i++ {
		go fetch(ctx, ids[i]) // want `goroutines fanned out in a loop drop the error of fetch`
	}
	return nil
}

// Rename passes expressions as arguments of other names.
func Rename(ctx context.Context, users []*User) error {
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(1)
		go func(n int, name string) { // want `joined by wg.Wait`
			defer wg.Done()
			if err := rename(ctx, n, name); err != nil {
				return
			}
		}(i, u.Name)
	}
	wg.Wait()
	return nil
}

// Captured captures the shared loop variable directly (racy before 1.22)
// and gives up silently on a failed fetch.
func Captured(ctx context.Context, users []*User) error {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		ids []int64
	)
	for _, u := range users {
		wg.Add(1)
		go func() { // want `joined by wg.Wait drop the error of fetch`
			defer wg.Done()
			if err := fetch(ctx, u.ID); err != nil {
				return
			}
			mu.Lock()
			ids = append(ids, u.ID)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return nil
}

// Collected collects the failures: no error is lost, no fix.
func Collected(ctx context.Context, users []*User) []int64 {
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed []int64
	)
	for _, u := range users {
		wg.Add(1)
		go func() { /* information */ // want `joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			if fetch(ctx, u.ID) != nil {
				mu.Lock()
				failed = append(failed, u.ID)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return failed
}
