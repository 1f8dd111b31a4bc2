package server

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// TestStreamFrames reads byte streams with good and bad framing and
// checks the messages read from them.
func TestStreamFrames(t *testing.T) {
	frame := func(n int, body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", n, body) }
	ok := func(body string) string { return frame(len(body), body) }
	a := `{"id":1,"text":"héllo 世界"}`
	b := `{"id":2,"text":"Content-Length: 5\r\n\r\n{}"}` // header text inside a string
	c := `[{"id":3},{"id":4}]`
	for _, tc := range []struct {
		name, input string
		want        []string
		logged      bool
	}{
		{"good frames", ok(a) + ok(b) + ok(c), []string{a, b, c}, false},
		{"Content-Type first", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + ok(a) + ok(c), []string{a, c}, false},
		{"lower-case header, LF line ends", fmt.Sprintf("content-length: %d\n\n%s", len(a), a) + ok(c), []string{a, c}, false},
		{"characters counted, not bytes", frame(len([]rune(a)), a) + ok(c), []string{a, c}, true},
		{"too short, header text in a string", frame(10, b) + ok(c), []string{b, c}, true},
		{"too long", frame(len(a)+40, a) + ok(c), []string{a, c}, true},
		{"too long at the end", frame(len(a)+40, a), []string{a}, false},
		{"truncated body", frame(10, a[:10]) + ok(c), []string{a[:10], c}, false}, // ReadObject answers and logs it
		{"garbage glued to a header", "}}garbage" + ok(c), []string{c}, true},
		{"bad length", "Content-Length: x\r\n\r\n" + ok(c), []string{c}, true},
		{"header line too long", "Content-Length: " + strings.Repeat("1", maxHeaderLine) + "\r\n\r\n" + ok(c), []string{c}, true},
		{"too large", frame(maxMessage+1, "{}") + ok(c), []string{c}, true},
		{"not JSON", ok("hello") + ok(c), []string{"hello", c}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			s := newStream(nopCloser{strings.NewReader(tc.input)}, slog.New(slog.NewTextHandler(&logs, nil)))
			var got []string
			for {
				body, err := s.readFrame()
				if err != nil {
					if err != io.EOF {
						t.Errorf("error %v", err)
					}
					break
				}
				got = append(got, string(body))
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("read %q, want %q", got, tc.want)
			}
			if (logs.Len() > 0) != tc.logged {
				t.Errorf("logged %q, want a log: %v", logs.String(), tc.logged)
			}
		})
	}
}

// TestStreamSmallReads reads a stream of a bad frame and a good one
// delivered a byte at a time.
func TestStreamSmallReads(t *testing.T) {
	a := `{"id":1,"text":"héllo 世界"}`
	input := fmt.Sprintf("Content-Length: %d\r\n\r\n%sgarbage\r\nContent-Length: 2\r\n\r\n{}", len([]rune(a)), a)
	s := newStream(nopCloser{&oneByte{input}}, slog.New(slog.DiscardHandler))
	for _, want := range []string{a, "{}"} {
		body, err := s.readFrame()
		if err != nil || string(body) != want {
			t.Errorf("read %q, %v; want %q", body, err, want)
		}
	}
}

type nopCloser struct{ io.Reader }

func (nopCloser) Write(p []byte) (int, error) { return len(p), nil }
func (nopCloser) Close() error                { return nil }

// oneByte reads its string a byte at a time.
type oneByte struct{ s string }

func (r *oneByte) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0], r.s = r.s[0], r.s[1:]
	return 1, nil
}

// BenchmarkReadFrame reads a 4 MB didOpen, as a client sends a large file.
func BenchmarkReadFrame(b *testing.B) {
	text := strings.Repeat("\tv := m[\"键\"].(string) // a line of Go with \\\"escapes\\\"\n", 4<<20/50)
	body := fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.go","languageId":"go","version":1,"text":%q}}}`, text)
	input := fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		s := newStream(nopCloser{strings.NewReader(input)}, slog.New(slog.DiscardHandler))
		if got, err := s.readFrame(); err != nil || len(got) != len(body) {
			b.Fatalf("read %d bytes, %v", len(got), err)
		}
	}
}
