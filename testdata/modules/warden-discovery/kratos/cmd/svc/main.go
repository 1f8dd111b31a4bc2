// Command svc dials discovery:// through the real kratos warden and never
// registers the discovery resolver.
package main

import (
	"flag"

	"example.com/realwarden/internal/dao"
	"github.com/go-kratos/kratos/pkg/log"
)

func main() { // want `the program dials discovery://default/passport.service \(dao.New, dao.go:20\) but never registers the discovery resolver`
	flag.Parse()
	log.Init(nil)
	defer log.Close()
	if _, err := dao.New(nil); err != nil {
		panic(err)
	}
}
