// Command lostwrapper keeps a wrapper's error (it is Init's) and
// overwrites it.
package main

import (
	"flag"
	"log"

	"example.com/pi/conf"
	"example.com/pi/dao"
)

func serve() error {
	_ = dao.New()
	return nil
}

func main() {
	flag.Parse()
	var err = conf.Init() // want `error of conf.Init is overwritten at line 21 before it is checked; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference`
	if err = serve(); err != nil {
		log.Fatal(err)
	}
}
