package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/server"
	"github.com/gopitfalls/gopitfalls/server/protocol"
	"github.com/sourcegraph/jsonrpc2"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// The server in a hostile or tired session: requests out of order, bad
// input, cancellation, a panicking rule, broken or huge files, a failed
// load, typing while the workspace loads.

func TestRequestsBeforeInitialize(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	err := c.Conn.Call(ctx, "textDocument/hover", map[string]any{}, nil)
	if e, ok := err.(*jsonrpc2.Error); !ok || e.Code != protocol.CodeServerNotInitialized {
		t.Errorf("hover before initialize: %v, want error -32002", err)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c, _, code := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	if _, err := c.Initialize(ctx, fixture(t, "basic"), "en", nil); err != nil {
		t.Fatal(err)
	}
	c.Conn.Notify(ctx, "exit", nil)
	select {
	case got := <-code:
		if got != 1 {
			t.Errorf("exit code %d without shutdown, want 1", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit")
	}
}

func TestBadInput(t *testing.T) {
	serverEnd, clientEnd := net.Pipe()
	go server.Serve(context.Background(), serverEnd, server.Options{Rules: all.Rules})
	t.Cleanup(func() { clientEnd.Close() })
	r := bufio.NewReader(clientEnd)
	send := func(body string) {
		fmt.Fprintf(clientEnd, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	read := func() map[string]any {
		t.Helper()
		clientEnd.SetReadDeadline(time.Now().Add(20 * time.Second))
		length := 0
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if line == "\r\n" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(strings.TrimSpace(v))
			}
		}
		body := make([]byte, length)
		io.ReadFull(r, body)
		var m map[string]any
		json.Unmarshal(body, &m)
		return m
	}
	code := func(m map[string]any) float64 {
		e, _ := m["error"].(map[string]any)
		c, _ := e["code"].(float64)
		return c
	}
	go func() {
		send(`{"jsonrpc":"2.0","id":1,"method":"initialize",`) // truncated JSON
		send(`{"jsonrpc":"2.0","foo":1}`)
		fmt.Fprint(clientEnd, "Bogus-Header\r\n\r\n")
		send(`{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}`)
		send(`{"jsonrpc":"2.0","method":"$/unknownNotification","params":{}}`)
		send(`{"jsonrpc":"2.0","id":3,"method":"workspace/noSuchMethod","params":{}}`)
		send(`{"jsonrpc":"2.0","id":4,"method":"shutdown"}`)
	}()
	if m := read(); code(m) != protocol.CodeParseError {
		t.Errorf("truncated JSON: %v, want a parse error", m)
	}
	if m := read(); code(m) != protocol.CodeInvalidRequest {
		t.Errorf("neither request nor response: %v, want an invalid request error", m)
	}
	if m := read(); m["id"] != 2.0 || m["result"] == nil {
		t.Errorf("initialize after bad input: %v", m)
	}
	if m := read(); m["id"] != 3.0 || code(m) != protocol.CodeMethodNotFound {
		t.Errorf("unknown method: %v, want method not found", m)
	}
	if m := read(); m["id"] != 4.0 || m["error"] != nil {
		t.Errorf("shutdown: %v", m)
	}
}

func TestCancellation(t *testing.T) {
	release := make(chan struct{})
	slow := testRule("test-slow", func(*analysis.Pass, *inspector.Inspector) { <-release })
	c, _, _ := startInProcess(t, server.Options{Rules: all.Rules.With(slow)})
	defer close(release)
	ctx := ctxFor(t)
	root := fixture(t, "basic")
	if _, err := c.Initialize(ctx, root, "en", nil); err != nil {
		t.Fatal(err)
	}
	uri, err := c.Open(ctx, filepath.Join(root, "svc", "svc.go"), "")
	if err != nil {
		t.Fatal(err)
	}
	w, err := c.Conn.DispatchCall(ctx, "textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 9, Character: 30}}}, jsonrpc2.PickID(jsonrpc2.ID{Num: 99}))
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	c.Conn.Notify(ctx, "$/cancelRequest", map[string]any{"id": 99})
	err = w.Wait(ctx, nil)
	if e, ok := err.(*jsonrpc2.Error); !ok || e.Code != protocol.CodeRequestCancelled {
		t.Errorf("cancelled hover: %v, want error -32800", err)
	}
}

func TestPanickingRule(t *testing.T) {
	boom := testRule("test-boom", func(_ *analysis.Pass, in *inspector.Inspector) {
		for range in.PreorderSeq((*ast.TypeAssertExpr)(nil)) {
			panic("boom")
		}
	})
	c, logs, _ := startInProcess(t, server.Options{Rules: all.Rules.With(boom)})
	_, _, pub := openBasic(t, c, "svc/svc.go", "", "en", nil)
	if len(pub.Diagnostics) != 3 {
		t.Errorf("%d diagnostics, want the 3 of unchecked-type-assertion", len(pub.Diagnostics))
	}
	if !strings.Contains(logs.String(), "rule panicked") || !c.HasLog("test-boom panicked") {
		t.Errorf("the panic was not logged")
	}
	// Still serving.
	if h := hover(t, ctxFor(t), c, pub.URI, pub.Diagnostics[0].Range.Start); !strings.Contains(h, "comma-ok") {
		t.Errorf("hover after a panic: %q", h)
	}
}

func TestBrokenCode(t *testing.T) {
	src, _ := os.ReadFile(fixture(t, "basic", "svc", "svc.go"))
	for name, extra := range map[string]string{
		"syntax error":      "\nfunc broken( {\n",
		"type error":        "\nfunc typo() int { return undefinedThing }\n",
		"half-typed line":   "\nfunc half(v interface{}) { x := v.(\n}\n",
		"missing import":    "\nfunc imp() { _ = nosuchpkg.Thing }\n",
		"unresolved import": "",
	} {
		t.Run(name, func(t *testing.T) {
			text := string(src) + extra
			if name == "unresolved import" {
				text = strings.Replace(string(src), `import "context"`, "import (\n\t\"context\"\n\t\"example.com/does/not/exist\"\n)", 1) + "\nvar _ = exist.X\n"
			}
			c, _, _ := startInProcess(t, server.Options{})
			_, _, pub := openBasic(t, c, "svc/svc.go", text, "en", nil)
			if len(pub.Diagnostics) < 3 {
				t.Errorf("%d diagnostics, want at least the 3 type assertions: %+v", len(pub.Diagnostics), pub.Diagnostics)
			}
		})
	}
}

func TestOutsideModule(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "loose.go")
	os.WriteFile(path, []byte("package loose\n\n// 没有 go.mod 的文件\nfunc f(v any) int { return v.(int) }\n"), 0o644)
	c, logs, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	if _, err := c.Initialize(ctx, dir, "en", nil); err != nil {
		t.Fatal(err)
	}
	uri, _ := c.Open(ctx, path, "")
	pub, _, err := c.Diagnostics(ctx, uri, version(1), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Range.Start != (protocol.Position{Line: 3, Character: 28}) {
		t.Errorf("diagnostics %+v, want the assertion's .( at 4:29", pub.Diagnostics)
	}
	if !strings.Contains(logs.String(), "outside any module") {
		t.Errorf("no log says the file is outside any module")
	}
}

func TestSyntaxOnly(t *testing.T) {
	c, logs, _ := startInProcess(t, server.Options{})
	_, _, pub := openBasic(t, c, "svc/svc.go", "", "en", map[string]any{"syntaxOnly": true})
	if len(pub.Diagnostics) != 3 {
		t.Errorf("%d diagnostics in syntax-only mode, want 3", len(pub.Diagnostics))
	}
	if strings.Contains(logs.String(), "loaded packages") {
		t.Errorf("syntax-only mode ran the go command:\n%s", logs)
	}
}

func TestHugeFile(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{MaxFileSize: 256 << 10})
	var b strings.Builder
	b.WriteString("package svc\n\nvar huge = []string{\n")
	for b.Len() < 300<<10 {
		b.WriteString("\t\"0123456789012345678901234567890123456789\",\n")
	}
	b.WriteString("}\n")
	uri, _, pub := openBasic(t, c, "svc/huge.go", b.String(), "en", nil)
	if len(pub.Diagnostics) != 0 {
		t.Errorf("huge file: %d diagnostics", len(pub.Diagnostics))
	}
	ctx := ctxFor(t)
	c.Change(ctx, uri, 2, protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: protocol.Position{Line: 0}, End: protocol.Position{Line: 0, Character: 11}}, Text: "package svc // 改"})
	if _, _, err := c.Diagnostics(ctx, uri, version(2), 0); err != nil {
		t.Fatal(err)
	}
	if !c.HasLog("not analysed") {
		t.Errorf("no message says the file is not analysed")
	}
}

func TestLoadFailure(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{Env: append(os.Environ(), "GOFLAGS=-mod=nonsense")})
	_, _, pub := openBasic(t, c, "svc/svc.go", "", "en", nil)
	if len(pub.Diagnostics) != 3 {
		t.Errorf("%d diagnostics, want the 3 the syntax shows", len(pub.Diagnostics))
	}
	// The client handles notifications concurrently: the log message may
	// be recorded after the diagnostics that followed it.
	if err := c.WaitFor(ctxFor(t), "the load failure in the log", func() bool { return c.HasLogLocked("loading packages") }); err != nil {
		t.Errorf("the load failure is not in the client's log: %+v", c.Logs())
	}
}

// TestTypingWhileLoading edits a file while its package loads: every
// edit cancels the analysis waiting for the load, but not the load, and
// the last version gets its diagnostics.
func TestTypingWhileLoading(t *testing.T) {
	c, logs, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	root := fixture(t, "basic")
	if _, err := c.Initialize(ctx, root, "en", nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "svc", "svc.go")
	src, _ := os.ReadFile(path)
	uri, _ := c.Open(ctx, path, "")
	text := string(src)
	var v int32 = 1
	for i := 0; i < 10; i++ {
		v++
		text += fmt.Sprintf("\n// edit %d\n", i)
		c.Change(ctx, uri, v, protocol.TextDocumentContentChangeEvent{Text: text})
		time.Sleep(10 * time.Millisecond)
	}
	pub, _, err := c.Diagnostics(ctx, uri, version(v), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pub.Diagnostics) != 3 {
		t.Errorf("%d diagnostics, want 3", len(pub.Diagnostics))
	}
	if n := strings.Count(logs.String(), "loaded packages"); n != 1 {
		t.Errorf("the packages were loaded %d times, want once", n)
	}
}
