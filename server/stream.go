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

// maxMessage bounds the size of one message: larger ones are skipped.
const maxMessage = 256 << 20

// stream is a jsonrpc2.ObjectStream with the LSP base protocol's framing
// (jsonrpc2.VSCodeObjectCodec) that survives bad input: a message that is
// not JSON, or not a request or response, is answered with a JSON-RPC
// error and skipped, where the stock stream would close the connection.
type stream struct {
	log *slog.Logger
	r   *bufio.Reader
	c   io.Closer

	mu sync.Mutex
	w  *bufio.Writer
}

func newStream(rwc io.ReadWriteCloser, log *slog.Logger) *stream {
	return &stream{log: log, r: bufio.NewReaderSize(rwc, 64<<10), w: bufio.NewWriterSize(rwc, 64<<10), c: rwc}
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
		var fe frameError
		if errors.As(err, &fe) {
			s.log.Error("bad message framing; skipped", "error", err)
			continue
		}
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

// frameError is a header that makes no sense; the stream reads on.
type frameError struct{ msg string }

func (e frameError) Error() string { return e.msg }

// readFrame reads one message's headers and body.
func (s *stream) readFrame() ([]byte, error) {
	length := -1
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line != "" {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if length < 0 {
				return nil, frameError{"message without a Content-Length header"}
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, frameError{fmt.Sprintf("bad header line %q", truncate([]byte(line), 80))}
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, frameError{fmt.Sprintf("bad Content-Length %q", value)}
			}
			length = n
		}
	}
	if length > maxMessage {
		if _, err := io.CopyN(io.Discard, s.r, int64(length)); err != nil {
			return nil, err
		}
		return nil, frameError{fmt.Sprintf("message of %d bytes is larger than %d", length, maxMessage)}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.r, body); err != nil {
		return nil, err
	}
	return body, nil
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
