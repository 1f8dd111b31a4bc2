// Package discovery is a stub of kratos pkg/naming/discovery.
package discovery

import "github.com/go-kratos/kratos/pkg/naming"

type Config struct {
	Nodes []string
	Zone  string
	Env   string
}

type Discovery struct{}

func New(c *Config) *Discovery                                                   { return &Discovery{} }
func Builder() naming.Builder                                                    { return &Discovery{} }
func (d *Discovery) Build(appid string, opts ...naming.BuildOpt) naming.Resolver { return nil }
func (d *Discovery) Scheme() string                                              { return "discovery" }
