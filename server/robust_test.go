package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gopitfalls/gopitfalls/server"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// example returns the absolute path of a file of testdata/example.
func example(t *testing.T, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(append([]string{"..", "testdata", "example"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// codes returns the rule IDs of diagnostics.
func codes(diags []protocol.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Code)
	}
	return out
}

// TestSecondOpenFile opens a file of a package, waits for its
// diagnostics, then opens a second file of the same package with its text
// unchanged from disk, as every editor user does: the second file's
// diagnostics (a planted index-range) arrive without an edit.
func TestSecondOpenFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	c, _ := startBinary(t)
	ctx := ctxFor(t)
	root := example(t)
	if _, err := c.Initialize(ctx, root, "en", nil); err != nil {
		t.Fatal(err)
	}
	profile := example(t, "internal", "service", "profile.go")
	uri, err := c.Open(ctx, profile, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Diagnostics(ctx, uri, version(1), 0); err != nil {
		t.Fatal(err)
	}
	token := example(t, "internal", "service", "token.go")
	if _, err := os.Stat(token); err != nil {
		t.Fatal(err)
	}
	uri, err = c.Open(ctx, token, "")
	if err != nil {
		t.Fatal(err)
	}
	pub, _, err := c.Diagnostics(ctx, uri, version(1), 0)
	if err != nil {
		t.Fatalf("the second file opened got no diagnostics: %v", err)
	}
	if !slices.Contains(codes(pub.Diagnostics), "index-range") {
		t.Errorf("diagnostics of token.go %v, want its index-range", codes(pub.Diagnostics))
	}
}

// rawClient talks to `gopitfalls serve` byte by byte, to send what a
// broken client sends.
type rawClient struct {
	t    *testing.T
	in   io.Writer
	msgs chan map[string]any
	seen []map[string]any // received and not yet waited for
}

// startRaw starts `gopitfalls serve` (the binary bin) and reads its
// messages.
func startRaw(t *testing.T, bin string) *rawClient {
	t.Helper()
	_, stdin, stdout := startServe(t, bin)
	c := &rawClient{t: t, in: stdin, msgs: make(chan map[string]any, 100)}
	go func() {
		defer close(c.msgs)
		r := bufio.NewReader(stdout)
		for {
			length := -1
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if line == "\r\n" {
					break
				}
				if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
					length, _ = strconv.Atoi(strings.TrimSpace(v))
				}
			}
			body := make([]byte, length)
			if _, err := io.ReadFull(r, body); err != nil {
				return
			}
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("the server sent a message that is not JSON: %q", body)
			}
			c.msgs <- m
		}
	}()
	return c
}

// send writes a message with a correct header.
func (c *rawClient) send(body string) {
	c.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

func (c *rawClient) write(s string) {
	if _, err := io.WriteString(c.in, s); err != nil {
		c.t.Fatal(err)
	}
}

// waitFor returns the first message from the server that satisfies cond,
// failing the test when none comes in time.
func (c *rawClient) waitFor(ctx context.Context, what string, cond func(map[string]any) bool) map[string]any {
	c.t.Helper()
	for i, m := range c.seen {
		if cond(m) {
			c.seen = slices.Delete(c.seen, i, i+1)
			return m
		}
	}
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("the server closed its output before %s", what)
			}
			if cond(m) {
				return m
			}
			c.seen = append(c.seen, m)
		case <-ctx.Done():
			c.t.Fatalf("no %s: %v", what, ctx.Err())
		}
	}
}

// reply waits for the response to request id.
func (c *rawClient) reply(ctx context.Context, id int) map[string]any {
	c.t.Helper()
	return c.waitFor(ctx, fmt.Sprintf("answer to request %d", id), func(m map[string]any) bool {
		return m["id"] == float64(id) && m["method"] == nil
	})
}

