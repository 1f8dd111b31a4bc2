// Command mock sets the client itself.
package main

import (
	"fmt"

	"example.com/pi/conf"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

type fake struct{ paladin.Client }

func main() {
	paladin.DefaultClient = fake{}
	fmt.Println(conf.Load())
}
