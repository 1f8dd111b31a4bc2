// Package fanout is a stub of kratos pkg/sync/pipeline/fanout (v0.6.0):
// Do runs f in the background and returns ErrFull, dropping f, when the
// queue is full.
package fanout

import (
	"context"
	"errors"
)

// ErrFull is returned when the queue is full.
var ErrFull = errors.New("fanout: chan full")

// Fanout runs functions asynchronously.
type Fanout struct {
	ch chan func(context.Context)
}

// Option sets an option of the Fanout.
type Option func(*Fanout)

// New returns a Fanout.
func New(name string, opts ...Option) *Fanout {
	return &Fanout{ch: make(chan func(context.Context), 1024)}
}

// Do runs f asynchronously.
func (c *Fanout) Do(ctx context.Context, f func(ctx context.Context)) error {
	select {
	case c.ch <- f:
		return nil
	default:
		return ErrFull
	}
}

// Close closes the Fanout.
func (c *Fanout) Close() error { return nil }
