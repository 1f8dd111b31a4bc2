package server

import (
	"github.com/go-kratos/kratos/v2/middleware/recovery"
	"github.com/go-kratos/kratos/v2/transport/http"
)

// NewHTTPServer builds the HTTP server as kratos-layout does, recovery
// first: nothing to report.
func NewHTTPServer(addr string) *http.Server {
	var opts = []http.ServerOption{
		http.Middleware(
			recovery.Recovery(),
		),
	}
	if addr != "" {
		opts = append(opts, http.Address(addr))
	}
	return http.NewServer(opts...)
}
