// Command v2tool is a debugging tool pointed at one address with the
// Kratos v2 client: a main package, so the rule only hints.
package main

import (
	"context"

	"github.com/go-kratos/kratos/v2/transport/grpc"
)

func main() {
	conn, err := grpc.DialInsecure(context.Background(), grpc.WithEndpoint("127.0.0.1:9000") /* hint */) // want `fixed address "127.0.0.1:9000"`
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
