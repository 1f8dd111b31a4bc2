// Command getlate reads its listen address before it initialises paladin.
package main

import (
	"flag"
	"fmt"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

var debug = flag.Bool("debug", false, "debug mode")

func main() { // want `paladin.Get \(line 16\) can run before paladin.Init and panic with a nil pointer dereference`
	flag.Parse()
	var (
		addr = paladin.String(paladin.Get("addr"), ":8000")
		all  = paladin.GetAll()
	)
	if err := paladin.Init(); err != nil {
		panic(err)
	}
	fmt.Println(addr, all, *debug)
}
