// Package kratos is a stub of the kratos v2 root package: the App that
// runs servers and registers them.
package kratos

import (
	"context"
	"os"

	"github.com/go-kratos/kratos/v2/log"
	"github.com/go-kratos/kratos/v2/registry"
	"github.com/go-kratos/kratos/v2/transport"
)

// Option is an application option.
type Option func(o *options)

type options struct {
	id, name, version string
	metadata          map[string]string
	logger            log.Logger
	servers           []transport.Server
	registrar         registry.Registrar
	sigs              []os.Signal
}

// ID with service id.
func ID(id string) Option { return func(o *options) { o.id = id } }

// Name with service name.
func Name(name string) Option { return func(o *options) { o.name = name } }

// Version with service version.
func Version(version string) Option { return func(o *options) { o.version = version } }

// Metadata with service metadata.
func Metadata(md map[string]string) Option { return func(o *options) { o.metadata = md } }

// Logger with service logger.
func Logger(logger log.Logger) Option { return func(o *options) { o.logger = logger } }

// Server with transport servers.
func Server(srv ...transport.Server) Option { return func(o *options) { o.servers = srv } }

// Registrar with service registry.
func Registrar(r registry.Registrar) Option { return func(o *options) { o.registrar = r } }

// App is an application components lifecycle manager.
type App struct{ opts options }

// New create an application lifecycle manager.
func New(opts ...Option) *App {
	o := options{}
	for _, opt := range opts {
		opt(&o)
	}
	return &App{opts: o}
}

// Run executes all OnStart hooks registered with the application's Lifecycle.
func (a *App) Run() error {
	for _, srv := range a.opts.servers {
		if err := srv.Start(context.Background()); err != nil {
			return err
		}
	}
	return nil
}

// Stop gracefully stops the application.
func (a *App) Stop() error {
	for _, srv := range a.opts.servers {
		if err := srv.Stop(context.Background()); err != nil {
			return err
		}
	}
	return nil
}
