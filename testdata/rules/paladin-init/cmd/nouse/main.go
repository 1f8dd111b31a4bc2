// Command nouse imports paladin for a type only: nothing to initialise.
package main

import (
	"flag"
	"fmt"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() {
	flag.Parse()
	var m paladin.TOML
	fmt.Println(m.Keys())
}
