package server

import (
	"testing"

	"github.com/go-kratos/kratos/v2/transport/grpc"
)

// A test server that panics fails its test: only a hint.
func TestServer(t *testing.T) {
	srv := grpc.NewServer(grpc.Address(":0")) /* hint */ // want `grpc.NewServer has no recovery`
	_ = srv
}
