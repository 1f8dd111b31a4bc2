package spin

import (
	"log"
	"sync"
)

// Tally counts requests under a lock it holds while it receives: ending
// the loop at the receive (range, or ok and break) or returning from a
// select case would leave the mutex locked. The findings get no fix.
type Tally struct {
	mu    sync.Mutex
	in    chan string
	stop  chan struct{}
	count map[string]int
}

// Close closes the queue and the stop channel.
func (t *Tally) Close() {
	close(t.in)
	close(t.stop)
}

func (t *Tally) Count() {
	for {
		t.mu.Lock()
		req := <-t.in // want `receive from t.in without ok in a loop with no exit`
		t.count[req]++
		t.mu.Unlock()
	}
}

func (t *Tally) Watch() {
	t.mu.Lock()
	for {
		select {
		case <-t.stop: // want `receive from t.stop without ok in a loop with no exit`
			log.Println("stopping")
			t.mu.Unlock()
			t.mu.Lock()
		case req := <-t.in: // want `receive from t.in without ok in a loop with no exit`
			t.count[req]++
		}
	}
}
