// Package wal has the shape of etcd server v3.7.3 storage/wal/version.go,
// where binding the dropped error as err broke the build: a later
// statement of the same block declares err with := too.
package wal

import (
	"context"
	"errors"
	"log"
	"sync"
)

var logf = log.Printf

type Visitor func(name string, ver string) error

func versionOf(s string) (string, error) {
	if s == "" {
		return "", errors.New("no version")
	}
	return s, nil
}

func visitEnumValue(name, opts string, visitor Visitor) error {
	if opts != "" {
		ver, _ := versionOf(opts) /* information */ // want `error returned by versionOf is discarded`
		err := visitor(name, ver)
		if err != nil {
			return err
		}
	}
	return nil
}

// The same, with err declared later in the function's block.
func visitLater(name, opts string, visitor Visitor) error {
	ver, _ := versionOf(opts) /* information */ // want `error returned by versionOf is discarded`
	err := visitor(name, ver)
	return err
}

type store struct {
	mu      sync.Mutex
	version string
}

// Returning the error here would leave s.mu locked: the fix logs it
// instead.
func (s *store) refresh(opts string) error {
	s.mu.Lock()
	ver, _ := versionOf(opts) /* information */ // want `error returned by versionOf is discarded`
	s.version = ver
	s.mu.Unlock()
	return nil
}

// A cancel called after the call: returning early would leak the
// context's timer (go vet's lostcancel); the fix logs the error.
func (s *store) probe(ctx context.Context, opts string) error {
	ctx, cancel := context.WithCancel(ctx)
	ver, _ := versionOf(opts) /* information */ // want `error returned by versionOf is discarded`
	err := ctx.Err()
	cancel()
	s.version = ver
	return err
}

// mustVersion checks versionOf's error: the package does not hold it to
// be harmless, so the drops above get fixes (information: an empty
// version is carried on, not a crash).
func mustVersion(opts string) (string, error) {
	ver, err := versionOf(opts)
	if err != nil {
		return "", err
	}
	return ver, nil
}
