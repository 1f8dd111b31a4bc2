// Package proc holds process plumbing reduced from real services.
package proc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

// Reraise stops handling SIGINT and sends it to the process itself, so
// that the default action runs.
func Reraise() {
	signal.Reset()
	syscall.Kill(os.Getpid(), syscall.SIGINT)       // a constant signal to the own pid cannot fail
	syscall.Kill(syscall.Getpid(), syscall.SIGTERM) // the same, with syscall's Getpid
}

// Stop signals another process, which may be gone or not ours.
func Stop(pid int) {
	syscall.Kill(pid, syscall.SIGTERM) // want "error returned by syscall.Kill is not checked"
}

// register starts optional diagnostics and returns how to stop them.
func register(name string) (func(), error) {
	if name == "" {
		return nil, errors.New("proc: no name")
	}
	return func() {}, nil
}

// register2 is register under another name, so that each drop below is
// the package's only drop of its callee.
func register2(name string) (func(), error) {
	if name == "" {
		return nil, errors.New("proc: no name")
	}
	return func() {}, nil
}

// Server keeps the stop functions of what it registered.
type Server struct {
	adminClean func()
	debugClean func()
}

// NewServer registers the diagnostics; they are optional.
func NewServer(name string) *Server {
	s := new(Server)
	s.adminClean, _ = register(name)  // every read of adminClean checks it for nil first
	s.debugClean, _ = register2(name) // want "error returned by register2 is discarded; s.debugClean may be nil when it fails"
	return s
}

// Stop stops what NewServer registered.
func (s *Server) Stop() {
	if s.adminClean != nil {
		s.adminClean()
	}
	s.debugClean()
}

// EnterToContinue waits for the user to press Enter.
func EnterToContinue() {
	fmt.Print("Press 'Enter' to continue...")
	bufio.NewReader(os.Stdin).ReadBytes('\n') /* information */ // want "error returned by [a-zA-Z.]*ReadBytes is not checked"
}

// Pause waits for a line too, with fmt.
func Pause() {
	fmt.Scanln() /* information */ // want "error returned by fmt.Scanln is not checked"
}

// Skip drops a line of a file, whose read error is lost.
func Skip(r *bufio.Reader) {
	r.ReadBytes('\n') // want "error returned by [a-zA-Z.]*ReadBytes is not checked"
}

// lessWriter writes at most once per period and tells its callers every
// write succeeded: a best-effort log writer.
type lessWriter struct {
	writer io.Writer
	due    func(func())
}

func (w *lessWriter) Write(p []byte) (n int, err error) { // want Write:"never fails"
	w.due(func() {
		w.writer.Write(p) /* information */ // want "error returned by w.writer.Write is not checked"
	})
	return len(p), nil
}

// teeWriter reports a failure of its own but loses the copy's.
type teeWriter struct {
	closed bool
	copy   io.Writer
}

func (w *teeWriter) Write(p []byte) (int, error) {
	if w.closed {
		return 0, errors.New("proc: closed")
	}
	w.copy.Write(p) // want "error returned by w.copy.Write is not checked"
	return len(p), nil
}

// PathOf fills a path template from a query; a nil url.Values reads as
// empty, and the function only reads it.
func PathOf(raw, key string) string {
	q, _ := url.ParseQuery(raw) /* information */ // want "error returned by url.ParseQuery is discarded; q may be nil when it fails"
	path := "/" + q.Get(key)
	if len(q) > 0 {
		delete(q, key)
		if rest := q.Encode(); rest != "" {
			path += "?" + rest
		}
	}
	return path
}

// WithDefault writes into the query: a nil map panics.
func WithDefault(raw string) url.Values {
	q, _ := url.ParseQuery(raw) // want "error returned by url.ParseQuery is discarded; q may be nil when it fails"
	q["page"] = []string{"1"}
	return q
}

// DumpGoroutines writes the goroutines to a file on SIGQUIT, for a person
// to read: a failed write shows as a truncated dump (go-zero's
// proc.dumpGoroutines).
func DumpGoroutines(f *os.File) {
	pprof.Lookup("goroutine").WriteTo(f, 2) /* information */ // want "error returned by WriteTo is not checked"
	pprof.WriteHeapProfile(f)               /* information */ // want "error returned by pprof.WriteHeapProfile is not checked"
}

// Profile starts the CPU profile: when that fails there is no profile,
// and nothing says why.
func Profile(f *os.File) {
	pprof.StartCPUProfile(f) // want "error returned by pprof.StartCPUProfile is not checked"
}
