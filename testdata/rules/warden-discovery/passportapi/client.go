package passportapi // want package:"registers=false"

// passportapi is the passport service's API package as the kratos
// template generates it: the service's discovery ID and its client
// constructor. It dials nothing itself.

import "google.golang.org/grpc"

// AppID is the passport service's discovery ID.
const AppID = "main.account.passport-service"

// PassportClient is the passport service's client.
type PassportClient interface {
	Verify(token string) (int64, error)
}

type passportClient struct{ cc *grpc.ClientConn }

func (c *passportClient) Verify(token string) (int64, error) { return 0, nil }

// NewPassportClient wraps a connection, as protoc-gen-go-grpc's
// constructors do.
func NewPassportClient(cc *grpc.ClientConn) PassportClient {
	return &passportClient{cc: cc}
}
