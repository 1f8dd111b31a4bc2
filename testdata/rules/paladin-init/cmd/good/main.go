// Command good initialises paladin right after flag.Parse.
package main

import (
	"flag"

	"example.com/pi/di"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() {
	flag.Parse()
	if err := paladin.Init(); err != nil {
		panic(err)
	}
	if _, _, err := di.InitApp(); err != nil {
		panic(err)
	}
}
