package dao // want package:"analysed"

import (
	"context"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

// Dao reads its configuration from the real kratos v0.6.0 paladin.
type Dao struct {
	cc *grpc.ClientConn
}

type grpcConfig struct {
	Client *warden.ClientConfig
}

// New reads grpc.toml and dials the passport service through discovery.
func New() (*Dao, error) { // want New:"uses paladin.Get in dao.New \\(dao.go:23\\)"
	var cfg grpcConfig
	if err := paladin.Get("grpc.toml").UnmarshalTOML(&cfg); err != nil {
		return nil, err
	}
	cc, err := warden.NewClient(cfg.Client).Dial(context.Background(), "discovery://default/passport.service")
	if err != nil {
		return nil, err
	}
	return &Dao{cc: cc}, nil
}
