// Package wrapper holds response writers: a wrapper that claims what the
// writer it wraps may lack, and handlers that assert the writer net/http
// hands them.
package wrapper

import (
	"bufio"
	"net"
	"net/http"
)

type responseWriter struct {
	http.ResponseWriter
	size int
}

func (w *responseWriter) reset(writer http.ResponseWriter) {
	w.ResponseWriter = writer
	w.size = -1
}

// Hijack claims http.Hijacker for every writer it wraps.
func (w *responseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return w.ResponseWriter.(http.Hijacker).Hijack() // want `unchecked type assertion w.ResponseWriter.\(http.Hijacker\)`
}

func (w *responseWriter) CloseNotify() <-chan bool {
	return w.ResponseWriter.(http.CloseNotifier).CloseNotify() // want `unchecked type assertion w.ResponseWriter.\(http.CloseNotifier\)`
}

type Engine struct{ w responseWriter }

func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.w.reset(w)
}

// A handler asserting the writer net/http handed it: every net/http
// writer flushes; only a misuse (a wrapper that drops Flush) panics.
type streamHandler struct{}

func (h *streamHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
	w.(http.Flusher).Flush() /* information */ // want `unchecked type assertion w.\(http.Flusher\)`
	w.(http.Flusher).Flush() // the same assertion, just above, panics first
}

// A wrapper whose wrapped writer the package always makes itself.
type flushWriter struct{}

func (flushWriter) Header() http.Header         { return nil }
func (flushWriter) Write(b []byte) (int, error) { return len(b), nil }
func (flushWriter) WriteHeader(int)             {}
func (flushWriter) Flush()                      {}

type counting struct{ http.ResponseWriter }

func newCounting() *counting { return &counting{ResponseWriter: flushWriter{}} }

func (c *counting) Flush() {
	c.ResponseWriter.(http.Flusher).Flush() // it only ever wraps a flushWriter
}
