// Package legacyapi is the passport service's API package written with a
// fixed address, the mistake the rule is about.
package legacyapi

import (
	"context"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

// AppID is the passport service's discovery ID.
const AppID = "passport.service"

// Client is the passport client.
type Client struct{ cc *grpc.ClientConn }

// NewClient dials one passport instance.
func NewClient(cfg *warden.ClientConfig, opts ...grpc.DialOption) (*Client, error) {
	client := warden.NewClient(cfg, opts...)
	conn, err := client.Dial(context.Background(), "127.0.0.1:9000") // want `warden dials the fixed address "127.0.0.1:9000": the client does not follow the service's instances through releases and scaling; dial "discovery://default/<appid>"`
	if err != nil {
		return nil, err
	}
	return &Client{cc: conn}, nil
}

// NewTLSClient dials one instance over TLS.
func NewTLSClient(cfg *warden.ClientConfig) (*Client, error) {
	conn, err := warden.NewClient(cfg).DialTLS(context.Background(), "direct://default/10.0.0.5:9000", "ca.pem", "passport") // want `fixed address "direct://default/10.0.0.5:9000"`
	if err != nil {
		return nil, err
	}
	return &Client{cc: conn}, nil
}

// NewDefaultClient dials with the default client.
func NewDefaultClient() (*Client, error) {
	conn, err := warden.NewConn("localhost:9000") // want `fixed address "localhost:9000"`
	if err != nil {
		return nil, err
	}
	return &Client{cc: conn}, nil
}

// NewLazyClient dials in a closure; the file's AppID is in scope there.
func NewLazyClient(cfg *warden.ClientConfig) func() (*Client, error) {
	return func() (*Client, error) {
		conn, err := warden.NewClient(cfg).Dial(context.Background(), "passthrough:///10.1.1.1:9000") // want `fixed address "passthrough:///10.1.1.1:9000"`
		if err != nil {
			return nil, err
		}
		return &Client{cc: conn}, nil
	}
}
