package cache

import (
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
)

// ErrExpired is the store's other sentinel.
var ErrExpired = errors.New("expired")

// Store is an in-memory store whose Get fails only with sentinels.
type Store struct{ m map[string]string }

// Get fails only with ErrNotFound.
func (s *Store) Get(k string) (string, error) { // want Get:"fails with cache.ErrNotFound"
	v, ok := s.m[k]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

// Fresh fails with ErrNotFound or ErrExpired.
func (s *Store) Fresh(k string) (string, error) { // want Fresh:"fails with cache.ErrNotFound, cache.ErrExpired"
	v, ok := s.m[k]
	if !ok {
		return "", ErrNotFound
	}
	if v == "" {
		return "", ErrExpired
	}
	return v, nil
}

// Forget compares Get's error with the only error Get can return.
func (s *Store) Forget(keys []string) {
	for _, k := range keys {
		_, err := s.Get(k) // compared with every failure Get has
		if errors.Is(err, ErrNotFound) {
			delete(s.m, k)
		}
	}
}

// Refresh compares Fresh's error with one of its two sentinels.
func (s *Store) Refresh(keys []string) {
	for _, k := range keys {
		// information: the other failure is a sentinel too
		_, err := s.Fresh(k) /* information */ // want `err from s.Fresh is only compared with ErrNotFound; other failures are lost`
		if err == ErrNotFound {
			delete(s.m, k)
		}
	}
}

// Flush flushes a response: a failure means the client has gone.
func Flush(w http.ResponseWriter) {
	http.NewResponseController(w).Flush() // as a write to w
}

// Target stats a symlink's target; a nil info is handled where it is used.
func Target(path string) bool {
	var info os.FileInfo
	if path != "" {
		info, _ = os.Stat(path) // nil is checked at its first use
	}
	return info != nil && info.IsDir()
}

// Confirm writes to a child's stdin and closes it: the author discards
// the pipe's errors on purpose.
func Confirm(cmd *exec.Cmd, b []byte) error {
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	go func() {
		_, _ = stdin.Write(b)
		// information: the same pipe's Write error is discarded explicitly
		stdin.Close() /* information */ // want `error returned by stdin.Close is not checked`
	}()
	return cmd.Run()
}

// Copy is silenced for errcheck, which looks for the same thing.
func Copy(w io.Writer, r io.Reader) {
	//nolint:errcheck // best effort
	io.Copy(w, r)
	io.Copy(w, r) //nolint:errcheck
}

// KV ranges over keys.
type KV interface {
	Range(key string) (*Record, error)
}

// Revision keeps err for its return: the fix binds the new error to a
// name of its own, rangeErr (range is a keyword, rangeErr is not).
func Revision(kv KV) (string, error) {
	_, err := kv.Range("a")
	if err != nil {
		return "", err
	}
	rr, _ := kv.Range("compaction") // want `error returned by kv.Range is discarded; rr may be nil when it fails`
	return rr.Name, err
}

// Status collects details; WithDetail hands back the status even when a
// detail fails.
type Status struct{ details []string }

// WithDetail adds d, and returns s whether or not it could.
func (s *Status) WithDetail(d string) (*Status, error) { // want WithDetail:"fallback"
	if d == "" {
		return s, errors.New("empty detail")
	}
	s.details = append(s.details, d)
	return s, nil
}

// Convert builds a status: a detail it could not add leaves the status
// usable, and returning the error would fail the conversion. No fix
// returns it.
func Convert(details []string) (*Status, error) { // want Convert:"never fails"
	st := &Status{}
	for _, d := range details {
		st.WithDetail(d) // want `error returned by st.WithDetail is not checked`
	}
	return st, nil
}
