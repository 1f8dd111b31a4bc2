package svcdao // want package:"registers=false"

// svcdao is an account service's dao: it declares the discovery IDs of
// some services it calls and dials several, some through a fixed address.
// Only an ID tied to the dialled service may replace the address.

import (
	"context"

	"example.com/wd/passportapi"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

// AppID of the member service.
const AppID = "main.account.member-service"

const relationAppID = "main.account.relation-service"

// the passport service is not in discovery yet; this is its VIP.
const passportAddr = "direct://default/10.23.1.7:9000"

// Dao holds the clients.
type Dao struct {
	client       *warden.Client
	memberConn   *grpc.ClientConn
	relationConn *grpc.ClientConn
	passportConn *grpc.ClientConn
	smsConn      *grpc.ClientConn
	passport     passportapi.PassportClient
}

// New dials every client.
func New(ctx context.Context) (d *Dao, err error) { // want New:"dials discovery://default/main.account.member-service in svcdao.New"
	d = &Dao{client: warden.NewClient(nil)}
	if d.memberConn, err = d.client.Dial(ctx, "discovery://default/"+AppID); err != nil {
		return
	}
	// AppID is the member service's (dialled just above) and nothing else
	// names passport: no fix, the note says what to do.
	if d.passportConn, err = d.client.Dial(ctx, passportAddr); err != nil { // want `fixed address "direct://default/10.23.1.7:9000"`
		return
	}
	// Neither ID in scope names the sms service: no fix.
	if d.smsConn, err = d.client.Dial(ctx, "10.23.4.18:9000"); err != nil { // want `fixed address "10.23.4.18:9000"`
		return
	}
	// relationConn is tied to relationAppID by name.
	if d.relationConn, err = d.client.Dial(ctx, "10.23.4.19:9000"); err != nil { // want `fixed address "10.23.4.19:9000"`
		return
	}
	return d, nil
}

// newMemberConn is tied to AppID by its value: the member service.
func newMemberConn(ctx context.Context, c *warden.Client) (*grpc.ClientConn, error) {
	return c.Dial(ctx, "10.23.4.20:9000") // want `fixed address "10.23.4.20:9000"`
}

// dialPassport hands the connection to passportapi's client constructor:
// passportapi.AppID is the ID.
func (d *Dao) dialPassport(ctx context.Context) error {
	conn, err := d.client.Dial(ctx, "10.23.4.21:9000") // want `fixed address "10.23.4.21:9000"`
	if err != nil {
		return err
	}
	d.passport = passportapi.NewPassportClient(conn)
	return nil
}

// dialCanary dials the canary instances of a service no ID names: no fix.
func (d *Dao) dialCanary(ctx context.Context) (*grpc.ClientConn, error) {
	const rankCanary = "direct://default/172.16.38.10:9000,172.16.38.11:9000"
	return d.client.Dial(ctx, rankCanary) // want `fixed address "direct://default/172.16.38.10:9000,172.16.38.11:9000"`
}

// NewMember's name matches AppID's service part (member), but it does not
// say that it makes a client or a connection: it ties nothing, no fix.
func NewMember(ctx context.Context, c *warden.Client) (*Dao, error) {
	conn, err := c.Dial(ctx, "10.23.4.22:9000") // want `fixed address "10.23.4.22:9000"`
	if err != nil {
		return nil, err
	}
	return &Dao{client: c, smsConn: conn}, nil
}
