// Command wrapperearly calls a wrapper of Init before flag.Parse.
package main

import (
	"flag"

	"example.com/pi/conf"
	"example.com/pi/dao"
)

func main() {
	if err := conf.Init(); err != nil { // want `conf.Init calls paladin.Init, which runs before flag.Parse; it reads -conf, which is not parsed yet`
		panic(err)
	}
	flag.Parse()
	_ = dao.New()
}
