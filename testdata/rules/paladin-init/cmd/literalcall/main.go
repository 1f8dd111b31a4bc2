// Command literalcall builds its dao in a goroutine and never
// initialises paladin.
package main

import (
	"flag"

	"example.com/pi/dao"
)

func main() { // want `main never calls paladin.Init: paladin.Get in dao.New \(dao.go:15\), reached through a function literal, panics with a nil pointer dereference`
	flag.Parse()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = dao.New().Ping()
	}()
	<-done
}
