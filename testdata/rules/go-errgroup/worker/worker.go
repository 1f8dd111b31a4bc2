// Package worker holds long-running goroutines: servers, consumers,
// connection plumbing and worker pools started in a counted loop. They
// lose no error of their own, so the rule only points them out, saying
// who waits for them; where they recover their panics it says nothing.
package worker

import (
	"context"
	"net"
	"sync"
	"time"
)

// Message is a queue message.
type Message struct{ Value []byte }

// Server accepts connections and runs workers.
type Server struct {
	l    net.Listener
	msgs chan *Message
	quit chan struct{}
	wg   sync.WaitGroup
	n    int
}

// Serve is an accept loop: one goroutine per connection.
func (s *Server) Serve() error {
	for {
		conn, err := s.l.Accept()
		if err != nil {
			return err
		}
		// information only: per-connection goroutine in an endless loop
		go s.handle(conn) /* information */ // want `go s.handle\(\): a panic`
	}
}

// Select is an accept loop with a select.
func (s *Server) Select(conns <-chan net.Conn) {
	for {
		select {
		case c := <-conns:
			// information only: endless loop
			go s.handle(c) /* information */ // want `go s.handle\(\): a panic`
		case <-s.quit:
			return
		}
	}
}

// Start starts workers that Close waits for.
func (s *Server) Start() {
	for i := 0; i < s.n; i++ {
		s.wg.Add(1)
		// information only: a worker pool waited for in Close, not "nothing waits"
		go s.consume() /* information */ // want `goroutines fanned out in a loop and joined by s.wg.Wait in Close; a panic in one crashes the process`
	}
	for i := 0; i < s.n; i++ {
		// information only: a fan-out of endless workers that lose no error
		go func() { /* information */ // want `goroutines fanned out in a loop; a panic in one crashes the process`
			for {
				select {
				case <-s.quit:
					return
				case <-time.After(time.Second):
				}
			}
		}()
	}
}

// Consume runs one goroutine per message.
func (s *Server) Consume(ctx context.Context) {
	for msg := range s.msgs {
		// information only: range over a channel
		go s.process(ctx, msg) /* information */ // want `go s.process\(\): a panic`
	}
	<-s.quit
}

// Close waits for the workers.
func (s *Server) Close() {
	close(s.quit)
	s.wg.Wait()
}

func (s *Server) handle(c net.Conn) { defer c.Close() }

func (s *Server) consume() {
	defer s.wg.Done()
	for range s.msgs {
	}
}

func (s *Server) process(ctx context.Context, m *Message) {}

// Refresher unlocks before it gives up on the error: the error is
// dropped all the same.
type Refresher struct {
	mu   sync.Mutex
	data map[string]string
}

func (r *Refresher) load() error { return nil }

func (r *Refresher) Start() {
	go func() { // want `goroutine drops the error of r.load; no one sees it fail`
		r.mu.Lock()
		if err := r.load(); err != nil {
			r.mu.Unlock()
			return
		}
		r.mu.Unlock()
	}()
}
