// Package lspclient is a small LSP client over a real jsonrpc2
// connection, for the server's tests and benchmark: it answers the
// server's requests (workspace/configuration, registrations, progress)
// and collects its notifications.
package lspclient

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gopitfalls/gopitfalls/server/protocol"
	"github.com/sourcegraph/jsonrpc2"
)

// A Client is a connection to a server.
type Client struct {
	Conn *jsonrpc2.Conn

	mu        sync.Mutex
	settings  json.RawMessage
	diags     map[protocol.DocumentURI][]protocol.PublishDiagnosticsParams
	logs      []protocol.LogMessageParams
	shown     []protocol.LogMessageParams
	progress  []protocol.ProgressParams
	documents []protocol.ShowDocumentParams
	requests  []string // methods of the server's requests
	changed   chan struct{}

	// OnPublish, if set, is called with each publishDiagnostics as it
	// arrives (for timing).
	OnPublish func(p protocol.PublishDiagnosticsParams, at time.Time)
}

// New connects to a server over rwc.
func New(ctx context.Context, rwc io.ReadWriteCloser) *Client {
	c := &Client{diags: make(map[protocol.DocumentURI][]protocol.PublishDiagnosticsParams), changed: make(chan struct{})}
	c.Conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.AsyncHandler(c))
	return c
}

// SetSettings sets what the client answers workspace/configuration with.
func (c *Client) SetSettings(v any) {
	data, _ := json.Marshal(v)
	c.mu.Lock()
	c.settings = data
	c.mu.Unlock()
}

// Handle implements jsonrpc2.Handler.
func (c *Client) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	c.mu.Lock()
	defer func() {
		c.mu.Unlock()
		c.signal()
	}()
	if !req.Notif {
		c.requests = append(c.requests, req.Method)
	}
	var params json.RawMessage
	if req.Params != nil {
		params = *req.Params
	}
	switch req.Method {
	case "textDocument/publishDiagnostics":
		at := time.Now()
		var p protocol.PublishDiagnosticsParams
		if json.Unmarshal(params, &p) == nil {
			c.diags[p.URI] = append(c.diags[p.URI], p)
			if c.OnPublish != nil {
				c.OnPublish(p, at)
			}
		}
	case "window/logMessage":
		var p protocol.LogMessageParams
		json.Unmarshal(params, &p)
		c.logs = append(c.logs, p)
	case "window/showMessage":
		var p protocol.LogMessageParams
		json.Unmarshal(params, &p)
		c.shown = append(c.shown, p)
	case "$/progress":
		var p protocol.ProgressParams
		json.Unmarshal(params, &p)
		c.progress = append(c.progress, p)
	case "workspace/configuration":
		var p protocol.ConfigurationParams
		json.Unmarshal(params, &p)
		res := make([]json.RawMessage, len(p.Items))
		for i := range res {
			res[i] = c.settings
			if res[i] == nil {
				res[i] = json.RawMessage("null")
			}
		}
		go conn.Reply(ctx, req.ID, res)
	case "client/registerCapability", "window/workDoneProgress/create":
		go conn.Reply(ctx, req.ID, nil)
	case "window/showDocument":
		var p protocol.ShowDocumentParams
		json.Unmarshal(params, &p)
		c.documents = append(c.documents, p)
		go conn.Reply(ctx, req.ID, map[string]bool{"success": true})
	default:
		if !req.Notif {
			go conn.ReplyWithError(ctx, req.ID, &jsonrpc2.Error{Code: protocol.CodeMethodNotFound, Message: req.Method})
		}
	}
}

// Documents returns the documents the server asked to show.
func (c *Client) Documents() []protocol.ShowDocumentParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.documents)
}

// signal wakes the waiters.
func (c *Client) signal() {
	c.mu.Lock()
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
}

// WaitFor waits until cond (called with the client locked) holds.
func (c *Client) WaitFor(ctx context.Context, what string, cond func() bool) error {
	for {
		c.mu.Lock()
		ok := cond()
		ch := c.changed
		c.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", what, ctx.Err())
		}
	}
}

// Diagnostics waits for the diagnostics of uri at version (any version
// when version is nil) published after the n-th publication, and returns
// them with the index of the publication.
func (c *Client) Diagnostics(ctx context.Context, uri protocol.DocumentURI, version *int32, after int) (protocol.PublishDiagnosticsParams, int, error) {
	var got protocol.PublishDiagnosticsParams
	idx := -1
	err := c.WaitFor(ctx, fmt.Sprintf("diagnostics of %s", uri), func() bool {
		for i := after; i < len(c.diags[uri]); i++ {
			p := c.diags[uri][i]
			if version == nil || p.Version != nil && *p.Version == *version {
				got, idx = p, i+1
				return true
			}
		}
		return false
	})
	return got, idx, err
}

// DiagnosticsWhere waits for a publication for uri, after the n-th, that
// satisfies cond, and returns it with its index.
func (c *Client) DiagnosticsWhere(ctx context.Context, uri protocol.DocumentURI, after int, what string, cond func(protocol.PublishDiagnosticsParams) bool) (protocol.PublishDiagnosticsParams, int, error) {
	var got protocol.PublishDiagnosticsParams
	idx := -1
	err := c.WaitFor(ctx, what, func() bool {
		for i := after; i < len(c.diags[uri]); i++ {
			if cond(c.diags[uri][i]) {
				got, idx = c.diags[uri][i], i+1
				return true
			}
		}
		return false
	})
	return got, idx, err
}

