// Package basic closes and sends on local channels.
package basic

import (
	"errors"
	"fmt"
)

// --- positives ---

// Example is the example of the team's notes.
func Example() {
	var ch chan int
	close(ch) // want `close of nil channel ch; ch is declared without make`
	ch = make(chan int, 1)
	ch <- 11
	close(ch)
	close(ch) // want `close of closed channel ch; it is already closed at line 17`
	ch <- 22  // want `send on closed channel ch; it is closed at line 17`
}

// MaybeMade makes the channel only when asked to.
func MaybeMade(async bool) {
	var done chan struct{}
	if async {
		done = make(chan struct{})
		go func() { <-done }()
	}
	close(done) // want `close of nil channel done; done is not made on every path to here`
}

// ErrorBranch closes on error and again at the end.
func ErrorBranch(results chan<- int, err error) error {
	if err != nil {
		close(results)
	}
	results <- 1   // want `send on closed channel results; it is closed at line 35`
	close(results) // want `close of closed channel results; it is already closed at line 35`
	return err
}

// DeferAndClose closes explicitly and by defer.
func DeferAndClose(n int) <-chan int {
	out := make(chan int, n)
	defer close(out)
	for i := 0; i < n; i++ {
		out <- i
	}
	close(out) // want `close of closed channel out; the deferred close at line 45 closes it again when the function returns`
	return out
}

// DeferSameBlock closes explicitly right after deferring the close.
func DeferSameBlock(out chan string) {
	defer close(out)
	out <- "done"
	close(out) // want `the deferred close at line 55 closes it again`
}

// InLoop closes a channel made outside the loop on every iteration.
func InLoop(workers []string) {
	done := make(chan struct{})
	for _, w := range workers {
		fmt.Println("stopping", w)
		close(done) // want `close of closed channel done; the loop closes it again on its next iteration`
	}
}

// SendInLoop sends after a close made in an earlier iteration.
func SendInLoop(xs []int, out chan int) {
	for _, x := range xs {
		if x < 0 {
			close(out) // want `close of closed channel out; the loop closes it again on its next iteration`
		}
		out <- x // want `send on closed channel out; it is closed at line 73`
	}
}

// SelectSend sends in a select after the close.
func SelectSend(ch chan int) {
	close(ch)
	select {
	case ch <- 1: // want `send on closed channel ch`
	default:
	}
}

// InClosure closes twice in a goroutine.
func InClosure() {
	ch := make(chan int)
	go func() {
		close(ch)
		close(ch) // want `close of closed channel ch; it is already closed at line 92`
	}()
}

var shutdown chan struct{}

// Shutdown closes a package-level channel nothing makes.
func Shutdown() {
	close(shutdown) // want `close of nil channel shutdown; nothing in the package makes shutdown`
}

// --- negatives ---

// Branches closes in different branches.
func Branches(ch chan int, ok bool) {
	if ok {
		close(ch) // the else branch closes instead
	} else {
		ch <- 0
		close(ch) // the if branch closes instead
	}
}

// SelectCases closes in different cases of a select.
func SelectCases(ch chan int, a, b chan bool) {
	select {
	case <-a:
		close(ch) // one case only
	case <-b:
		close(ch) // one case only
	}
}

// Remade closes, makes a new channel, and closes that.
func Remade() {
	ch := make(chan int)
	close(ch)
	ch = make(chan int)
	close(ch) // a new channel
}

// ReturnAfterClose leaves the loop after closing.
func ReturnAfterClose(xs []bool, ch chan int) {
	for _, x := range xs {
		if x {
			close(ch)
			return // the loop does not come back
		}
	}
	ch <- 1 // no close on the way here
}

// MadeInLoop closes a channel made in each iteration.
func MadeInLoop(n int) {
	for i := 0; i < n; i++ {
		ch := make(chan int)
		close(ch) // each iteration has its own channel
	}
}

// Correlated closes under opposite conditions.
func Correlated(ch chan int, err error) {
	if err != nil {
		close(ch)
	}
	fmt.Println("cleanup")
	if err == nil {
		close(ch) // err == nil here, so the first close did not run
	}
}

// NilChecked closes only a made channel.
func NilChecked(async bool) {
	var done chan struct{}
	if async {
		done = make(chan struct{})
	}
	if done != nil {
		close(done) // the nil check excludes the nil path
	}
}

// SendThenClose sends before closing.
func SendThenClose(ch chan int) {
	ch <- 1
	close(ch) // nothing closed it before
}

// DeferOnly closes by defer only.
func DeferOnly(ch chan int, xs []int) {
	defer close(ch)
	for _, x := range xs {
		ch <- x // the deferred close runs after the loop
	}
}

// Fatal closes, then exits on the path that would close again.
func Fatal(ch chan int, err error) {
	if err != nil {
		close(ch)
		panic(errors.New("closed"))
	}
	close(ch) // the first close's path panics
}

// Flag closes once, guarded by a flag.
func Flag(ch chan int, stop bool) {
	closed := false
	if stop {
		close(ch)
		closed = true
	}
	if !closed {
		close(ch) // closed is false only where the first close did not run
	}
}

// GoroutineOrNow closes in a goroutine, or right away on the other path.
func GoroutineOrNow(watch bool, events <-chan int) <-chan struct{} {
	donec := make(chan struct{})
	if watch {
		go func() {
			defer close(donec) // in the goroutine, on the watch path only
			for range events {
			}
		}()
		return donec
	}
	close(donec) // the watch path returned above
	return donec
}
