// Command gcneverparse initialises go-common's paladin without flags:
// go-common's Init asks the config center, so this is fine.
package main

import (
	"fmt"

	"example.com/pi/gcdao"
	"go-common/library/conf/paladin"
)

func main() {
	if err := paladin.Init(); err != nil {
		panic(err)
	}
	fmt.Println(gcdao.Addr())
}
