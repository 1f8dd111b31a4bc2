package dao // want package:"registers=true"

import (
	"context"

	kratos "github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"

	"example.com/fork/fork/pkg/net/rpc/warden"
)

// AppID is the account service's discovery ID.
const AppID = "account.service"

// Fixed, through the configured framework.
func dialFixed() (*grpc.ClientConn, error) {
	return warden.NewClient(nil).Dial(context.Background(), "127.0.0.1:9000") // want `fixed address "127.0.0.1:9000"`
}

// Dial reaches a discovery dial.
func Dial() (*grpc.ClientConn, error) { // want Dial:"dials discovery://default/account.service in dao.Dial"
	return warden.NewClient(nil).Dial(context.Background(), "discovery://default/"+AppID)
}

// kratos's own warden is not under the configured prefix.
func dialKratos() (*grpc.ClientConn, error) {
	return kratos.NewClient(nil).Dial(context.Background(), "127.0.0.1:9000")
}
