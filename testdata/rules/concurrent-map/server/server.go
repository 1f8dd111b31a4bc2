// Package server keeps per-client state in package-level maps and serves
// each connection and message in a goroutine of its own.
package server

import (
	"net"
	"sync"
)

var (
	sessions = map[string]net.Conn{}
	seen     = make(map[string]int)
	stats    struct{ bytes map[string]int64 }

	mu      sync.Mutex
	guarded = map[string]int{}
	once    sync.Once
	config  map[string]string
)

// Serve starts a goroutine per connection.
func Serve(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(c)
	}
}

func handle(c net.Conn) {
	addr := c.RemoteAddr().String()
	sessions[addr] = c     // want `concurrent write to map sessions: handle runs in a goroutine started on every iteration of the loop at line 23, and writes it with no lock held`
	seen[addr]++           // want `concurrent write to map seen: handle runs in a goroutine started on every iteration`
	stats.bytes[addr] += 1 // want `concurrent write to map stats.bytes: handle runs`
	mu.Lock()
	guarded[addr]++ // under mu
	mu.Unlock()
	once.Do(func() { config = map[string]string{"mode": "tcp"} }) // not a map element
	delete(sessions, addr)                                        // want `concurrent write to map sessions: handle runs`
}

// Message is a queue message.
type Message struct{ Key string }

// Consume starts a goroutine per message.
func Consume(msgs <-chan *Message) {
	for m := range msgs {
		go count(m, map[string]int{})
	}
}

// count writes its own map, passed per message, and the package's under a lock.
func count(m *Message, local map[string]int) {
	local[m.Key]++ // a map of its own, per message
	mu.Lock()
	defer mu.Unlock()
	guarded[m.Key]++ // under mu
}

// Start runs one background refresher: not a goroutine per iteration.
func Start() {
	go refresh()
}

func refresh() {
	seen["refresh"] = 0 // one goroutine, started once
}
