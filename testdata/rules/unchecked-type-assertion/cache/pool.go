package cache

import (
	"container/list"
	"context"
	"errors"
	"io"
	"sync"
	"time"
)

// The shapes of kratos v0.6.0 pkg/container/pool/list.go: assertions
// between p.mu.Lock() and p.mu.Unlock(). An early return there would
// leave the mutex locked (and every later Get waiting forever): the
// findings get no fix.

type idle struct {
	c         io.Closer
	createdAt time.Time
}

type Pool struct {
	mu     sync.Mutex
	idles  list.List
	active int
}

func (p *Pool) Get(ctx context.Context) (io.Closer, error) {
	p.mu.Lock()
	for {
		e := p.idles.Front()
		if e == nil {
			break
		}
		ic := e.Value.(idle) /* information */ // want `unchecked type assertion e.Value.\(idle\)`
		p.idles.Remove(e)
		p.mu.Unlock()
		return ic.c, nil
	}
	p.mu.Unlock()
	return nil, errors.New("exhausted")
}

func (p *Pool) staleCleaner(ticker *time.Ticker) {
	for range ticker.C {
		p.mu.Lock()
		for {
			e := p.idles.Back()
			if e == nil {
				break
			}
			ic := e.Value.(idle) /* information */ // want `unchecked type assertion e.Value.\(idle\)`
			if time.Since(ic.createdAt) < time.Minute {
				break
			}
			p.idles.Remove(e)
		}
		p.mu.Unlock()
	}
}

// Close unlocks before its loop: the fix may return there.
func (p *Pool) Close() error {
	p.mu.Lock()
	idles := p.idles
	p.idles.Init()
	p.mu.Unlock()
	for e := idles.Front(); e != nil; e = e.Next() {
		it := e.Value.(idle) /* information */ // want `unchecked type assertion e.Value.\(idle\)`
		it.c.Close()
	}
	return nil
}

// Deferred unlocks run on the new return: the fix is offered.
func (p *Pool) Oldest() (io.Closer, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.idles.Back()
	it := e.Value.(idle) /* information */ // want `unchecked type assertion e.Value.\(idle\)`
	return it.c, nil
}

// A cancel function used after the assertion: returning early would leak
// the context's timer (go vet's lostcancel).
func (p *Pool) Probe(ctx context.Context, v any) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	c := v.(io.Closer) // want `unchecked type assertion v.\(io.Closer\)`
	err := ctx.Err()
	cancel()
	if err != nil {
		return err
	}
	return c.Close()
}
