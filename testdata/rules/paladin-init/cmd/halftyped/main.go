// Command halftyped is being edited: setup does not exist yet, and may
// well initialise paladin. With type errors the rule claims nothing
// about order.
package main

import (
	"flag"

	"example.com/pi/dao"
)

func main() {
	flag.Parse()
	setup()
	_ = dao.New()
}
