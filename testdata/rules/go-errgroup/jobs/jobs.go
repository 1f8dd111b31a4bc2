// Package jobs runs batches of jobs.
package jobs

import (
	"context"
	"errors"
	"sync"
)

// Job is one unit of work.
type Job struct {
	ID      int
	Payload []byte
}

func run(ctx context.Context, j Job) error {
	if len(j.Payload) == 0 {
		return errors.New("empty job")
	}
	return nil
}

func worker(j Job, wg *sync.WaitGroup) {
	defer wg.Done()
	_ = run(context.Background(), j)
}

// RunAll passes the WaitGroup on to the worker: reported, but not rewritten.
func RunAll(jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		// information only: worker returns no error (its body is the unhandled-error rule's business)
		go worker(j, &wg) /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
	}
	wg.Wait()
}

// RunEven fans out from nested blocks of a labeled loop.
func RunEven(ctx context.Context, jobs []Job) (int, error) {
	var wg sync.WaitGroup
	n := 0
outer:
	for i, j := range jobs {
		if len(j.Payload) == 0 {
			continue outer
		}
		if i%2 == 0 {
			n++
			wg.Add(1)
			go func(j Job) { // want `goroutines fanned out in a loop and joined by wg.Wait drop the error of run; use errgroup`
				defer wg.Done()
				if err := run(ctx, j); err != nil {
					return
				}
			}(j)
		}
	}
	wg.Wait()
	return n, nil
}

// Flush drops the error of every job it fans out, as a call statement:
// unhandled-error reports that at the call; here it is information, and
// the fix returns the error to Wait.
func Flush(ctx context.Context, jobs []Job) error {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			run(ctx, j)
		}()
	}
	wg.Wait()
	return nil
}

// Retry fans out, gives up silently on each failure, then uses ctx again
// after the wait: the group gets a ctx of its own.
func Retry(ctx context.Context, jobs []Job) error {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() { // want `goroutines fanned out in a loop and joined by wg.Wait drop the error of run; use errgroup so it reaches the caller`
			defer wg.Done()
			if err := run(ctx, j); err != nil {
				return
			}
		}()
	}
	wg.Wait()
	return run(ctx, Job{})
}

// Collect fans out and collects the failures: no error is lost, so
// x/sync's errgroup would improve nothing and no fix is offered.
func Collect(ctx context.Context, jobs []Job) []Job {
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed []Job
	)
	for _, j := range jobs {
		wg.Add(1)
		go func() { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			if run(ctx, j) != nil {
				mu.Lock()
				failed = append(failed, j)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return failed
}

// Notify fires and forgets one short task per job; the call statement's
// dropped error is unhandled-error's, and waiting only to discard it
// would help no one: no fix.
func Notify(ctx context.Context, jobs []Job) {
	for _, j := range jobs {
		go func() { /* information */ // want `goroutines fanned out in a loop; a panic in one crashes the process`
			run(context.Background(), j)
		}()
	}
}

// Spread starts two goroutines per job: reported, not rewritten.
func Spread(ctx context.Context, jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(2)
		go func() { /* information */ // want `joined by wg.Wait`
			defer wg.Done()
			_ = run(ctx, j)
		}()
		go func() { /* information */ // want `joined by wg.Wait`
			defer wg.Done()
			_ = run(ctx, Job{ID: -j.ID})
		}()
	}
	wg.Wait()
}
