// Command usage initialises paladin on the one path that goes on: the
// other prints the usage and exits through a helper that never returns.
package main

import (
	"flag"
	"os"

	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

var local = flag.Bool("local", false, "use local configuration")

func main() {
	flag.Parse()
	if *local {
		if err := paladin.Init(); err != nil {
			panic(err)
		}
	} else {
		usage() // never returns: dao.New below runs only after Init
	}
	_ = dao.New()
}

func usage() {
	flag.Usage()
	os.Exit(2)
}
