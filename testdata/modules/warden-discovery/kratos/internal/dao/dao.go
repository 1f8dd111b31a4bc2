package dao // want package:"registers=false"

import (
	"context"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

// Dao dials through the real kratos v0.6.0 warden, whose init registers
// only the direct resolver.
type Dao struct {
	passport *grpc.ClientConn
	member   *grpc.ClientConn
}

// New dials passport through discovery and member at a fixed address.
func New(cfg *warden.ClientConfig) (*Dao, error) { // want New:"dials discovery://default/passport.service in dao.New \\(dao.go:20\\)"
	client := warden.NewClient(cfg)
	passport, err := client.Dial(context.Background(), "discovery://default/passport.service")
	if err != nil {
		return nil, err
	}
	member, err := client.Dial(context.Background(), "direct://default/10.0.0.7:9000") // want `warden dials the fixed address "direct://default/10.0.0.7:9000"`
	if err != nil {
		return nil, err
	}
	return &Dao{passport: passport, member: member}, nil
}
