// Command startup gets paladin initialised by an imported package's init.
package main

import (
	"flag"

	_ "example.com/pi/boot"
	"example.com/pi/dao"
)

func main() {
	flag.Parse()
	_ = dao.New()
}
