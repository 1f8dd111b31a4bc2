// Command branch initialises paladin on one path only.
package main

import (
	"flag"

	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

var local = flag.Bool("local", false, "use local configuration")

func main() { // want `paladin.Get in dao.New \(dao.go:15\) can run before paladin.Init`
	flag.Parse()
	if *local {
		if err := paladin.Init(); err != nil {
			panic(err)
		}
	}
	_ = dao.New()
}
