// Command noreg is the kratos project template's main: the api client
// dials discovery://, nothing registers the resolver.
package main

import (
	"flag"

	"example.com/wd/api"
	"github.com/go-kratos/kratos/pkg/log"
)

func main() { // want `the program dials discovery://default/demo.service \(api.NewClient, client.go:21\) but never registers the discovery resolver; Dial blocks until its timeout and fails with "context deadline exceeded"`
	flag.Parse()
	log.Init(nil)
	defer log.Close()
	if _, err := api.NewClient(nil); err != nil {
		panic(err)
	}
}
