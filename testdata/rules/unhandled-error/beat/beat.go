// Package beat sends heartbeats as nacos-sdk-go's beat reactor does: a
// semaphore bounds the beats in flight, and each beat releases what it
// acquired.
package beat

import (
	"context"
	"time"

	"example.com/unhandled/logx"
)

// Weighted is a weighted semaphore, as golang.org/x/sync/semaphore's.
type Weighted struct{ ch chan struct{} }

// Acquire waits for n units; it fails with ctx's error once ctx is done.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	select {
	case s.ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Release gives back n units; it panics when more are released than held.
func (s *Weighted) Release(n int64) {
	select {
	case <-s.ch:
	default:
		panic("semaphore: released more than held")
	}
}

// Reactor sends the beats.
type Reactor struct {
	ctx  context.Context
	sem  *Weighted
	send func() error
}

// loop logs with logx, but a fix that logs a failed Acquire and goes on
// would reach the Release below without holding the semaphore: no fix.
func (r *Reactor) loop(period time.Duration) {
	for {
		r.sem.Acquire(r.ctx, 1) // want `error returned by r.sem.Acquire is not checked`
		if err := r.send(); err != nil {
			logx.Errorf("beat: %v", err)
		}
		r.sem.Release(1)
		select {
		case <-time.After(period):
		case <-r.ctx.Done():
			return
		}
	}
}

// Beat checks Acquire: the package does not hold its error harmless.
func (r *Reactor) Beat() error {
	if err := r.sem.Acquire(r.ctx, 1); err != nil {
		return err
	}
	defer r.sem.Release(1)
	return r.send()
}

// Wait only waits: nothing below releases, so the fix logs.
func (r *Reactor) Wait(s *Weighted) {
	s.Acquire(r.ctx, 1) // want `error returned by s.Acquire is not checked`
	logx.Infof("acquired")
}
