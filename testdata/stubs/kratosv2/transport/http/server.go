package http

import (
	"context"
	"net/http"
	"time"

	"github.com/go-kratos/kratos/v2/middleware"
)

// ServerOption is an HTTP server option.
type ServerOption func(*Server)

// Network with server network.
func Network(network string) ServerOption { return func(s *Server) { s.network = network } }

// Address with server address.
func Address(addr string) ServerOption { return func(s *Server) { s.address = addr } }

// Timeout with server timeout.
func Timeout(timeout time.Duration) ServerOption { return func(s *Server) { s.timeout = timeout } }

// Middleware with service middleware option.
func Middleware(m ...middleware.Middleware) ServerOption {
	return func(o *Server) { o.middleware = append(o.middleware, m...) }
}

// FilterFunc is a function which receives an http.Handler and returns another http.Handler.
type FilterFunc func(http.Handler) http.Handler

// Filter with HTTP middleware option.
func Filter(filters ...FilterFunc) ServerOption { return func(o *Server) { o.filters = filters } }

// Server is an HTTP server wrapper. net/http recovers a handler's panic
// (logging "http: panic serving") and drops the connection.
type Server struct {
	*http.Server
	network    string
	address    string
	timeout    time.Duration
	filters    []FilterFunc
	middleware []middleware.Middleware
}

// NewServer creates an HTTP server by options.
func NewServer(opts ...ServerOption) *Server {
	srv := &Server{network: "tcp", address: ":0", timeout: time.Second}
	for _, o := range opts {
		o(srv)
	}
	srv.Server = &http.Server{}
	return srv
}

// Use uses a service middleware with selector.
func (s *Server) Use(selector string, m ...middleware.Middleware) {
	s.middleware = append(s.middleware, m...)
}

// HandleFunc registers a new route with a matcher for the URL path.
func (s *Server) HandleFunc(path string, h http.HandlerFunc) {}

// Start start the HTTP server.
func (s *Server) Start(ctx context.Context) error { return nil }

// Stop stop the HTTP server.
func (s *Server) Stop(ctx context.Context) error { return nil }
