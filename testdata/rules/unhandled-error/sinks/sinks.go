// Package sinks keeps a process-wide registry of log sinks by URL
// scheme, as zap's RegisterSink does.
package sinks

import (
	"fmt"
	"net/url"
	"sync"
)

// A Sink is where log lines go.
type Sink interface {
	Write(p []byte) (int, error)
	Close() error
}

var (
	mu        sync.Mutex
	factories = map[string]func(*url.URL) (Sink, error){}
)

// RegisterSink registers a factory for the scheme; registering a scheme
// twice fails.
func RegisterSink(scheme string, factory func(*url.URL) (Sink, error)) error {
	mu.Lock()
	defer mu.Unlock()
	if _, ok := factories[scheme]; ok {
		return fmt.Errorf("sink factory already registered for scheme %q", scheme)
	}
	factories[scheme] = factory
	return nil
}

// Open opens the sink a URL names.
func Open(raw string) (Sink, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	f, ok := factories[u.Scheme]
	mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("no sink registered for scheme %q", u.Scheme)
	}
	return f(u)
}
