package cache

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"text/template"

	"github.com/go-kratos/kratos/pkg/log"
)

// FileHandler is a log sink: it implements the framework's log.Handler,
// the end of the reporting chain.
type FileHandler struct {
	w io.Writer
}

// Log writes the event; a failed write has nowhere left to be reported.
func (h *FileHandler) Log(ctx context.Context, lv log.Level, args ...log.D) {
	for _, d := range args {
		// information: a log sink
		h.w.Write([]byte(d.Key)) /* information */ // want `error returned by h.w.Write is not checked`
	}
}

// SetFormat sets the format.
func (h *FileHandler) SetFormat(string) {}

// Close closes the sink.
func (h *FileHandler) Close() error { return nil }

// Audit is no log sink: its Log writes an audit trail.
type Audit struct{ w io.Writer }

// Log writes the entry.
func (a *Audit) Log(entry string) {
	a.w.Write([]byte(entry)) // want `error returned by a.w.Write is not checked`
}

const versionText = `Version: {{.Version}}`

// Version describes the build: the template and its data are constants
// in all but name, and it writes into memory.
func Version(v string) string {
	var doc bytes.Buffer
	tmpl, _ := template.New("version").Parse(versionText) // parses a constant
	tmpl.Execute(&doc, struct{ Version string }{v})       // fails on every run or never
	return doc.String()
}

// Render executes a template it is given: its failures depend on it.
func Render(tmpl *template.Template, w http.ResponseWriter, v any) {
	var doc bytes.Buffer
	tmpl.Execute(&doc, v) // want `error returned by tmpl.Execute is not checked`
	w.Write(doc.Bytes())
}

// Debug serves pprof in the background: the goroutine's only work is the
// call, as with `go http.ListenAndServe(…)`.
func Debug(addr string) {
	go func() {
		// information: nothing receives the error of a goroutine's last call
		http.ListenAndServe(addr, nil) /* information */ // want `error returned by http.ListenAndServe is not checked`
	}()
}
