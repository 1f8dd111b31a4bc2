// Command gcmissing is a go-common program without Init.
package main

import (
	"flag"
	"fmt"

	"example.com/pi/gcdao"
)

func main() { // want `main never calls paladin.Init: paladin.Get in gcdao.Addr \(dao.go:7\) panics`
	flag.Parse()
	fmt.Println(gcdao.Addr())
}
