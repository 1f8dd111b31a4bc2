package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"

	"github.com/gopitfalls/gopitfalls/server/protocol"
	"github.com/sourcegraph/jsonrpc2"
)

const (
	// maxMessage bounds the size of one message: larger ones are skipped.
	maxMessage = 256 << 20
	// maxHeaderLine bounds a header line; a longer one is not a header.
	maxHeaderLine = 4 << 10
	// readChunk is how much the stream asks the connection for at once.
	readChunk = 64 << 10
	// maxReserve bounds the room made for a message before its bytes
	// come: a larger one grows the buffer as it comes.
	maxReserve = 16 << 20
)

// contentLength starts the header every message has.
const contentLength = "content-length:"

// stream is a jsonrpc2.ObjectStream with the LSP base protocol's framing
// (jsonrpc2.VSCodeObjectCodec) that survives bad input, where the stock
// stream closes the connection or loses the framing for good:
//
//   - a message that is not JSON, or not a request or response, is
//     answered with a JSON-RPC error and skipped;
//   - bytes that are not a header are skipped up to the next
//     "Content-Length:" header (a bad header, the rest of a body whose
//     Content-Length was too short);
//   - a body is read as far as the JSON value it holds, whatever its
//     Content-Length says: one that declares more bytes than the value
//     has ends at the value (and the next header is not swallowed, nor is
//     the stream blocked waiting for bytes that never come), and one that
//     declares fewer (a client counting characters instead of bytes) is
//     read on to the end of the value, unless what follows cannot be
//     JSON (the next header follows a truncated body).
type stream struct {
	log *slog.Logger
	rd  io.Reader
	c   io.Closer
	buf []byte // bytes read and not consumed: buf[pos:]
	pos int

	mu sync.Mutex
	w  *bufio.Writer
}

func newStream(rwc io.ReadWriteCloser, log *slog.Logger) *stream {
	return &stream{log: log, rd: rwc, w: bufio.NewWriterSize(rwc, 64<<10), c: rwc}
}

// WriteObject implements jsonrpc2.ObjectStream.
func (s *stream) WriteObject(obj any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := (jsonrpc2.VSCodeObjectCodec{}).WriteObject(s.w, obj); err != nil {
		return err
	}
	return s.w.Flush()
}

// ReadObject implements jsonrpc2.ObjectStream.
func (s *stream) ReadObject(v any) error {
	for {
		body, err := s.readFrame()
		if err != nil {
			return err
		}
		if err := json.Unmarshal(body, v); err != nil {
			code := protocol.CodeInvalidRequest
			var se *json.SyntaxError
			if errors.As(err, &se) || !json.Valid(body) {
				code = protocol.CodeParseError
			}
			s.log.Error("malformed message; skipped", "error", err, "message", truncate(body, 200))
			s.writeRaw(fmt.Sprintf(`{"jsonrpc":"2.0","id":null,"error":{"code":%d,"message":%q}}`, code, err.Error()))
			continue
		}
		return nil
	}
}

// readFrame reads the next message's headers and body.
func (s *stream) readFrame() ([]byte, error) {
	n, err := s.header()
	if err != nil {
		return nil, err
	}
	return s.body(n)
}

// header skips to the next Content-Length header, reads the header block
// it starts and returns the length it declares. What is skipped on the
// way is logged, unless it is blank or other headers (Content-Type).
func (s *stream) header() (int, error) {
	var skipped []byte // up to maxHeaderLine of it, for the log
	nskipped := 0
	skip := func(n int) {
		if len(skipped) < maxHeaderLine {
			skipped = append(skipped, s.buf[s.pos:s.pos+min(n, maxHeaderLine-len(skipped))]...)
		}
		nskipped += n
		s.pos += n
	}
	for {
		at := indexFold(s.buf[s.pos:], contentLength)
		if at < 0 {
			// Keep what could be the start of the header.
			skip(max(0, len(s.buf)-s.pos-(len(contentLength)-1)))
			if err := s.more(); err != nil {
				if errors.Is(err, io.EOF) && !(blank(skipped) && blank(s.buf[s.pos:])) {
					return 0, io.ErrUnexpectedEOF
				}
				return 0, err
			}
			continue
		}
		skip(at)
		n, used, err := s.headerBlock()
		if err != nil {
			return 0, err
		}
		if used < 0 {
			skip(len(contentLength)) // a bad header: look for the next one
			continue
		}
		if nskipped > 0 && !onlyHeaders(skipped) {
			s.log.Warn("skipped input that is no message", "bytes", nskipped, "text", truncate(skipped, 80))
		}
		s.pos += used
		return n, nil
	}
}

