// Command bothbranches initialises paladin on every path.
package main

import (
	"flag"

	"example.com/pi/conf"
	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

var remote = flag.Bool("remote", false, "use apollo")

func main() {
	flag.Parse()
	var err error
	if *remote {
		err = conf.InitRemote()
	} else {
		err = paladin.Init()
	}
	if err != nil {
		panic(err)
	}
	_ = dao.New()
}
