// Package naming is a stub of kratos pkg/naming.
package naming

import "context"

type Instance struct {
	AppID string
	Addrs []string
}

type InstancesInfo struct{ Instances map[string][]*Instance }

type Resolver interface {
	Fetch(context.Context) (*InstancesInfo, bool)
	Watch() <-chan struct{}
	Close() error
}

type BuildOpt interface{ Apply() }

type Builder interface {
	Build(id string, options ...BuildOpt) Resolver
	Scheme() string
}
