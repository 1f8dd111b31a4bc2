// Command iface reaches its dial only through an interface: the rule
// follows static calls, so it does not report (a known limit).
package main

import (
	"flag"

	"example.com/wd/api"
)

type dialer interface{ dial() error }

type demo struct{}

func (demo) dial() error { _, err := api.NewClient(nil); return err }

func main() {
	flag.Parse()
	var d dialer = demo{}
	if err := d.dial(); err != nil {
		panic(err)
	}
}
