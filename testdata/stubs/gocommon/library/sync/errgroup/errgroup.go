// Package errgroup is a stub of kratos pkg/sync/errgroup (v0.6.0): Go
// passes the group's context and recovers panics into errors.
package errgroup

import (
	"context"
	"fmt"
	"sync"
)

type Group struct {
	err     error
	wg      sync.WaitGroup
	errOnce sync.Once
	ctx     context.Context
	cancel  func()
}

// WithContext returns a Group whose goroutines get ctx; it never cancels.
func WithContext(ctx context.Context) *Group { return &Group{ctx: ctx} }

// WithCancel returns a Group that cancels its context on the first error.
func WithCancel(ctx context.Context) *Group {
	ctx, cancel := context.WithCancel(ctx)
	return &Group{ctx: ctx, cancel: cancel}
}

func (g *Group) do(f func(ctx context.Context) error) {
	ctx := g.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	var err error
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("errgroup: panic recovered: %s", r)
		}
		if err != nil {
			g.errOnce.Do(func() {
				g.err = err
				if g.cancel != nil {
					g.cancel()
				}
			})
		}
		g.wg.Done()
	}()
	err = f(ctx)
}

func (g *Group) GOMAXPROCS(n int) {}

func (g *Group) Go(f func(ctx context.Context) error) {
	g.wg.Add(1)
	go g.do(f)
}

func (g *Group) Wait() error {
	g.wg.Wait()
	if g.cancel != nil {
		g.cancel()
	}
	return g.err
}
