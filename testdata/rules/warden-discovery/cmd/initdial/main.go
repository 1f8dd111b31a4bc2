// Command initdial dials while its package variables are initialised:
// registering in main would come too late, so no fix is offered.
package main

import (
	"flag"

	"example.com/wd/api"
)

var demo, demoErr = api.NewClient(nil)

func main() { // want `the program dials discovery://default/demo.service \(api.NewClient, client.go:21\) during package initialisation but never registers`
	flag.Parse()
	if demoErr != nil {
		panic(demoErr)
	}
	_ = demo
}
