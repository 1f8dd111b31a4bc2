// Package node calls store: reduced from etcd's raft node, which keeps
// its log in memory, and its transport, which adds and removes peers
// from its probers.
package node

import (
	"log"

	"example.com/unhandled/store"
)

// Restore rebuilds the log.
func Restore(snap int, st []byte, ents []string) *store.Memory {
	s := &store.Memory{}
	// information: the only failure is a stale snapshot
	s.ApplySnapshot(snap) /* information */ // want `error returned by s.ApplySnapshot is not checked; it fails only with store.ErrSnapOutOfDate`
	s.SetState(st)        // SetState never fails: every return gives nil
	s.Append(ents)        // nor does Append

	s.Compact(1) // want `error returned by s.Compact is not checked`

	s.Ping() // want `error returned by s.Ping is not checked`

	e, _ := s.Empty() // want `error returned by s.Empty is discarded; e may be nil when it fails`
	log.Printf("%d entries", e.Len())

	w, _ := s.NewWriter() // NewWriter never fails: its one return does work
	log.Printf("writer %p", w.Memory())
	return s
}

// Transport adds and removes peers.
type Transport struct {
	pipeline, stream store.Prober
	peers            map[string]bool
}

// RemovePeer drops a peer; a peer already gone is no news.
func (t *Transport) RemovePeer(id string) {
	delete(t.peers, id)
	// information: Remove is never checked in this package
	t.pipeline.Remove(id) /* information */ // want `error returned by t.pipeline.Remove is not checked, here or anywhere else in this package`
	// information: the same method, through the other prober
	t.stream.Remove(id) /* information */ // want `error returned by t.stream.Remove is not checked, here or anywhere else in this package`
}

// AddPeer adds a peer; Add is checked here, so the drop below is deviant.
func (t *Transport) AddPeer(id string) error {
	if err := t.pipeline.Add(id); err != nil {
		return err
	}
	t.stream.Add(id) // want `error returned by t.stream.Add is not checked`
	t.peers[id] = true
	return nil
}

// Reopen keeps the log Open gives even when it fails.
func Reopen(path string) *store.Memory {
	// information: Open gives a usable Memory when it fails
	m, _ := store.Open(path) /* information */ // want `error returned by store.Open is discarded; m holds its fallback when it fails`
	log.Printf("reopened %s", path)
	return m
}

// Describe hands on the version, when there is one.
func Describe(opts string) *string {
	// information: Version gives nil on success too: its callers handle nil anyway
	v, _ := store.Version(opts) /* information */ // want `error returned by store.Version is discarded; v may be nil even when it succeeds`
	return v
}
