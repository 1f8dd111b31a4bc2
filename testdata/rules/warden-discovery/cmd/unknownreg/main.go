// Command unknownreg registers a builder the rule cannot identify.
package main

import (
	"flag"

	"example.com/wd/api"
	"github.com/go-kratos/kratos/pkg/naming"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden/resolver"
)

func register(b naming.Builder) { resolver.Register(b) }

func main() {
	flag.Parse()
	register(nil)
	if _, err := api.NewClientFor("demo.service"); err != nil {
		panic(err)
	}
}
