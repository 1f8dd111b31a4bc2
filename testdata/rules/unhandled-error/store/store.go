// Package store is reduced from a raft log store kept in memory, and from
// a prober registry whose Add and Remove are idempotent: how a callee of
// another package fails travels with it as a fact.
package store

import (
	"errors"
	"sync"
)

// ErrSnapOutOfDate is returned for a snapshot older than the one kept.
var ErrSnapOutOfDate = errors.New("requested index is older than the existing snapshot")

// ErrNotFound is returned for an unknown peer.
var ErrNotFound = errors.New("store: peer not found")

// Memory keeps a log in memory.
type Memory struct {
	mu    sync.Mutex
	state []byte
	ents  []string
	index int
}

// SetState never fails: every return gives nil.
func (m *Memory) SetState(st []byte) error { // want SetState:"never fails"
	m.mu.Lock()
	defer m.mu.Unlock()
	m.state = st
	return nil
}

// Append never fails either.
func (m *Memory) Append(ents []string) error { // want Append:"never fails"
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(ents) == 0 {
		return nil
	}
	m.ents = append(m.ents, ents...)
	return nil
}

// ApplySnapshot fails only with a sentinel.
func (m *Memory) ApplySnapshot(index int) error { // want ApplySnapshot:"fails with store.ErrSnapOutOfDate"
	m.mu.Lock()
	defer m.mu.Unlock()
	if index < m.index {
		return ErrSnapOutOfDate
	}
	m.index = index
	return nil
}

// Compact can fail with any error.
func (m *Memory) Compact(index int) error {
	if index > len(m.ents) {
		return errors.New("compact beyond the last entry")
	}
	m.ents = m.ents[index:]
	return nil
}

// Ping is a stub: it promises errors it does not return yet.
func (m *Memory) Ping() error {
	return nil
}

// Len returns the number of entries.
func (m *Memory) Len() int { return len(m.ents) }

// Empty is a stub too: an empty value and a nil error promise nothing.
func (m *Memory) Empty() (*Memory, error) {
	return &Memory{}, nil
}

// NewWriter never fails: its one return builds the writer. It has an
// error result only because an interface asks for one (reduced from
// jaeger's storage factories, whose callers say "error is always nil").
func (m *Memory) NewWriter() (*Writer, error) { // want NewWriter:"never fails"
	return newWriter(m), nil
}

// A Writer appends to a Memory.
type Writer struct{ m *Memory }

func newWriter(m *Memory) *Writer { return &Writer{m: m} }

// Memory returns the log the writer appends to.
func (w *Writer) Memory() *Memory { return w.m }

// Open gives a usable Memory even when it fails: the caller may go on.
func Open(path string) (*Memory, error) { // want Open:"fallback"
	m := &Memory{}
	go func() { // reads m, does not assign it
		m.mu.Lock()
		defer m.mu.Unlock()
	}()
	if path == "" {
		return m, errors.New("no path: keeping the log in memory only")
	}
	return m, nil
}

// Version gives nil for a missing version, on success too.
func Version(opts string) (*string, error) { // want Version:"nil on success"
	if opts == "" {
		return nil, nil
	}
	if opts[0] != 'v' {
		return nil, errors.New("malformed version " + opts)
	}
	return &opts, nil
}

// A Prober watches peers. Its methods are called through an interface,
// so that no summary reaches the callers.
type Prober interface {
	Add(id string) error
	Remove(id string) error
	Status(id string) (string, error)
}
