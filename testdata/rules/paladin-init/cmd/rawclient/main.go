// Command rawclient reads the client through a package that touches
// paladin only by paladin.DefaultClient, and never installs one.
package main

import (
	"flag"
	"fmt"

	"example.com/pi/rawclient"
)

func main() { // want `main never calls paladin.Init: paladin.DefaultClient in rawclient.Name \(rawclient.go:11\) panics with a nil pointer dereference`
	flag.Parse()
	fmt.Println(rawclient.Name())
}
