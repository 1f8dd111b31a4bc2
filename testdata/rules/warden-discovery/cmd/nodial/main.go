// Command nodial uses warden with a configured target only.
package main

import (
	"context"
	"flag"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
)

var target = flag.String("target", "discovery://default/demo.service", "grpc target")

func main() {
	flag.Parse()
	conn, err := warden.NewClient(nil).Dial(context.Background(), *target)
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
