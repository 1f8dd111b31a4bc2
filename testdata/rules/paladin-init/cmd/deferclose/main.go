// Command deferclose defers Close before Init: it runs at the end.
package main

import (
	"flag"

	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() {
	flag.Parse()
	defer paladin.Close()
	if err := paladin.Init(); err != nil {
		panic(err)
	}
	_ = dao.New()
}
