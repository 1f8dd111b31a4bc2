// Command reginit gets the registration from an imported package's init.
package main

import (
	"flag"

	"example.com/wd/api"
	_ "example.com/wd/regs"
)

func main() {
	flag.Parse()
	if _, err := api.NewClient(nil); err != nil {
		panic(err)
	}
}
