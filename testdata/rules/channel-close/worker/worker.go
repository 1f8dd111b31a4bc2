// Package worker closes channels held in struct fields.
package worker

import (
	"context"
	"sync"
)

// Worker runs jobs.
type Worker struct {
	mu       sync.Mutex
	wg       sync.WaitGroup
	stopOnce sync.Once
	closed   bool
	jobs     chan func()
	done     chan struct{}
	quit     chan struct{}
	finished chan struct{}
}

// New makes a Worker.
func New() *Worker {
	return &Worker{
		jobs:     make(chan func(), 16),
		done:     make(chan struct{}),
		quit:     make(chan struct{}),
		finished: make(chan struct{}),
	}
}

func (w *Worker) flush() {}

// --- positives ---

// StopTwice closes done twice in one method body.
func (w *Worker) StopTwice() {
	close(w.done)
	w.wg.Wait()
	close(w.done) // want `close of closed channel w.done; it is already closed at line 37`
}

// Drain sends on a channel it closed.
func (w *Worker) Drain(last func()) {
	w.mu.Lock()
	close(w.jobs)
	w.mu.Unlock()
	w.jobs <- last // want `send on closed channel w.jobs; it is closed at line 45`
}

// NewBroken builds a Worker without its done channel and closes it.
func NewBroken() *Worker {
	w := &Worker{jobs: make(chan func())}
	close(w.done) // want `close of nil channel w.done; w.done is never made`
	return w
}

// ZeroWorker closes the channel of a zero Worker.
func ZeroWorker() {
	var w Worker
	close(w.quit) // want `close of nil channel w.quit; w.quit is never made`
}

// Finish signals the end explicitly, and again by defer. flush gets w,
// but no function of the package ever replaces w.finished.
func (w *Worker) Finish() {
	defer close(w.finished)
	w.flush()
	close(w.finished) // want `close of closed channel w.finished; the deferred close at line 66 closes it again when the function returns`
}

// Shutdown logs from a deferred closure, which captures w: w itself is
// never reassigned, and nothing in the package replaces w.finished.
func (w *Worker) Shutdown() {
	defer func() {
		if w.closed {
			w.flush()
		}
	}()
	close(w.finished)
	w.flush()
	close(w.finished) // want `close of closed channel w.finished; it is already closed at line 79`
}

// --- negatives ---

// Stop closes done once, however often it is called.
func (w *Worker) Stop() {
	w.stopOnce.Do(func() { close(w.done) }) // sync.Once: runs once
}

// Close also stops through the same Once.
func (w *Worker) Close() {
	w.stopOnce.Do(func() { close(w.done) }) // sync.Once: runs once
	w.wg.Wait()
}

// CloseQuit closes quit once, guarded by a field flag.
func (w *Worker) CloseQuit() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		close(w.quit)
		w.closed = true
	}
	if !w.closed {
		close(w.quit) // w.closed was set right after the first close
	}
}

// reset gives the worker new channels.
func (w *Worker) reset() {
	w.done = make(chan struct{})
}

// Restart closes, resets and closes the new channel.
func (w *Worker) Restart() {
	close(w.done)
	w.reset()
	close(w.done) // reset may have made a new channel
}

// Replace closes, makes a new channel, and closes that.
func (w *Worker) Replace() {
	close(w.quit)
	w.quit = make(chan struct{})
	close(w.quit) // a new channel
}

// Run receives until the context ends.
func (w *Worker) Run(ctx context.Context) {
	for {
		select {
		case job := <-w.jobs: // ctx.Done() is a way out
			job()
		case <-ctx.Done():
			return
		}
	}
}

// Loop ranges over the jobs.
func (w *Worker) Loop() {
	for job := range w.jobs { // range ends when jobs is closed
		job()
	}
}

// Other closes done of another worker.
func (w *Worker) Other(o *Worker) {
	close(w.done)
	close(o.done) // another worker's channel
}

// recvLoop gives the worker a new quit channel now and then.
func (w *Worker) recvLoop() {
	w.mu.Lock()
	w.quit = make(chan struct{})
	w.mu.Unlock()
}

// Lead closes quit, starts a goroutine that may replace it, and closes
// quit again: maybe another channel by then.
func (w *Worker) Lead() {
	close(w.quit)
	go w.recvLoop()
	close(w.quit) // recvLoop, running concurrently, may have replaced it
}
