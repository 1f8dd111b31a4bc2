// Command owntool declares its own AppID, unused, next to a dial of a
// fixed address: a program's AppID is usually its own, not the dialled
// service's, so there is no fix.
package main

import (
	"context"
	"flag"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
)

// AppID is this tool's own discovery ID.
const AppID = "main.account.owntool"

func main() {
	flag.Parse()
	conn, err := warden.NewClient(nil).Dial(context.Background(), "10.0.0.30:9000") /* hint */ // want `fixed address "10.0.0.30:9000"`
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
