// Command v2noload parses its flags, makes the config and scans it
// without ever loading it: the fix loads it, after the deferred Close.
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
	flag.Parse()
	c := config.New(
		config.WithSource(
			file.NewSource(flagconf),
		),
	)
	defer c.Close()

	var bc Bootstrap
	if err := c.Scan(&bc); err != nil { // want `c.Scan before c.Load`
		panic(err)
	}
	println(bc.Server.Addr)
}
