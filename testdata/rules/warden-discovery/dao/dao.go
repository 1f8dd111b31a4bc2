package dao // want package:"registers=false"

import (
	"context"
	"fmt"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

// Config is the dao's configuration.
type Config struct {
	AccountTarget string
	Client        *warden.ClientConfig
}

// Dao holds the service's clients. It declares no AppID: a dao calls
// several services, so the fix cannot know which one an address is.
type Dao struct {
	c       *Config
	client  *warden.Client
	account *grpc.ClientConn
	member  *grpc.ClientConn
}

const (
	memberAddr = "10.0.0.7:9000"
	relayHost  = "10.0.0.8"
)

type address string

const statAddr address = "10.0.0.9:9000"

// addr is a variable: flags or tests may change it.
var addr = "127.0.0.1:9100"

// New dials the dao's clients.
func New(c *Config) (d *Dao, err error) {
	d = &Dao{c: c, client: warden.NewClient(c.Client)}
	ctx := context.Background()
	if d.member, err = d.client.Dial(ctx, memberAddr); err != nil { // want `fixed address "10.0.0.7:9000"`
		return nil, err
	}
	if _, err = d.client.Dial(ctx, "direct://default/"+relayHost+":9000"); err != nil { // want `fixed address "direct://default/10.0.0.8:9000"`
		return nil, err
	}
	if _, err = d.client.Dial(ctx, string(statAddr)); err != nil { // want `fixed address "10.0.0.9:9000"`
		return nil, err
	}
	// Formatted from constants: as fixed as a constant.
	if _, err = d.client.Dial(ctx, fmt.Sprintf("direct://default/%s", "127.0.0.1:9000")); err != nil { // want `fixed address "direct://default/127.0.0.1:9000"`
		return nil, err
	}
	if _, err = d.client.Dial(ctx, fmt.Sprintf("%s:%d", relayHost, 9001)); err != nil { // want `fixed address "10.0.0.8:9001"`
		return nil, err
	}
	// A local variable built once from constants.
	relay := "direct://default/" + relayHost
	if _, err = d.client.Dial(ctx, relay+":9002"); err != nil { // want `fixed address "direct://default/10.0.0.8:9002"`
		return nil, err
	}
	// A local variable that configuration may replace.
	target := "127.0.0.1:9003"
	if c.AccountTarget != "" {
		target = c.AccountTarget
	}
	if _, err = d.client.Dial(ctx, target); err != nil {
		return nil, err
	}
	// The address comes from configuration.
	if d.account, err = d.client.Dial(ctx, c.AccountTarget); err != nil {
		return nil, err
	}
	// A variable, not known at compile time.
	if _, err = d.client.Dial(ctx, addr); err != nil {
		return nil, err
	}
	// A host name is resolved again at every reconnect.
	if _, err = d.client.Dial(ctx, "account-service:9000"); err != nil {
		return nil, err
	}
	// Other resolvers' schemes do their own discovery.
	if _, err = d.client.Dial(ctx, "dns:///account.svc.cluster.local:9000"); err != nil {
		return nil, err
	}
	if _, err = d.client.Dial(ctx, "etcd://default/account.service"); err != nil {
		return nil, err
	}
	return d, nil
}

// dialDirect builds a direct:// target from a parameter: not known at
// compile time.
func (d *Dao) dialDirect(ctx context.Context, host string) (*grpc.ClientConn, error) {
	return d.client.Dial(ctx, fmt.Sprintf("direct://default/%s", host))
}

// dialGRPC dials with grpc itself, not warden: out of the rule's scope.
func dialGRPC() (*grpc.ClientConn, error) {
	return grpc.Dial("127.0.0.1:9000")
}

// describe mentions an address in a string that is not dialled.
func describe() string {
	return "dial 127.0.0.1:9000 for the passport service"
}
