// Package v0server builds a Kratos v0.x warden server, which recovers
// panics itself: not a Kratos v2 server.
package v0server

import (
	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
)

// Server is not reported.
func Server() {
	_ = warden.NewServer(nil)
}
