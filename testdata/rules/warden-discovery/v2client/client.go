package v2client // want package:"registers=false"

// v2client uses kratos v2, a different framework: nothing here is
// warden, whatever the names. Its real client is checked as v2's.

import (
	"context"

	"github.com/go-kratos/kratos/v2/pkg/net/rpc/warden"
	v2grpc "github.com/go-kratos/kratos/v2/transport/grpc"
	"google.golang.org/grpc"
)

// AppID would give the fix an ID, were this warden.
const AppID = "demo.service"

// Dial uses kratos v2's real client API, pinned to one address.
func Dial(ctx context.Context) (*grpc.ClientConn, error) {
	return v2grpc.DialInsecure(ctx, v2grpc.WithEndpoint("127.0.0.1:9000")) // want `v2grpc.DialInsecure dials the fixed address "127.0.0.1:9000"`
}

// DialLookAlike uses the v2 module's look-alike of warden: matched by
// import path, it is not the framework.
func DialLookAlike(ctx context.Context) (*grpc.ClientConn, error) {
	if _, err := warden.NewConn("127.0.0.1:9000"); err != nil {
		return nil, err
	}
	return warden.NewClient(nil).Dial(ctx, "direct://default/127.0.0.1:9000")
}

// DialDiscovery dials discovery:// through the look-alike: no fact.
func DialDiscovery(ctx context.Context) (*grpc.ClientConn, error) {
	return warden.NewClient(nil).Dial(ctx, "discovery://default/"+AppID)
}
