// Command remote uses a remote driver, which needs no -conf: Init may
// come before flag.Parse.
package main

import (
	"flag"

	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() {
	if err := paladin.Init("apollo"); err != nil {
		panic(err)
	}
	flag.Parse()
	_ = dao.New()
}
