package cache

import (
	"context"

	"github.com/go-kratos/kratos/pkg/log"
)

// Registry replicates what it stores to its peers.
type Registry struct {
	items map[string]string
	peers []func(ctx context.Context, k, v string) error
}

func (r *Registry) replicate(ctx context.Context, k, v string) error {
	for _, p := range r.peers {
		if err := p(ctx, k, v); err != nil {
			return err
		}
	}
	return nil
}

// Set has decided its outcome before it replicates: returning the
// replication's error would fail a Set that was done. The fix logs.
func (r *Registry) Set(ctx context.Context, k, v string) (err error) { // want Set:"fails with cache.ErrNotFound"
	if _, ok := r.items[k]; !ok {
		err = ErrNotFound
	}
	r.items[k] = v
	r.replicate(ctx, k, v) // want `error returned by r.replicate is not checked`
	return
}

// Put has not: its fix returns the error.
func (r *Registry) Put(ctx context.Context, k, v string) error { // want Put:"never fails"
	r.items[k] = v
	r.replicate(ctx, k, v) // want `error returned by r.replicate is not checked`
	log.Info("put %s", k)
	return nil
}

// Sync replicates everything, and checks the error: so the package does
// not hold replicate's error to be harmless.
func (r *Registry) Sync(ctx context.Context) error {
	for k, v := range r.items {
		if err := r.replicate(ctx, k, v); err != nil {
			return err
		}
	}
	return nil
}
