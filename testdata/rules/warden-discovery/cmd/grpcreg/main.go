// Command grpcreg registers its own grpc resolver: it may serve
// discovery://, so the program is not reported.
package main

import (
	"flag"

	"example.com/wd/api"
	"google.golang.org/grpc/resolver"
)

type builder struct{}

func (builder) Scheme() string { return "discovery" }

func main() {
	flag.Parse()
	resolver.Register(builder{})
	if _, err := api.NewClient(nil); err != nil {
		panic(err)
	}
}
