// Command tool is a debugging tool pointed at one address: a main
// package, so the rule only hints.
package main

import (
	"context"
	"flag"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
)

func main() {
	flag.Parse()
	conn, err := warden.NewClient(nil).Dial(context.Background(), "127.0.0.1:9000") /* hint */ // want `fixed address "127.0.0.1:9000"`
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
