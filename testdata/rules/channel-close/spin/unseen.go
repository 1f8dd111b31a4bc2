package spin

import (
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/channelclose/spin/source"
)

// Receive loops over channels whose closing the package cannot see:
// parameters, call results, exported fields, channels handed to other code.

// Sum spins once the caller closes in.
func Sum(in chan int) {
	s := 0
	for {
		v := <-in /* information */ // want `receive from in without ok in a loop with no exit; once in is closed the loop spins on zero values`
		s += v
		log.Println(s)
	}
}

// Total returns nothing ever: no fix, it would need a result.
func Total(in <-chan int) int {
	s := 0
	for {
		s += <-in /* information */ // want `receive from in without ok in a loop with no exit`
	}
}

// Feed drains a subscription.
func Feed() {
	events := source.Subscribe()
	for {
		ev := <-events /* information */ // want `receive from events without ok in a loop with no exit`
		log.Println(ev)
	}
}

// Direct receives from the call in every iteration.
func Direct() {
	for {
		select {
		case ev := <-source.Subscribe(): /* information */ // want `receive from source.Subscribe\(\) without ok in a loop with no exit`
			log.Println(ev)
		case <-time.After(time.Second): // time.After's channel is never closed
			log.Println("idle")
		}
	}
}

// Hub exposes its channel: other packages may close it.
type Hub struct {
	Events chan string
	wake   chan struct{}
	out    chan string
}

// NewHub makes a Hub.
func NewHub() *Hub {
	return &Hub{Events: make(chan string), wake: make(chan struct{}, 1), out: make(chan string)}
}

// Run spins once another package closes h.Events.
func (h *Hub) Run() {
	for {
		ev := <-h.Events /* information */ // want `receive from h.Events without ok in a loop with no exit`
		log.Println(ev)
	}
}

// Out hands out out: whoever gets it may close it.
func (h *Hub) Out() chan string { return h.out }

// Forward spins once the receiver of Out closes the channel.
func (h *Hub) Forward() {
	for {
		log.Println(<-h.out) /* information */ // want `receive from h.out without ok in a loop with no exit`
	}
}

// Pass makes a channel, but source.Fill may close it.
func Pass() {
	ch := make(chan string)
	go source.Fill(ch)
	for {
		log.Println(<-ch) /* information */ // want `receive from ch without ok in a loop with no exit`
	}
}

// pump is called only with a parameter of Relay: the caller's channel.
func pump(in chan int) {
	for {
		log.Println(<-in) /* information */ // want `receive from in without ok in a loop with no exit`
	}
}

// Relay hands its channel to pump.
func Relay(in chan int) {
	go pump(in)
}

// Either receives from a channel of its own or the caller's.
func Either(in chan int, own bool) {
	ch := in
	if own {
		ch = make(chan int)
	}
	for {
		log.Println(<-ch) /* information */ // want `receive from ch without ok in a loop with no exit`
	}
}

// Signals closes the channel it registered: the exemption is gone.
func Signals() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP)
	go func() {
		time.Sleep(time.Second)
		signal.Stop(c)
		close(c)
	}()
	for {
		log.Println(<-c) // want `receive from c without ok in a loop with no exit`
	}
}
