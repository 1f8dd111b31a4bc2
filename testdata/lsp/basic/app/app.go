// Package app uses the framework APIs the knowledge hovers explain.
package app

import (
	"context"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
	kerr "github.com/go-kratos/kratos/pkg/sync/errgroup"
	"golang.org/x/sync/errgroup"
)

// Run starts the work.
func Run(ctx context.Context) error {
	if err := paladin.Init(); err != nil {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return ctx.Err() })
	kg := kerr.WithContext(ctx)
	kg.Go(func(ctx context.Context) error { return nil })
	go func() {}()
	_ = kg.Wait()
	return g.Wait()
}
