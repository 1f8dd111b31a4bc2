// Command directonly registers the direct resolver, which does not serve
// discovery://.
package main

import (
	"flag"

	"example.com/wd/api"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden/resolver"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden/resolver/direct"
)

func main() { // want `the program dials discovery://default/demo.service \(api.NewClient, client.go:21\) but never registers`
	flag.Parse()
	resolver.Register(direct.New())
	if _, err := api.Lazy(); err != nil {
		panic(err)
	}
}
