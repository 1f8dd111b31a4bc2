// Command wrapperdrop drops the error of a wrapper that returns Init's.
package main

import (
	"flag"

	"example.com/pi/conf"
	"example.com/pi/dao"
)

func main() {
	flag.Parse()
	conf.Init() // want `error of conf.Init is dropped; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference`
	_ = dao.New()
}
