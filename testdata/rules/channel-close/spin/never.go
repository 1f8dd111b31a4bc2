package spin

import (
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Receive loops over channels that are never closed. Time and signal
// channels are closed by nobody: the receive blocks until a value comes,
// so the loop cannot spin. Channels the package makes and never closes
// today are reported at information: the loop has no way to end.

// Tick receives from time.Tick.
func Tick() {
	tk := time.Tick(time.Minute)
	for {
		<-tk // time.Tick's channel is never closed
		log.Println("tick")
	}
}

// Timer receives from a timer it resets.
func Timer(d time.Duration) {
	t := time.NewTimer(d)
	for {
		<-t.C // a Timer's channel is never closed
		t.Reset(d)
	}
}

// Wait handles signals until the process ends.
func Wait() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP, syscall.SIGTERM)
	for {
		s := <-c // signal.Notify never closes c
		log.Println("signal", s)
	}
}

// Queue is fed by Push and drained by loop; nothing closes in.
type Queue struct {
	in   chan string
	wake chan struct{}
}

var queued = make(chan string, 8)

// NewQueue makes a Queue and starts its loops.
func NewQueue() *Queue {
	q := &Queue{in: make(chan string, 64), wake: make(chan struct{}, 1)}
	go q.loop()
	go q.waker()
	go global()
	return q
}

// Push queues s.
func (q *Queue) Push(s string) {
	select {
	case q.in <- s:
	default:
		log.Println("full", len(q.in))
	}
	queued <- s
}

func (q *Queue) loop() {
	for {
		s := <-q.in // information: made by NewQueue, never closed today; the loop cannot end /* information */ // want `receive from q.in without ok in a loop with no exit`
		log.Println(s)
	}
}

func (q *Queue) waker() {
	for {
		<-q.wake // information: never closed today /* information */ // want `receive from q.wake without ok`
		log.Println("woken")
	}
}

func global() {
	for {
		log.Println(<-queued) // information: made at init, never closed today /* information */ // want `receive from queued without ok`
	}
}

// Keep feeds a channel it keeps to itself.
func Keep() {
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ {
			ch <- i
		}
	}()
	for {
		log.Println(<-ch) // information: made here, never closed today /* information */ // want `receive from ch without ok`
	}
}

// feed is called only by Start, with a channel Start made.
func feed(ch chan int) {
	for {
		log.Println(<-ch) // information: every caller's channel is never closed today /* information */ // want `receive from ch without ok`
	}
}

// Start makes the channel feed reads.
func Start() {
	ch := make(chan int, 1)
	go feed(ch)
	ch <- 1
}

// Nil receives from a channel that is never made: it blocks forever.
func Nil() {
	var ch chan int
	for {
		log.Println(<-ch) // a nil channel is never closed
	}
}
