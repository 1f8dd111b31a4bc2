// Package httpserver builds an HTTP server with Kratos v2: net/http keeps
// the process alive, so the rule only informs.
package httpserver

import (
	"net/http"

	"github.com/go-kratos/kratos/v2/middleware/recovery"
	khttp "github.com/go-kratos/kratos/v2/transport/http"
)

// NoRecovery drops the connection on a panic.
func NoRecovery(addr string) *khttp.Server {
	return khttp.NewServer(khttp.Address(addr)) /* information */ // want `khttp.NewServer has no recovery.Recovery\(\) middleware: only net/http recovers a handler's panic`
}

// Recovered replies with a 500.
func Recovered(addr string) *khttp.Server {
	return khttp.NewServer(khttp.Address(addr), khttp.Middleware(recovery.Recovery()))
}

// Filtered may recover in an HTTP filter (gorilla's RecoveryHandler).
func Filtered(f func(http.Handler) http.Handler) *khttp.Server {
	return khttp.NewServer(khttp.Filter(f))
}
