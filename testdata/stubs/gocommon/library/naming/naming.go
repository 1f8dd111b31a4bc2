// Package naming is a stub of go-common library/naming.
package naming

import "context"

type Instance struct {
	Region   string
	Zone     string
	Env      string
	AppID    string
	Hostname string
	Addrs    []string
}

type Resolver interface {
	Fetch(context.Context) (map[string][]*Instance, bool)
	Watch() <-chan struct{}
	Close() error
}

type Builder interface {
	Build(id string) Resolver
	Scheme() string
}
