package server_test

import (
	"bytes"
	"context"
	"flag"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/server"
	"github.com/gopitfalls/gopitfalls/server/internal/lspclient"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

var update = flag.Bool("update", false, "update the golden files")

// fixture returns the absolute path of a file of testdata/lsp.
func fixture(t *testing.T, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(append([]string{"..", "testdata", "lsp"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// logBuffer collects the server's logs.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startInProcess serves a client over net.Pipe and returns it with the
// server's logs and exit code.
func startInProcess(t *testing.T, opts server.Options) (*lspclient.Client, *logBuffer, <-chan int) {
	t.Helper()
	logs := &logBuffer{}
	if opts.Rules == nil {
		opts.Rules = all.Rules
	}
	opts.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	serverEnd, clientEnd := net.Pipe()
	code := make(chan int, 1)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { code <- server.Serve(ctx, serverEnd, opts) }()
	c := lspclient.New(context.Background(), clientEnd)
	t.Cleanup(func() {
		cancel()
		c.Conn.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return c, logs, code
}

// startBinary builds gopitfalls and serves a client over its stdio.
func startBinary(t *testing.T, args ...string) (*lspclient.Client, *exec.Cmd) {
	t.Helper()
	cmd, stdin, stdout := startServe(t, buildBinary(t), args...)
	c := lspclient.New(context.Background(), rwc{stdout, stdin})
	t.Cleanup(func() { c.Conn.Close() })
	return c, cmd
}

// buildBinary builds gopitfalls and returns its path.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gopitfalls")
	build := exec.Command("go", "build", "-o", bin, "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building gopitfalls: %v\n%s", err, out)
	}
	return bin
}

// startServe starts `gopitfalls serve` (the binary bin) with its stdin
// and stdout connected to the pipes returned. Its stderr is logged when
// the test fails.
func startServe(t *testing.T, bin string, args ...string) (*exec.Cmd, io.WriteCloser, io.ReadCloser) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--stdio"}, args...)...)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	stderr := &logBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("server stderr:\n%s", stderr.String())
		}
	})
	return cmd, stdin, stdout
}

type rwc struct {
	io.Reader
	io.WriteCloser
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// utf16Col returns the UTF-16 column of the first occurrence of needle
// in line.
func utf16Col(line, needle string) uint32 {
	return uint32(len(utf16.Encode([]rune(line[:strings.Index(line, needle)]))))
}

// lineOf returns the zero-based line number and text of the first line
// of text that contains needle.
func lineOf(t *testing.T, text, needle string) (uint32, string) {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, needle) {
			return uint32(i), l
		}
	}
	t.Fatalf("no line contains %q", needle)
	return 0, ""
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := fixture(t, "golden", name)
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func version(v int32) *int32 { return &v }

// codeActions asks for the code actions of a range.
func codeActions(t *testing.T, ctx context.Context, c *lspclient.Client, uri protocol.DocumentURI, rng protocol.Range, diags []protocol.Diagnostic, only ...protocol.CodeActionKind) []protocol.CodeAction {
	t.Helper()
	var actions []protocol.CodeAction
	err := c.Conn.Call(ctx, "textDocument/codeAction", protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: rng,
		Context: protocol.CodeActionContext{Diagnostics: diags, Only: only},
	}, &actions)
	if err != nil {
		t.Fatal(err)
	}
	return actions
}

func hover(t *testing.T, ctx context.Context, c *lspclient.Client, uri protocol.DocumentURI, pos protocol.Position) string {
	t.Helper()
	var h *protocol.Hover
	if err := c.Conn.Call(ctx, "textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: pos}}, &h); err != nil {
		t.Fatal(err)
	}
	if h == nil {
		return ""
	}
	return h.Contents.Value
}

