package gcdao // want package:"registers=false"

// gcdao is a go-common dao.

import (
	"context"

	"go-common/library/net/rpc/warden"
	"google.golang.org/grpc"
)

// AppID is the account service's discovery ID.
const AppID = "main.account.account-service"

// NewAccountConn dials one account instance.
func NewAccountConn(cfg *warden.ClientConfig) (*grpc.ClientConn, error) {
	return warden.NewClient(cfg).Dial(context.Background(), "127.0.0.1:9001") // want `fixed address "127.0.0.1:9001"`
}

// NewAccountDiscoveryConn dials through discovery.
func NewAccountDiscoveryConn(cfg *warden.ClientConfig) (*grpc.ClientConn, error) { // want NewAccountDiscoveryConn:"dials discovery://default/main.account.account-service in gcdao.NewAccountDiscoveryConn"
	return warden.NewClient(cfg).Dial(context.Background(), "discovery://default/"+AppID)
}
