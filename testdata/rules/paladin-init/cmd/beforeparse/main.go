// Command beforeparse initialises paladin before parsing -conf.
package main

import (
	"flag"

	"example.com/pi/di"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

var debug = flag.Bool("debug", false, "debug mode")

func main() {
	if err := paladin.Init(); err != nil { // want `paladin.Init runs before flag.Parse; it reads -conf, which is not parsed yet`
		panic(err)
	}
	flag.Parse()
	if _, _, err := di.InitApp(); err != nil {
		panic(err)
	}
}
