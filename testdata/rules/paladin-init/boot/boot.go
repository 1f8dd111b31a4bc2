package boot // want package:"analysed, inits at startup"

import (
	"flag"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

// init points paladin at a fixed directory and initialises it at start-up.
func init() {
	flag.Set("conf", "/etc/app")
	if err := paladin.Init(); err != nil {
		panic(err)
	}
}
