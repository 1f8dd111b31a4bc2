package handler

import (
	"encoding/json"
	"sync"

	"go-common/library/queue/databus"
)

// Tally counts events under a lock taken for the whole message: skipping
// the message with continue, or leaving the loop with break, would leave
// the mutex locked. The findings get no fix.
type Tally struct {
	mu     sync.Mutex
	counts map[string]int
}

func (t *Tally) Consume(d *databus.Databus) {
	for msg := range d.Messages() {
		t.mu.Lock()
		var e event
		json.Unmarshal(msg.Value, &e) // want `error of json.Unmarshal`
		t.counts[e.Kind]++
		t.mu.Unlock()
		msg.Commit()
	}
}

func (t *Tally) Drain(msgs <-chan *databus.Message) {
	for {
		t.mu.Lock()
		msg := <-msgs // want `receive from msgs without ok`
		t.counts[string(msg.Key)]++
		t.mu.Unlock()
	}
}
