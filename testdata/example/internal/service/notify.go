package service

import (
	"log"

	"github.com/example/account/internal/model"
)

// Notifier hands account-change events to a publisher in the background,
// so that requests do not wait for the message queue.
type Notifier struct {
	events  chan *model.Event
	publish func(*model.Event)
}

// NewNotifier returns a Notifier that publishes with publish.
func NewNotifier(publish func(*model.Event)) *Notifier {
	return &Notifier{events: make(chan *model.Event, 128), publish: publish}
}

// Notify queues ev, dropping it when the queue is full.
func (n *Notifier) Notify(ev *model.Event) {
	select {
	case n.events <- ev:
	default:
		log.Printf("notifier: queue full, dropped event of uid %d", ev.UID)
	}
}

// Run publishes queued events; run it in its own goroutine.
func (n *Notifier) Run() {
	for {
		ev := <-n.events // pitfall: channel-close
		n.publish(ev)
	}
}

// Close stops accepting events.
func (n *Notifier) Close() {
	close(n.events)
}