// flow is the editing session every transport must carry: initialize →
// didOpen → publishDiagnostics → hover → codeAction → apply the edit →
// compare with the golden file → didChange → diagnostics update.
func flow(t *testing.T, c *lspclient.Client) {
	ctx := ctxFor(t)
	root := fixture(t, "basic")
	res, err := c.Initialize(ctx, root, "zh-cn", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Capabilities.TextDocumentSync.Change != protocol.SyncIncremental || !res.Capabilities.HoverProvider {
		t.Errorf("capabilities %+v", res.Capabilities)
	}
	path := filepath.Join(root, "svc", "svc.go")
	src, _ := os.ReadFile(path)
	text := string(src)
	uri, err := c.Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	pub, n, err := c.Diagnostics(ctx, uri, version(1), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pub.Diagnostics) != 3 {
		t.Fatalf("got %d diagnostics, want 3: %+v", len(pub.Diagnostics), pub.Diagnostics)
	}
	for _, d := range pub.Diagnostics {
		if d.Source != "gopitfalls" || d.Code != "unchecked-type-assertion" || d.Severity != protocol.SeverityWarning ||
			d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "note.zh.md") {
			t.Errorf("diagnostic %+v", d)
		}
		if !strings.HasPrefix(d.Message, "类型断言 ") || !strings.Contains(d.Message, "会 panic") {
			t.Errorf("message %q, want the rule's Chinese", d.Message)
		}
	}
	// The line with Chinese and an astral character: UTF-16 columns. The
	// diagnostic starts at the assertion's .(.
	line, lineText := lineOf(t, text, `v.(string)`)
	d := pub.Diagnostics[1]
	want := protocol.Range{Start: protocol.Position{Line: line, Character: utf16Col(lineText, "v.(string)") + 1},
		End: protocol.Position{Line: line, Character: utf16Col(lineText, "v.(string)") + uint32(len("v.(string)"))}}
	if d.Range != want {
		t.Errorf("range on the Chinese line %+v, want %+v", d.Range, want)
	}

	// Hover inside the diagnostic: the note in the client's locale.
	h := hover(t, ctx, c, uri, protocol.Position{Line: line, Character: want.Start.Character + 2})
	for _, s := range []string{"类型断言没有用 comma-ok 检查", "panic: interface conversion", "```go", "//gopitfalls:ignore unchecked-type-assertion", "note.zh.md"} {
		if !strings.Contains(h, s) {
			t.Errorf("hover lacks %q:\n%s", s, h)
		}
	}

	// The quick fix of `n := v.(int)`.
	fixDiag := pub.Diagnostics[2]
	if line, _ := lineOf(t, text, "v.(int)"); fixDiag.Range.Start.Line != line {
		t.Fatalf("third diagnostic %+v, want the one of v.(int)", fixDiag)
	}
	actions := codeActions(t, ctx, c, uri, fixDiag.Range, []protocol.Diagnostic{fixDiag})
	var fix *protocol.CodeAction
	for i, a := range actions {
		if a.Kind == protocol.QuickFix && a.IsPreferred {
			fix = &actions[i]
		}
	}
	if fix == nil || len(actions) != 3 {
		t.Fatalf("actions %+v, want a preferred fix, an ignore action and an explain action", actions)
	}
	if !strings.HasPrefix(fix.Title, "改成 comma-ok 检查") {
		t.Errorf("fix title %q, want the rule's Chinese", fix.Title)
	}
	if dc := fix.Edit.DocumentChanges; len(dc) != 1 || dc[0].TextDocument.Version == nil || *dc[0].TextDocument.Version != 1 {
		t.Errorf("fix edit %+v, want a versioned document change", fix.Edit)
	}
	fixed, changes, err := lspclient.ApplyEdit(text, uri, fix.Edit)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "svc.go.quickfix", fixed)

	// didChange with the edit: the finding is gone.
	if err := c.Change(ctx, uri, 2, changes...); err != nil {
		t.Fatal(err)
	}
	pub, _, err = c.Diagnostics(ctx, uri, version(2), n)
	if err != nil {
		t.Fatal(err)
	}
	if len(pub.Diagnostics) != 2 {
		t.Errorf("after the fix: %d diagnostics, want 2: %+v", len(pub.Diagnostics), pub.Diagnostics)
	}
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestFlowInProcess(t *testing.T) {
	c, _, code := startInProcess(t, server.Options{})
	flow(t, c)
	select {
	case got := <-code:
		if got != 0 {
			t.Errorf("exit code %d after shutdown and exit, want 0", got)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("the server did not exit")
	}
}

func TestFlowBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	c, cmd := startBinary(t)
	flow(t, c)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("gopitfalls serve exited with %v after shutdown and exit", err)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("gopitfalls serve did not exit")
	}
}

// TestProfiles checks that serve -cpuprofile and -memprofile write
// profiles (gzipped protocol buffers, as go tool pprof reads them) when
// the session ends.
func TestProfiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	c, cmd := startBinary(t, "-cpuprofile", cpu, "-memprofile", mem)
	ctx := ctxFor(t)
	if _, err := c.Initialize(ctx, fixture(t, "basic"), "en", nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("gopitfalls serve exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("gopitfalls serve did not exit")
	}
	for _, name := range []string{cpu, mem} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Error(err)
			continue
		}
		if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
			t.Errorf("%s is not a gzipped profile: % x", filepath.Base(name), data[:min(len(data), 8)])
		}
	}
}
