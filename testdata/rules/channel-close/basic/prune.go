package basic

import (
	"fmt"
	"log"
)

// Closer holds a quit channel.
type Closer struct {
	quit chan struct{}
	hard bool
}

// The second close's fix takes an if it leaves empty with it.

// Close closes quit, and again when not graceful.
func (c *Closer) Close(graceful bool) {
	close(c.quit)
	if !graceful {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 18`
	}
	log.Println("closed")
}

// Nested closes again two ifs deep.
func (c *Closer) Nested(graceful bool) {
	close(c.quit)
	if !graceful {
		if c.hard && len(c.quit) == 0 {
			close(c.quit) // want `close of closed channel c.quit; it is already closed at line 27`
		}
	}
}

// ElseIf closes again in an else-if.
func (c *Closer) ElseIf(mode int) {
	close(c.quit)
	if mode == 0 {
		log.Println("soft")
	} else if mode > 1 {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 37`
	}
}

// Else closes again in an else block.
func (c *Closer) Else(graceful bool) {
	close(c.quit)
	if graceful {
		log.Println("graceful")
	} else {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 47`
	}
}

// Both closes again in both branches.
func (c *Closer) Both(graceful bool) {
	close(c.quit)
	if graceful {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 57`
	} else {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 57`
	}
}

// Logged keeps the if: it logs too.
func (c *Closer) Logged(graceful bool) {
	close(c.quit)
	if !graceful {
		log.Println("hard stop")
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 67`
	}
}

// Calls keeps the if: its condition calls a function (no fix: `if c.stop() {}`
// would remain).
func (c *Closer) Calls() {
	close(c.quit)
	if c.stop() {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 77`
	}
}

// ThenOnly keeps the if: only its then-block would be empty (no fix).
func (c *Closer) ThenOnly(graceful bool) {
	close(c.quit)
	if !graceful {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 85`
	} else {
		log.Println("graceful")
	}
}

// WithInit keeps the if: its init statement calls a function (no fix).
func (c *Closer) WithInit(ids []int) {
	close(c.quit)
	if n := c.count(ids); n > 0 {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 95`
	}
}

// OnlyUse keeps the if: its condition is the only use of hard (no fix).
func (c *Closer) OnlyUse() {
	hard := c.hard
	close(c.quit)
	if hard {
		close(c.quit) // want `close of closed channel c.quit; it is already closed at line 104`
	}
}

func (c *Closer) stop() bool          { return c.hard }
func (c *Closer) count(ids []int) int { return len(ids) }

// "Make the channel" takes over the makes that come later anyway.

// Buffered makes a buffered channel on one branch.
func Buffered(async bool) {
	var results chan int
	if async {
		results = make(chan int, 8)
	}
	close(results) // want `close of nil channel results; results is not made on every path to here`
}

// SizedLater makes a channel sized by a value computed after the
// declaration: making it at the declaration would need that value (no fix).
func SizedLater(async bool, jobs []int) {
	var results chan int
	n := len(jobs) * 2
	if async {
		results = make(chan int, n)
	}
	close(results) // want `close of nil channel results; results is not made on every path to here`
}

// Reset closes a channel and makes a new one: the later make is a reset
// and stays.
func Reset(stop bool) chan int {
	var ch chan int
	if stop {
		close(ch) // want `close of nil channel ch; ch is declared without make`
	}
	ch = make(chan int)
	return ch
}

// PerWorker makes a channel for each worker: the loop's make stays.
func PerWorker(workers []string) {
	var done chan struct{}
	for _, w := range workers {
		done = make(chan struct{})
		fmt.Println(w)
	}
	close(done) // want `close of nil channel done; done is not made on every path to here`
}
