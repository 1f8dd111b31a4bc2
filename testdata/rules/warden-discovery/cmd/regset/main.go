// Command regset overrides the resolver with Set and a configured
// discovery client.
package main

import (
	"flag"

	"example.com/wd/api"
	"github.com/go-kratos/kratos/pkg/naming/discovery"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden/resolver"
)

func main() {
	flag.Parse()
	dis := discovery.New(&discovery.Config{Zone: "sh001"})
	resolver.Set(dis)
	if _, err := api.NewClientConcat(nil); err != nil {
		panic(err)
	}
}
