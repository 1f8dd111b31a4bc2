package regs // want package:"registers=true"

// regs registers the discovery resolver in its init, as the
// kratos docs suggest for an api package.

import (
	"github.com/go-kratos/kratos/pkg/naming/discovery"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden/resolver"
)

func init() {
	resolver.Register(discovery.Builder())
}
