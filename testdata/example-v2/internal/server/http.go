package server

import (
	"github.com/go-kratos/kratos/v2/middleware/recovery"
	"github.com/go-kratos/kratos/v2/transport/http"
)

// NewHTTPServer builds the HTTP server, with recovery first, as
// kratos-layout does: nothing to report.
func NewHTTPServer(addr string) *http.Server {
	return http.NewServer(
		http.Address(addr),
		http.Middleware(recovery.Recovery()),
	)
}
