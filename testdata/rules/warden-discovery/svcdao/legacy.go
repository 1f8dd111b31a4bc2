package svcdao

import (
	"context"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

// DiscoveryID is declared next to the dials below but the file also dials
// a service through discovery: it is not the template's single-client
// file, and the constant could be either's.
const DiscoveryID = "main.account.coin-service"

func dialLegacy(ctx context.Context, c *warden.Client) (*grpc.ClientConn, *grpc.ClientConn, error) { // want dialLegacy:"dials discovery://default/main.account.wallet-service in svcdao.dialLegacy"
	wallet, err := c.Dial(ctx, "discovery://default/main.account.wallet-service")
	if err != nil {
		return nil, nil, err
	}
	legacy, err := c.Dial(ctx, "10.23.9.9:9000") // want `fixed address "10.23.9.9:9000"`
	return wallet, legacy, err
}
