package legacyapi // want package:"registers=false"

import (
	"context"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
)

// The package's AppID is declared in client.go, not next to this dial,
// and nothing here names the passport service: no fix.
func dialLater(c *warden.Client) func() error {
	return func() error {
		_, err := c.Dial(context.Background(), "passthrough:///10.1.1.1:9000") // want `fixed address "passthrough:///10.1.1.1:9000"`
		return err
	}
}

// A DiscoveryID declared in the function is closer than the package's AppID.
func dialReplica(c *warden.Client) error {
	const DiscoveryID = "passport.replica"
	_, err := c.Dial(context.Background(), "[::1]:9000") // want `fixed address "\[::1\]:9000"`
	return err
}

// An AppID that is not an ID (the kratos template's placeholder) is not used.
func dialPlaceholder(c *warden.Client) error {
	const AppID = "TODO: ADD APP ID"
	_, err := c.Dial(context.Background(), ":9000") // want `fixed address ":9000"`
	return err
}
