// Command dropped is the kratos project template's main: Init's error is
// dropped.
package main

import (
	"flag"

	"example.com/pi/di"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
	"github.com/go-kratos/kratos/pkg/log"
)

func main() {
	flag.Parse()
	log.Init(nil)
	defer log.Close()
	log.Info("app start")
	paladin.Init() // want `error of paladin.Init is dropped`
	_, closeFunc, err := di.InitApp()
	if err != nil {
		panic(err)
	}
	defer closeFunc()
}
