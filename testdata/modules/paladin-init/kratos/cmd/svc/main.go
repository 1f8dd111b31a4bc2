// Command svc is the kratos project template's main with Init moved below
// the dao: paladin.Get panics in dao.New.
package main

import (
	"flag"

	"example.com/realkratos/internal/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
	"github.com/go-kratos/kratos/pkg/log"
)

func main() { // want `paladin.Get in dao.New \(dao.go:23\) can run before paladin.Init and panic with a nil pointer dereference`
	flag.Parse()
	log.Init(nil)
	defer log.Close()
	d, err := dao.New()
	if err != nil {
		panic(err)
	}
	if err := paladin.Init(); err != nil {
		panic(err)
	}
	_ = d
}
