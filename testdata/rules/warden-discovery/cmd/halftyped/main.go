// Command halftyped is being edited: its registration does not type-check
// yet. With type errors the rule claims nothing about the program.
package main

import (
	"flag"

	"example.com/wd/api"
	"github.com/go-kratos/kratos/pkg/net/rpc/warden/resolver"
)

func main() {
	flag.Parse()
	resolver.Register(newBuilder())
	if _, err := api.NewClient(nil); err != nil {
		panic(err)
	}
}
