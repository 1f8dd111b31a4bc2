// Command localdial dials discovery:// in its own package and parses no
// flags.
package main

import (
	"context"
	"fmt"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
	"google.golang.org/grpc"
)

const appID = "demo.service"

func newConn() (*grpc.ClientConn, error) {
	return warden.NewClient(nil).Dial(context.Background(), fmt.Sprintf("discovery://default/%s", appID)) // want `the program dials discovery://default/demo.service but never registers the discovery resolver`
}

func main() {
	conn, err := newConn()
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
