// Command iface reaches paladin only through an interface: not followed.
package main

import (
	"flag"
	"fmt"

	"example.com/pi/dao"
)

func main() {
	flag.Parse()
	var r dao.Reader = &dao.Dao{}
	fmt.Println(r.Read())
}
