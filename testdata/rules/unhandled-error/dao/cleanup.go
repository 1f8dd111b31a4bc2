package dao

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/csv"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/go-kratos/kratos/pkg/log"
)

// --- cleanup kept for later: it runs as a deferred function does ---

// Profiler writes its profiles when it stops, as pkg/profile does.
type Profiler struct {
	closers  []func()
	onChange []func()
}

// StartMem is reduced from go-zero's core/proc/profile.go: the closer
// runs at Stop, a func() has nowhere to send an error, and the dump is
// best effort.
func (p *Profiler) StartMem(fn string) {
	f, err := os.Create(fn)
	if err != nil {
		log.Error("profile: create %s: %v", fn, err)
		return
	}
	p.closers = append(p.closers, func() {
		// information: a closer's errors have nowhere to go
		pprof.Lookup("heap").WriteTo(f, 0) /* information */ // want `error returned by WriteTo is not checked`
		// information: the same
		f.Close() /* information */ // want `error returned by f.Close is not checked`
	})
}

// OpenSpool hands back its cleanup, as a wire provider does.
func OpenSpool(path string) (*os.File, func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() {
		// information: a cleanup handed back runs when the caller is done
		f.Close() /* information */ // want `error returned by f.Close is not checked`
	}
	return f, cleanup, nil
}

// Watch keeps a callback that is not cleanup: it runs on every change,
// and its dropped error is a warning.
func (p *Profiler) Watch(path string, data []byte) {
	p.onChange = append(p.onChange, func() {
		os.WriteFile(path, data, 0o644) // want `error returned by os.WriteFile is not checked`
	})
}

// --- compressing into memory cannot fail ---

// Gzip is reduced from go-zero's core/codec/gzip.go: a gzip.Writer over a
// bytes.Buffer fails only when the buffer does, and it never does.
func Gzip(bs []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(bs) // compresses into memory: cannot fail
	w.Close()   // flushes into memory: cannot fail
	return b.Bytes()
}

// Deflate compresses into a strings.Builder: the same.
func Deflate(s string) string {
	var sb strings.Builder
	zw := zlib.NewWriter(&sb)
	zw.Write([]byte(s)) // compresses into memory: cannot fail
	zw.Flush()          // the same
	zw.Close()          // the same
	return sb.String()
}

// CSV is reduced from jaeger's Cassandra sampling store: a csv.Writer
// over a bytes.Buffer writes through a bufio.Writer into memory, and
// cannot fail.
func CSV(rows [][]string) string {
	var buf bytes.Buffer
	writer := csv.NewWriter(&buf)
	for _, r := range rows {
		writer.Write(r) // writes into memory: cannot fail
	}
	writer.Flush()
	return buf.String()
}

// CSVFile writes records to a file: each dropped Write may lose a row.
func CSVFile(f *os.File, rows [][]string) {
	writer := csv.NewWriter(f)
	for _, r := range rows {
		writer.Write(r) // want `error returned by writer.Write is not checked`
	}
	writer.Flush()
}

// CSVComma sets a delimiter, which fails when it is not a valid one: its
// Write is still a warning.
func CSVComma(comma rune, row []string) string {
	var buf bytes.Buffer
	writer := csv.NewWriter(&buf)
	writer.Comma = comma
	writer.Write(row) // want `error returned by writer.Write is not checked`
	writer.Flush()
	return buf.String()
}

// Named sets a header field, which fails to encode when it is not
// Latin-1: its Close is still a warning.
func Named(name string, bs []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Name = name
	if _, err := w.Write(bs); err != nil {
		return nil
	}
	w.Close() // want `error returned by w.Close is not checked`
	return b.Bytes()
}
