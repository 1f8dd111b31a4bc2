package dao

import (
	"context"
	"errors"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

// passportAddr is the passport service's instance in our zone.
const passportAddr = "10.23.4.5:9000"

// PassportClient asks the passport service who a login ticket belongs to.
type PassportClient struct {
	conn *grpc.ClientConn
}

type verifyReq struct {
	Ticket string
}

type verifyReply struct {
	UID int64
}

// NewPassportClient dials the passport service.
func NewPassportClient(cfg *warden.ClientConfig) (*PassportClient, error) {
	conn, err := warden.NewClient(cfg).Dial(context.Background(), passportAddr) // pitfall: warden-discovery
	if err != nil {
		return nil, err
	}
	return &PassportClient{conn: conn}, nil
}

// VerifyTicket returns the uid that ticket was issued to.
func (c *PassportClient) VerifyTicket(ctx context.Context, ticket string) (int64, error) {
	if ticket == "" {
		return 0, errors.New("empty ticket")
	}
	var reply verifyReply
	if err := c.conn.Invoke(ctx, "/passport.service.v1.Passport/VerifyTicket", &verifyReq{Ticket: ticket}, &reply); err != nil {
		return 0, err
	}
	return reply.UID, nil
}

// Close closes the connection.
func (c *PassportClient) Close() error { return c.conn.Close() }
