// Package direct is a stub of kratos pkg/net/rpc/warden/resolver/direct:
// the resolver of direct://default/ip:port,ip:port targets, which warden
// registers in its init.
package direct

import "github.com/go-kratos/kratos/pkg/naming"

// Name is the scheme of the direct resolver.
const Name = "direct"

type Direct struct{ id string }

func New() *Direct                                                        { return &Direct{} }
func Build(id string) *Direct                                             { return &Direct{id: id} }
func (d *Direct) Build(id string, opt ...naming.BuildOpt) naming.Resolver { return nil }
func (d *Direct) Scheme() string                                          { return Name }
