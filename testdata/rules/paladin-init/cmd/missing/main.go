// Command missing is a service whose main never initialises paladin.
package main

import (
	"flag"

	"example.com/pi/di"
	"github.com/go-kratos/kratos/pkg/log"
)

func main() { // want `main never calls paladin.Init: paladin.Get in dao.New \(dao.go:15\), reached through di.InitApp, panics with a nil pointer dereference`
	flag.Parse()
	log.Init(nil)
	defer log.Close()
	_, closeFunc, err := di.InitApp()
	if err != nil {
		panic(err)
	}
	defer closeFunc()
}
