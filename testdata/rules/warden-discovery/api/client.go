package api // want package:"registers=false"

import (
	"context"
	"fmt"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

// AppID is the discovery ID of the demo service.
const AppID = "demo.service"

// DemoClient is the demo service's client.
type DemoClient struct{ cc *grpc.ClientConn }

// NewClient is the client constructor of the kratos project template.
func NewClient(cfg *warden.ClientConfig, opts ...grpc.DialOption) (*DemoClient, error) { // want NewClient:"dials discovery://default/demo.service in api.NewClient \\(client.go:21\\)"
	client := warden.NewClient(cfg, opts...)
	// A discovery target: not a fixed address.
	cc, err := client.Dial(context.Background(), fmt.Sprintf("discovery://default/%s", AppID))
	if err != nil {
		return nil, err
	}
	return &DemoClient{cc: cc}, nil
}

// NewClientConcat dials the same target spelled with +.
func NewClientConcat(cfg *warden.ClientConfig) (*DemoClient, error) { // want NewClientConcat:"dials discovery://default/demo.service in api.NewClientConcat"
	// A constant discovery target.
	cc, err := warden.NewClient(cfg).Dial(context.Background(), "discovery://default/"+AppID)
	if err != nil {
		return nil, err
	}
	return &DemoClient{cc: cc}, nil
}

// NewClientFor dials an application chosen by the caller.
func NewClientFor(appID string) (*DemoClient, error) { // want NewClientFor:"dials discovery://default/… in api.NewClientFor"
	// discovery:// with a run-time app ID.
	cc, err := warden.NewConn("discovery://default/" + appID)
	if err != nil {
		return nil, err
	}
	return &DemoClient{cc: cc}, nil
}

// newLazy reaches a dial through another function of the package.
func newLazy() (*DemoClient, error) { // want newLazy:"dials discovery://default/demo.service in api.NewClient"
	return NewClient(nil)
}

// Lazy reaches a dial through two calls.
func Lazy() (*DemoClient, error) { // want Lazy:"dials discovery://default/demo.service in api.NewClient"
	return newLazy()
}
