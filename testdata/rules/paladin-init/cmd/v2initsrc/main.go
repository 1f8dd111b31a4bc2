// Command v2initsrc makes its source in init, before main parses flags.
package main

import (
	"flag"

	"github.com/go-kratos/kratos/v2/config"
	"github.com/go-kratos/kratos/v2/config/file"
)

var conf = flag.String("conf", "configs", "config path")

var src config.Source

func init() {
	src = file.NewSource(*conf) // want `file.NewSource\(\*conf\) can run before flag.Parse: it reads conf's default`
}

func main() {
	flag.Parse()
	c := config.New(config.WithSource(src))
	if err := c.Load(); err != nil {
		panic(err)
	}
}
