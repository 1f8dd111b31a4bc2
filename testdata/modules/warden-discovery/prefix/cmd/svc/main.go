// Command svc dials discovery:// through the fork, whose warden registers
// the resolver: not reported.
package main

import (
	"flag"

	"example.com/fork/dao"
)

func main() {
	flag.Parse()
	if _, err := dao.Dial(); err != nil {
		panic(err)
	}
}
