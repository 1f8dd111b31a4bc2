// Package embed sets up a server's logging as etcd's embed package does:
// each server's configuration registers the rotating sink again.
package embed

import (
	"encoding/json"
	"fmt"
	"net/url"

	"example.com/unhandled/sinks"
)

type rotation struct {
	Filename string `json:"-"`
	MaxSize  int    `json:"maxsize"`
}

func (r *rotation) Write(p []byte) (int, error) { return len(p), nil } // want Write:"never fails"
func (r *rotation) Close() error                { return nil }

// setupLogRotation runs for every server the process starts: from the
// second on, RegisterSink fails because the scheme is registered. The
// warning stands (that server's rotation settings are ignored), but
// returning the error would fail the second server's start, and logging
// it would log that on every start: no fix.
func setupLogRotation(configJSON string) error {
	var cfg rotation
	if err := json.Unmarshal([]byte(configJSON), &cfg); err != nil {
		return fmt.Errorf("invalid log rotation config: %w", err)
	}
	sinks.RegisterSink("rotate", func(u *url.URL) (sinks.Sink, error) { // want `error returned by sinks.RegisterSink is not checked`
		cfg.Filename = u.Path[1:]
		return &cfg, nil
	})
	return nil
}

// openLog opens a sink: not a registration, so its fix returns the error.
func openLog(raw string) error {
	sinks.Open(raw) // want `error returned by sinks.Open is not checked`
	return nil
}
