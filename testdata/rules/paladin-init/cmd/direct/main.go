// Command direct reads a value without initialising paladin.
package main

import (
	"flag"
	"fmt"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() { // want `main never calls paladin.Init: paladin.Get \(line 13\) panics with a nil pointer dereference`
	flag.Parse()
	v, err := paladin.Get("app.toml").String()
	if err != nil {
		panic(err)
	}
	fmt.Println(v)
}
