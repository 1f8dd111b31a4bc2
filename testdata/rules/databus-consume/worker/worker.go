// Package worker fans messages out to goroutines over its own channel.
package worker

import (
	"go-common/library/log"
	"go-common/library/queue/databus"
)

// Start starts n workers reading from ch.
func Start(n int, ch chan *databus.Message) {
	for i := 0; i < n; i++ {
		go func() {
			for {
				m := <-ch // want `receive from ch without ok`
				log.Info("key %s", m.Key)
				m.Commit()
			}
		}()
	}
}

// StartRange starts workers that range over ch.
func StartRange(n int, ch chan *databus.Message) {
	for i := 0; i < n; i++ {
		go func() {
			for m := range ch {
				m.Commit()
			}
		}()
	}
}
