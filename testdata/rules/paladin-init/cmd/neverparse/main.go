// Command neverparse initialises kratos's paladin but never parses flags:
// -conf stays empty, and Init panics.
package main

import (
	"example.com/pi/dao"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() {
	if err := paladin.Init(); err != nil { // want `paladin.Init reads -conf, but main never calls flag.Parse: with no -conf and no driver argument, Init panics with "lack of remote config center args"`
		panic(err)
	}
	_ = dao.New()
}
