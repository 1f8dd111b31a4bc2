// Package discovery is a stub of go-common library/naming/discovery.
package discovery

import "go-common/library/naming"

type Config struct {
	Nodes  []string
	Key    string
	Secret string
	Region string
	Zone   string
	Env    string
	Host   string
}

type Discovery struct{ c *Config }

func New(c *Config) (d *Discovery)                      { return &Discovery{c: c} }
func Builder() naming.Builder                           { return &Discovery{} }
func (d *Discovery) Build(appid string) naming.Resolver { return nil }
func (d *Discovery) Scheme() string                     { return "discovery" }
