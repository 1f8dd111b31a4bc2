// Command parsewrapper lets a wrapper parse the flags and initialise.
package main

import (
	"example.com/pi/conf"
	"example.com/pi/dao"
)

func main() {
	if err := conf.ParseAndInit(); err != nil {
		panic(err)
	}
	_ = dao.New()
}
