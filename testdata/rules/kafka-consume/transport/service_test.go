package transport

import (
	"context"
	"testing"
)

// A test publishes to a throwaway broker: its findings only inform.
func TestPublish(t *testing.T) {
	s := New([]string{"127.0.0.1:9092"})
	if err := s.b.Publish(context.Background(), "orders", &event{ID: 1}); err != nil { /* information */ // want `s.b.Publish returns before the message is written`
		t.Fatal(err)
	}
}
