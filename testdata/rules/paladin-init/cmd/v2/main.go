// Command v2 uses the kratos v2 module's look-alike of paladin: not the
// framework, matched by import path.
package main

import (
	"fmt"

	"github.com/go-kratos/kratos/v2/pkg/conf/paladin"
)

func main() {
	paladin.Init()
	fmt.Println(paladin.Get("app.toml").String())
}
