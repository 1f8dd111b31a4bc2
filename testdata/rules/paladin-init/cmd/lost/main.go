// Command lost keeps Init's error in err and overwrites it with the next
// call's before anything looks at it.
package main

import (
	"flag"
	"fmt"

	"example.com/pi/dao"
)

import "github.com/go-kratos/kratos/pkg/conf/paladin"

func run() error {
	_ = dao.New()
	return nil
}

func main() {
	flag.Parse()
	err := paladin.Init() // want `error of paladin.Init is overwritten at line 23 before it is checked; after a failed Init, paladin.Get panics with a nil pointer dereference`
	fmt.Println("migrating")
	err = run()
	if err != nil {
		fmt.Println("migrate:", err)
	}
}
