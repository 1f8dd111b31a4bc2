// Command goroutine uses paladin in a goroutine: not followed.
package main

import (
	"flag"

	"example.com/pi/conf"
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() {
	flag.Parse()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = conf.Load()
	}()
	if err := paladin.Init(); err != nil {
		panic(err)
	}
	<-done
}
