// Package transport is a stub of kratos v2 transport.
package transport

import "context"

// Server is transport server.
type Server interface {
	Start(context.Context) error
	Stop(context.Context) error
}
