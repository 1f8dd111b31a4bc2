// Command noparse parses no flags and never initialises paladin.
package main

import (
	"fmt"

	"example.com/pi/conf"
)

func main() { // want `main never calls paladin.Init: paladin.Get in conf.Load \(conf.go:45\) panics`
	fmt.Println(conf.Load())
}