// Published returns how many diagnostics notifications uri got.
func (c *Client) Published(uri protocol.DocumentURI) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.diags[uri])
}

// Logs returns the window/logMessage messages so far.
func (c *Client) Logs() []protocol.LogMessageParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]protocol.LogMessageParams(nil), c.logs...)
}

// Shown returns the window/showMessage messages so far.
func (c *Client) Shown() []protocol.LogMessageParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]protocol.LogMessageParams(nil), c.shown...)
}

// ShownLocked returns the window/showMessage messages so far; for
// conditions of WaitFor, which hold the lock.
func (c *Client) ShownLocked() []protocol.LogMessageParams { return c.shown }

// Progress returns the $/progress notifications so far.
func (c *Client) Progress() []protocol.ProgressParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]protocol.ProgressParams(nil), c.progress...)
}

// ProgressLocked returns the $/progress notifications so far; for
// conditions of WaitFor, which hold the lock.
func (c *Client) ProgressLocked() []protocol.ProgressParams { return c.progress }

// RequestsLocked returns the methods of the server's requests so far;
// for conditions of WaitFor, which hold the lock.
func (c *Client) RequestsLocked() []string { return c.requests }

// Requests returns the methods of the server's requests so far.
func (c *Client) Requests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.requests...)
}

// Initialize sends initialize and initialized.
func (c *Client) Initialize(ctx context.Context, root string, locale string, initOpts any) (*protocol.InitializeResult, error) {
	params := map[string]any{
		"processId": os.Getpid(),
		"rootUri":   protocol.URIFromPath(root),
		"locale":    locale,
		"capabilities": map[string]any{
			"workspace": map[string]any{
				"configuration":         true,
				"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
				"workspaceEdit":         map[string]any{"documentChanges": true},
			},
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{"versionSupport": true, "codeDescriptionSupport": true, "relatedInformation": true},
			},
			"window": map[string]any{"workDoneProgress": true, "showDocument": map[string]any{"support": true}},
		},
		"workspaceFolders":      []map[string]any{{"uri": protocol.URIFromPath(root), "name": "root"}},
		"initializationOptions": initOpts,
	}
	var raw json.RawMessage
	if err := c.Conn.Call(ctx, "initialize", params, &raw); err != nil {
		return nil, err
	}
	var res protocol.InitializeResult
	json.Unmarshal(raw, &res) // other servers' capabilities have other shapes: keep what decodes
	return &res, c.Conn.Notify(ctx, "initialized", struct{}{})
}

// Open opens a file with its contents on disk (or text, if not empty).
func (c *Client) Open(ctx context.Context, path, text string) (protocol.DocumentURI, error) {
	if text == "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		text = string(data)
	}
	uri := protocol.URIFromPath(path)
	return uri, c.Conn.Notify(ctx, "textDocument/didOpen", protocol.DidOpenTextDocumentParams{
		TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "go", Version: 1, Text: text},
	})
}

// Change sends incremental changes.
func (c *Client) Change(ctx context.Context, uri protocol.DocumentURI, version int32, changes ...protocol.TextDocumentContentChangeEvent) error {
	return c.Conn.Notify(ctx, "textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{URI: uri, Version: version},
		ContentChanges: changes,
	})
}

// ApplyEdit applies a workspace edit's edits of uri to text, as an editor
// does, and returns the result with the changes to send as didChange.
func ApplyEdit(text string, uri protocol.DocumentURI, edit *protocol.WorkspaceEdit) (string, []protocol.TextDocumentContentChangeEvent, error) {
	var edits []protocol.TextEdit
	for _, dc := range edit.DocumentChanges {
		if dc.TextDocument.URI == uri {
			edits = append(edits, dc.Edits...)
		}
	}
	edits = append(edits, edit.Changes[uri]...)
	// Apply from the end so that earlier ranges stay valid.
	var changes []protocol.TextDocumentContentChangeEvent
	for i := len(edits) - 1; i >= 0; i-- {
		r := edits[i].Range
		changes = append(changes, protocol.TextDocumentContentChangeEvent{Range: &r, Text: edits[i].NewText})
	}
	out, err := protocol.ApplyChanges([]byte(text), changes)
	if err != nil {
		return "", nil, err
	}
	return string(out), changes, nil
}

// Shutdown sends shutdown and exit.
func (c *Client) Shutdown(ctx context.Context) error {
	if err := c.Conn.Call(ctx, "shutdown", nil, nil); err != nil {
		return err
	}
	c.Conn.Notify(ctx, "exit", nil)
	return nil
}

// Wait returns a context that ends after d.
func Wait(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}

// HasLog reports whether a logged message contains s.
func (c *Client) HasLog(s string) bool {
	return hasLog(c.Logs(), s)
}

// HasLogLocked is HasLog for conditions of WaitFor, which hold the lock.
func (c *Client) HasLogLocked(s string) bool {
	return hasLog(c.logs, s)
}

func hasLog(logs []protocol.LogMessageParams, s string) bool {
	for _, l := range logs {
		if strings.Contains(l.Message, s) {
			return true
		}
	}
	return false
}
