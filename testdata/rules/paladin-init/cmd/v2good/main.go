// Command v2good is the kratos-layout main as generated: parse, make,
// load checked, scan.
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
	c := config.New(config.WithSource(file.NewSource(flagconf)))
	defer c.Close()
	if err := c.Load(); err != nil {
		panic(err)
	}
	var bc Bootstrap
	if err := c.Scan(&bc); err != nil {
		panic(err)
	}
	// After a checked Load every read is fine.
	if err := c.Watch("server", func(string, config.Value) {}); err != nil {
		panic(err)
	}
	// A path that is not a flag's is read as written.
	other := config.New(config.WithSource(file.NewSource("configs/other.yaml")))
	if err := other.Load(); err != nil {
		panic(err)
	}
}
