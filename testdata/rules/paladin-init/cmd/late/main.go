// Command late initialises paladin after building its dao.
package main

import (
	"flag"

	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() { // want `paladin.Get in dao.New \(dao.go:15\) can run before paladin.Init and panic with a nil pointer dereference`
	flag.Parse()
	d := dao.New()
	if err := paladin.Init(); err != nil {
		panic(err)
	}
	_ = d.Ping()
}