// headerBlock parses the header block at the start of the unread input,
// which starts with "Content-Length:", reading more as need be. It
// returns the declared length and the length of the block, or a negative
// length when the block is not a well-formed one (logged).
func (s *stream) headerBlock() (n, used int, err error) {
	n = -1
	first := true
	for off := 0; ; {
		b := s.buf[s.pos+off:]
		nl := bytes.IndexByte(b[:min(len(b), maxHeaderLine)], '\n')
		if nl < 0 {
			if len(b) >= maxHeaderLine {
				s.log.Warn("bad message framing: header line too long; skipped")
				return 0, -1, nil
			}
			if err := s.more(); err != nil {
				return 0, 0, err
			}
			continue
		}
		line := strings.TrimRight(string(b[:nl]), "\r")
		off += nl + 1
		if line == "" {
			return n, off, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || !isToken(name) {
			s.log.Warn("bad message framing: not a header; skipped", "line", truncate([]byte(line), 80))
			return 0, -1, nil
		}
		if first || strings.EqualFold(name, "Content-Length") {
			first = false
			v, err := strconv.Atoi(strings.TrimSpace(value))
			switch {
			case err != nil || v < 0:
				s.log.Warn("bad message framing: bad Content-Length; skipped", "value", truncate([]byte(value), 80))
				return 0, -1, nil
			case v > maxMessage:
				s.log.Warn("message too large; skipped", "bytes", v, "max", maxMessage)
				return 0, -1, nil
			}
			n = v
		}
	}
}

// body reads the message after a header that declared n bytes: the JSON
// value it holds, however long (see stream), else n bytes.
func (s *stream) body(n int) ([]byte, error) {
	s.reserve(min(n, maxReserve)) // a Content-Length may lie
	var j jsonScan
	for i := 0; ; {
		b := s.buf[s.pos:]
		for i < len(b) && (i < n || j.open() && i < maxMessage) {
			limit := min(len(b), maxMessage)
			if i < n {
				limit = min(limit, n) // then see whether to read on
			}
			k, done := j.scan(b[i:limit])
			i += k
			if done {
				if i > n || !blank(b[i:min(n, len(b))]) {
					s.log.Warn("bad message framing: the Content-Length does not match the message; read the message",
						"content_length", n, "bytes", i)
				}
				return s.take(i), nil
			}
		}
		if i >= n && (!j.open() || i >= maxMessage) {
			return s.take(n), nil // not JSON, or cut short: its error is answered
		}
		if err := s.more(); err != nil {
			if !errors.Is(err, io.EOF) {
				return nil, err
			}
			if i >= n {
				return s.take(n), nil
			}
			return nil, io.ErrUnexpectedEOF
		}
	}
}

// take consumes and returns the next n unread bytes. A large message
// keeps the buffer it was read into.
func (s *stream) take(n int) []byte {
	if n < readChunk {
		out := bytes.Clone(s.buf[s.pos : s.pos+n])
		s.pos += n
		return out
	}
	out := s.buf[s.pos : s.pos+n : s.pos+n]
	rest := s.buf[s.pos+n:]
	s.buf = append(make([]byte, 0, max(len(rest), readChunk)), rest...)
	s.pos = 0
	return out
}

// reserve makes room for n more unread bytes than there are, so that a
// message of n bytes is read without copying it as it comes.
func (s *stream) reserve(n int) {
	if need := s.pos + n + readChunk; need > cap(s.buf) {
		grown := make([]byte, len(s.buf)-s.pos, n+readChunk)
		copy(grown, s.buf[s.pos:])
		s.buf, s.pos = grown, 0
	}
}

// more reads more input, keeping the unread bytes.
func (s *stream) more() error {
	if s.pos > 0 && s.pos >= len(s.buf)/2 {
		s.buf = s.buf[:copy(s.buf, s.buf[s.pos:])]
		s.pos = 0
	}
	if cap(s.buf)-len(s.buf) < readChunk {
		grown := make([]byte, len(s.buf), 2*cap(s.buf)+readChunk)
		copy(grown, s.buf)
		s.buf = grown
	}
	m, err := s.rd.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+m]
	if m > 0 {
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return err
}

// A jsonScan follows the structure of a JSON text one byte at a time, far
// enough to tell where an object or array ends, and whether the bytes so
// far can still be one.
type jsonScan struct {
	started bool // a byte other than white space was seen
	opaque  bool // the text does not start an object or array
	bad     bool // no JSON text starts with these bytes
	depth   int
	inStr   bool
	esc     bool
}

// open reports whether the scan is inside an object or array that the
// bytes so far may continue.
func (j *jsonScan) open() bool { return j.started && !j.opaque && !j.bad && j.depth > 0 }

// endsText marks the bytes that end the plain text of a JSON string.
var endsText = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// scan scans b up to the byte that closes the outermost value, and
// returns how many bytes it scanned and whether it found that byte.
func (j *jsonScan) scan(b []byte) (int, bool) {
	for i := 0; i < len(b); i++ {
		if j.bad || j.opaque {
			return len(b), false
		}
		c := b[i]
		if !j.inStr {
			if j.step(c) {
				return i + 1, true
			}
			continue
		}
		if j.esc {
			j.esc = false
			continue
		}
		for !endsText[c] { // the text of a string, fast
			if i++; i == len(b) {
				return i, false
			}
			c = b[i]
		}
		switch c {
		case '\\':
			j.esc = true
		case '"':
			j.inStr = false
		default:
			j.bad = true // raw control characters are not allowed in strings
		}
	}
	return len(b), false
}

// step scans c, outside a string, and reports whether it closes the
// outermost value.
func (j *jsonScan) step(c byte) bool {
	if !j.started {
		switch c {
		case ' ', '\t', '\r', '\n':
			return false
		case '{', '[':
			j.started, j.depth = true, 1
		default:
			j.started, j.opaque = true, true
		}
		return false
	}
	switch c {
	case '"':
		j.inStr = true
	case '{', '[':
		j.depth++
	case '}', ']':
		j.depth--
		return j.depth == 0
	default:
		if !strings.ContainsRune(" \t\r\n,:0123456789+-.eEtruefalsn", rune(c)) {
			j.bad = true
		}
	}
	return false
}

// indexFold returns the index of the first occurrence of key, which is
// lower case, in b, ignoring case, or -1.
func indexFold(b []byte, key string) int {
	for i := 0; i+len(key) <= len(b); i++ {
		if b[i]|0x20 == key[0] && bytes.EqualFold(b[i:i+len(key)], []byte(key)) {
			return i
		}
	}
	return -1
}

// isToken reports whether name is a header name.
func isToken(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range []byte(name) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}

// blank reports whether b is only white space.
func blank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

// onlyHeaders reports whether b is white space and header lines (the
// headers of a message before its Content-Length).
func onlyHeaders(b []byte) bool {
	for line := range strings.SplitSeq(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if name, _, ok := strings.Cut(line, ":"); !ok || !isToken(name) {
			return false
		}
	}
	return true
}

func (s *stream) writeRaw(msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n%s", len(msg), msg)
	s.w.Flush()
}

// Close implements jsonrpc2.ObjectStream.
func (s *stream) Close() error { return s.c.Close() }

func truncate(b []byte, n int) string {
	b = bytes.TrimSpace(b)
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
