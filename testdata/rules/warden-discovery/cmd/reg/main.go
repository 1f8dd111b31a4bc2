// Command reg registers the discovery resolver after flag.Parse.
package main

import (
	"flag"

	"example.com/wd/api"
	"github.com/go-kratos/kratos/pkg/naming/discovery"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden/resolver"
)

func main() {
	flag.Parse()
	resolver.Register(discovery.Builder())
	if _, err := api.NewClient(nil); err != nil {
		panic(err)
	}
}