// TestResync sends frames whose Content-Length is wrong, and bytes that
// are no frame, to the server over stdio: it reads on from the next
// header and answers what follows, and what can be answered of the bad
// frames themselves.
func TestResync(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	root := fixture(t, "basic")
	svc := filepath.Join(root, "svc", "svc.go")
	src, err := os.ReadFile(svc)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.RuneCount(src) == len(src) {
		t.Fatal("the fixture has no multi-byte characters")
	}
	uri := protocol.URIFromPath(svc)
	request := func(id int) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere/x.go"},"position":{"line":0,"character":0}}}`, id)
	}
	didOpen, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": protocol.DidOpenTextDocumentParams{
		TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "go", Version: 1, Text: string(src)}}})
	for _, tc := range []struct {
		name string
		send func(c *rawClient)
		// answered are the requests the bad input holds that get their
		// answer, besides request 100 sent after it.
		answered []int
		// opened says the bad input opens svc.go, whose diagnostics come.
		opened bool
	}{
		{name: "length in characters, not bytes", opened: true, send: func(c *rawClient) {
			c.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", utf8.RuneCount(didOpen), didOpen))
		}},
		{name: "length too short", answered: []int{7}, send: func(c *rawClient) {
			c.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", 20, request(7)))
		}},
		{name: "length too long", answered: []int{7}, send: func(c *rawClient) {
			c.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(request(7))+30, request(7)))
		}},
		{name: "length too long, then waiting", send: func(c *rawClient) {
			c.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(request(7))+30, request(7)))
			c.reply(ctxFor(c.t), 7) // before anything else is sent
		}},
		{name: "garbage between frames", send: func(c *rawClient) {
			c.write("garbage\r\nmore garbage")
		}},
		{name: "bad length", send: func(c *rawClient) {
			c.write("Content-Length: many\r\n\r\n{}")
		}},
		{name: "bad header line", send: func(c *rawClient) {
			c.write("Content-Length: 2\r\nno header here\r\n\r\n{}")
		}},
		{name: "truncated message", send: func(c *rawClient) {
			c.send(`{"jsonrpc":"2.0","id":7,"method":"textDocument/hover",`)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := ctxFor(t)
			c := startRaw(t, bin)
			c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":%q,"capabilities":{}}}`, protocol.URIFromPath(root)))
			c.reply(ctx, 1)
			c.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
			tc.send(c)
			c.send(request(100))
			c.reply(ctx, 100)
			for _, id := range tc.answered {
				c.reply(ctx, id)
			}
			if tc.opened {
				c.waitFor(ctx, "diagnostics of the document opened with a bad length", func(m map[string]any) bool {
					p, _ := m["params"].(map[string]any)
					d, _ := p["diagnostics"].([]any)
					return m["method"] == "textDocument/publishDiagnostics" && p["uri"] == string(uri) && p["version"] == 1.0 && len(d) == 3
				})
			}
			// Still answering.
			c.send(request(101))
			c.reply(ctx, 101)
		})
	}
}

// TestHalfTypedCall opens a file as the editor has it mid-keystroke, a
// call missing its closing parenthesis at the end of the last file of a
// package: the package's other findings, of the rule that trips over the
// broken call too, stay, and every range is well-formed.
func TestHalfTypedCall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	c, _ := startBinary(t)
	ctx := ctxFor(t)
	if _, err := c.Initialize(ctx, example(t), "en", nil); err != nil {
		t.Fatal(err)
	}
	order, err := c.Open(ctx, example(t, "internal", "dao", "order.go"), "")
	if err != nil {
		t.Fatal(err)
	}
	pub, n, err := c.Diagnostics(ctx, order, version(1), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(pub.Diagnostics); !slices.Equal(got, []string{"unhandled-error", "unhandled-error"}) {
		t.Fatalf("diagnostics of order.go %v, want two unhandled-error", got)
	}

	path := example(t, "internal", "dao", "passport.go") // the last file of the package
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src) + "\n// Half is being typed.\nfunc Half(ctx context.Context, d *Dao) int64 {\n\tacc, err := d.Account(ctx,\n\treturn acc.Balance\n}\n"
	passport, err := c.Open(ctx, path, text)
	if err != nil {
		t.Fatal(err)
	}
	pub, _, err = c.Diagnostics(ctx, passport, version(1), 0)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(text, "\n")
	for _, d := range pub.Diagnostics {
		r := d.Range
		if r.End.Line < r.Start.Line || r.End.Line == r.Start.Line && r.End.Character < r.Start.Character || int(r.End.Line) >= len(lines) {
			t.Errorf("ill-formed range %+v of %s", r, d.Code)
		}
	}
	if !slices.Contains(codes(pub.Diagnostics), "warden-discovery") {
		t.Errorf("diagnostics of passport.go %v, want its warden-discovery", codes(pub.Diagnostics))
	}
	pub, _, err = c.Diagnostics(ctx, order, version(1), n)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(pub.Diagnostics); !slices.Equal(got, []string{"unhandled-error", "unhandled-error"}) {
		t.Errorf("with a half-typed call in passport.go, diagnostics of order.go %v, want its two unhandled-error", got)
	}
	if c.HasLog("panicked") {
		t.Errorf("a rule panicked: %v", c.Logs())
	}
}

// TestLineDirective opens a file whose //line directives name files
// outside the module and in it: the diagnostics are at the positions in
// the document, whatever the directives say.
func TestLineDirective(t *testing.T) {
	c, logs, _ := startInProcess(t, server.Options{})
	text := "package svc\n\n//line /outside/the/module/gen.y:10\nfunc gen(v any) int {\n\treturn v.(int)\n}\n\n//line svc.go:1:1\nfunc gen2(v any) int {\n\treturn v.(int)\n}\n"
	_, _, pub := openBasic(t, c, "svc/other.go", text, "en", nil)
	want := []protocol.Range{
		{Start: protocol.Position{Line: 4, Character: 9}, End: protocol.Position{Line: 4, Character: 15}},
		{Start: protocol.Position{Line: 9, Character: 9}, End: protocol.Position{Line: 9, Character: 15}},
	}
	var got []protocol.Range
	for _, d := range pub.Diagnostics {
		got = append(got, d.Range)
	}
	if !slices.Equal(got, want) {
		t.Errorf("ranges %+v, want %+v", got, want)
	}
	if strings.Contains(logs.String(), "syntax-level analysis only") {
		t.Errorf("the file was not analysed with its package")
	}
}
