// Package apply applies requests as etcd's applier does: a compaction
// hands back, even with its error, the channel that signals its physical
// end.
package apply

import "context"

// A KV is a key-value store.
type KV interface {
	Compact(rev int64) (<-chan struct{}, error)
	Range(ctx context.Context, key []byte) (*RangeResult, error)
}

// RangeResult is what a Range found.
type RangeResult struct{ Rev int64 }

// Header is a response header.
type Header struct{ Revision int64 }

type backend struct{ kv KV }

// Compaction returns Compact's channel with Compact's error: its failures
// hand back a value the caller waits on, so a new failure return cannot
// know what to give there (nil for ch?). No fix.
func (a *backend) Compaction(ctx context.Context, rev int64) (*Header, <-chan struct{}, error) {
	ch, err := a.kv.Compact(rev)
	if err != nil {
		return nil, ch, err
	}
	rr, _ := a.kv.Range(ctx, []byte("compaction")) // want `error returned by a.kv.Range is discarded; rr may be nil when it fails`
	return &Header{Revision: rr.Rev}, ch, nil
}

// Revision hands back nothing with its errors: the fix returns the error
// with zero values.
func (a *backend) Revision(ctx context.Context, rev int64) (*Header, <-chan struct{}, error) {
	ch, err := a.kv.Compact(rev)
	if err != nil {
		return nil, nil, err
	}
	rr, _ := a.kv.Range(ctx, []byte("compaction")) // want `error returned by a.kv.Range is discarded; rr may be nil when it fails`
	return &Header{Revision: rr.Rev}, ch, nil
}

// Get checks Range's error: the package does not hold it harmless.
func (a *backend) Get(ctx context.Context, key string) (int64, error) {
	rr, err := a.kv.Range(ctx, []byte(key))
	if err != nil {
		return 0, err
	}
	return rr.Rev, nil
}
