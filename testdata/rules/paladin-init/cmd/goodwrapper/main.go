// Command goodwrapper initialises through a wrapper and checks its error,
// as bilibili/discovery's main does.
package main

import (
	"flag"

	"example.com/pi/conf"
	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/log"
)

func main() {
	flag.Parse()
	if err := conf.Init(); err != nil {
		log.Error("conf.Init() error(%v)", err)
		panic(err)
	}
	_ = dao.New()
}
