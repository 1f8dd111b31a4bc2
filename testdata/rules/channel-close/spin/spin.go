// Package spin receives from channels in loops.
package spin

import (
	"log"
	"time"
)

// Server serves requests from a queue.
type Server struct {
	in    chan string
	stop  chan struct{}
	tick  *time.Ticker
	ready chan bool
}

// Close closes the queue and the stop channel.
func (s *Server) Close() {
	close(s.in)
	close(s.stop)
}

// --- positives ---

// Serve spins once in is closed.
func (s *Server) Serve() {
	for {
		req := <-s.in // want `receive from s.in without ok in a loop with no exit; once s.in is closed the loop spins on zero values`
		log.Println(req)
	}
}

// Select spins on stop, which has no return.
func (s *Server) Select() {
	for {
		select {
		case <-s.stop: // want `receive from s.stop without ok in a loop with no exit`
			log.Println("stopping")
		case <-s.tick.C: // a ticker's channel is never closed
			log.Println("tick")
		}
	}
}

// Local spins on a local channel a goroutine closes.
func Local(n int) {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	go func() {
		for {
			<-ch // want `receive from ch without ok in a loop with no exit`
		}
	}()
}

// Consume receives inside a nested loop.
func (s *Server) Consume() {
	for {
		log.Println("batch")
		for i := 0; i < 10; i++ {
			req := <-s.in // want `receive from s.in without ok`
			log.Println(i, req)
		}
	}
}

// Default polls with a default case.
func (s *Server) Default() {
	for {
		select {
		case req := <-s.in: // want `receive from s.in without ok`
			log.Println(req)
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

// --- negatives ---

// Range ranges over the queue.
func (s *Server) Range() {
	for req := range s.in { // ends when in is closed
		log.Println(req)
	}
}

// WithOK checks ok.
func (s *Server) WithOK() {
	for {
		req, ok := <-s.in // ok is checked
		if !ok {
			return
		}
		log.Println(req)
	}
}

// StopCase returns when stop is closed.
func (s *Server) StopCase() {
	for {
		select {
		case req := <-s.in: // stop is a way out
			log.Println(req)
		case <-s.stop:
			return
		}
	}
}

// NeverClosed receives from a channel nothing closes.
func (s *Server) NeverClosed() {
	for {
		ok := <-s.ready // nothing in the package makes or closes ready: the receive blocks
		log.Println(ok)
	}
}

// Ticker receives from a ticker.
func Ticker(t *time.Ticker) {
	for {
		<-t.C // a ticker's channel is never closed
		log.Println("tick")
	}
}

// Once receives once, not in a loop.
func (s *Server) Once() string {
	return <-s.in // not in a loop
}

// BreakOnEmpty stops on the zero value.
func (s *Server) BreakOnEmpty() {
	for {
		req := <-s.in // the empty request ends the loop
		if req == "" {
			break
		}
		log.Println(req)
	}
}

// Fatal exits on the zero value.
func (s *Server) Fatal() {
	for {
		req := <-s.in // log.Fatal is a way out
		if req == "" {
			log.Fatal("queue closed")
		}
	}
}

// Pop drains the queue without blocking.
func (s *Server) Pop() {
	for {
		select {
		case req := <-s.in: // the default case returns
			log.Println(req)
		default:
			return
		}
	}
}
