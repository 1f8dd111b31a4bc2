// Command v2layout is the kratos-layout main with the config read out of
// order: the source is made before flag.Parse, and Scan runs before Load.
package main

import (
	"flag"

	"github.com/go-kratos/kratos/v2/config"
	"github.com/go-kratos/kratos/v2/config/file"
)

var flagconf string

func init() {
	flag.StringVar(&flagconf, "conf", "../../configs", "config path, eg: -conf config.yaml")
}

type Bootstrap struct{ Server *struct{ Addr string } }

func main() {
	c := config.New(
		config.WithSource(
			file.NewSource(flagconf), // want `file.NewSource\(flagconf\) can run before flag.Parse: it reads flagconf's default, whatever -conf says`
		),
	)
	defer c.Close()
	flag.Parse()

	var bc Bootstrap
	if err := c.Scan(&bc); err != nil { // want `c.Scan before c.Load: Scan returns nil and leaves its target empty`
		panic(err)
	}
	println(bc.Server.Addr)
}
