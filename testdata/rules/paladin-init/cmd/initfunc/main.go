// Command initfunc initialises paladin in init, before main parses -conf.
package main

import (
	"flag"

	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func init() {
	if err := paladin.Init(); err != nil { // want `paladin.Init runs in init, before main's flag.Parse; it reads -conf, which is not parsed yet`
		panic(err)
	}
}

// main is not reported: init has initialised paladin (too early).
func main() {
	flag.Parse()
	_ = dao.New()
}
