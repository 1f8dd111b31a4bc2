// Package server is the gopitfalls language server: the transport and
// dispatch layer over github.com/sourcegraph/jsonrpc2. It answers the
// LSP lifecycle, keeps a request-ID → cancel map for $/cancelRequest,
// recovers from panics in handlers, runs the document notifications
// inline (the jsonrpc2 handler is sequential) and everything slow off the
// read loop, and schedules diagnostics. What to show comes from the
// features package, computed on cache snapshots the session makes.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/server/cache"
	"github.com/gopitfalls/gopitfalls/server/features"
	"github.com/gopitfalls/gopitfalls/server/protocol"
	"github.com/gopitfalls/gopitfalls/server/session"
	"github.com/sourcegraph/jsonrpc2"
)

// DefaultDelay is how long diagnostics wait after an edit for the next
// one: long enough to skip the work of a keystroke that is soon replaced.
const DefaultDelay = 10 * time.Millisecond

// Options configure a server.
type Options struct {
	Log        *slog.Logger
	Version    string
	SyntaxOnly bool          // also settable by initializationOptions.syntaxOnly
	Delay      time.Duration // debounce of diagnostics after edits; 0 means DefaultDelay
	Env        []string      // of the go command; nil: the process's
	// Rules are the rules the server runs, as settings and configuration
	// files select them: main hands it the registry (rules/all).
	Rules rule.Set
	// Topics finds the notes that have no rule (nil: none).
	Topics features.TopicLookup
	// MaxFileSize is the size above which an open file is not analysed
	// (its text is kept); 0 means cache.MaxFileSize.
	MaxFileSize int
}

// Serve serves one client on rwc until it exits or the connection ends,
// and returns the process's exit code: 0 after shutdown and exit, 1 when
// the client exits without shutdown or goes away.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Delay == 0 {
		opts.Delay = DefaultDelay
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &Server{opts: opts, log: opts.Log, ctx: ctx, pending: make(map[jsonrpc2.ID]context.CancelFunc), exitCode: 1, ready: make(chan struct{})}
	s.diag = newDiagnoser(s)
	conn := jsonrpc2.NewConn(ctx, newStream(rwc, opts.Log), s, jsonrpc2.SetLogger(slogLogger{opts.Log}))
	s.conn = conn
	close(s.ready) // Handle may use s.conn from now on
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitCode
}

// A Server is the state of one connection.
type Server struct {
	opts  Options
	log   *slog.Logger
	ctx   context.Context // cancelled when the connection ends
	conn  *jsonrpc2.Conn
	ready chan struct{} // closed once conn is set
	diag  *diagnoser

	mu       sync.Mutex
	state    int // 0 new, 1 initialized, 2 shut down
	exitCode int
	sess     *session.Session
	cache    *cache.Cache
	pending  map[jsonrpc2.ID]context.CancelFunc
	shown    map[string]bool // messages shown to the user once
}

const (
	stateNew = iota
	stateInitialized
	stateShutdown
)

// Handle implements jsonrpc2.Handler. It runs on the connection's read
// loop, one message at a time.
func (s *Server) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	<-s.ready
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("handler panicked", "method", req.Method, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if !req.Notif {
				s.replyErr(req, protocol.CodeInternalError, fmt.Sprintf("internal error in %s: %v", req.Method, p))
			}
		}
	}()
	s.log.Debug("received", "method", req.Method, "id", idString(req))

	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case req.Method == "exit":
		s.exit()
		return
	case req.Method == "$/cancelRequest":
		s.cancelRequest(req)
		return
	case state == stateNew && req.Method != "initialize":
		if !req.Notif {
			s.replyErr(req, protocol.CodeServerNotInitialized, "the server is not initialized")
		}
		return
	case state != stateNew && req.Method == "initialize":
		s.replyErr(req, protocol.CodeInvalidRequest, "initialize was sent twice")
		return
	case state == stateShutdown:
		if !req.Notif {
			s.replyErr(req, protocol.CodeInvalidRequest, "the server is shut down")
		}
		return
	}

	switch req.Method {
	case "initialize":
		var params protocol.InitializeParams
		if !s.params(req, &params) {
			return
		}
		s.reply(req, s.initialize(&params))
	case "initialized":
		go s.initialized()
	case "shutdown":
		s.mu.Lock()
		s.state = stateShutdown
		s.mu.Unlock()
		s.diag.stop()
		s.reply(req, nil)

	// Document notifications: inline and quick.
	case "textDocument/didOpen":
		var p protocol.DidOpenTextDocumentParams
		if s.params(req, &p) {
			s.didOpen(&p)
		}
	case "textDocument/didChange":
		var p protocol.DidChangeTextDocumentParams
		if s.params(req, &p) {
			s.didChange(&p)
		}
	case "textDocument/didSave":
		var p protocol.DidSaveTextDocumentParams
		if s.params(req, &p) {
			s.didSave(&p)
		}
	case "textDocument/didClose":
		var p protocol.DidCloseTextDocumentParams
		if s.params(req, &p) {
			s.didClose(&p)
		}
	case "workspace/didChangeConfiguration":
		var p protocol.DidChangeConfigurationParams
		if s.params(req, &p) {
			s.didChangeConfiguration(&p)
		}
	case "workspace/didChangeWatchedFiles":
		var p protocol.DidChangeWatchedFilesParams
		if s.params(req, &p) {
			s.didChangeWatchedFiles(&p)
		}

	// Requests: off the read loop, cancellable.
	case "textDocument/hover":
		var p protocol.HoverParams
		if s.params(req, &p) {
			snap := s.sess.Snapshot() // taken now: it has every earlier edit
			s.async(req, func(ctx context.Context) (any, error) { return s.hover(ctx, snap, &p) })
		}
	case "textDocument/codeAction":
		var p protocol.CodeActionParams
		if s.params(req, &p) {
			snap := s.sess.Snapshot()
			s.async(req, func(ctx context.Context) (any, error) { return s.codeAction(ctx, snap, &p) })
		}
	case "workspace/executeCommand":
		var p protocol.ExecuteCommandParams
		if s.params(req, &p) {
			s.async(req, func(ctx context.Context) (any, error) { return s.executeCommand(ctx, &p) })
		}
	default:
		if !req.Notif {
			s.replyErr(req, protocol.CodeMethodNotFound, "method not found: "+req.Method)
		}
		// Unknown notifications ($/setTrace, …) are ignored.
	}
}

// params decodes a message's parameters, answering a request whose
// parameters do not decode with InvalidParams.
func (s *Server) params(req *jsonrpc2.Request, v any) bool {
	if req.Params == nil {
		if !req.Notif {
			s.replyErr(req, protocol.CodeInvalidParams, "missing params")
		}
		return false
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		s.log.Error("bad params", "method", req.Method, "error", err)
		if !req.Notif {
			s.replyErr(req, protocol.CodeInvalidParams, fmt.Sprintf("bad params of %s: %v", req.Method, err))
		}
		return false
	}
	return true
}

// async runs a request's work in its own goroutine with a context that
// $/cancelRequest (or the end of the connection) cancels.
func (s *Server) async(req *jsonrpc2.Request, work func(context.Context) (any, error)) {
	ctx, cancel := context.WithCancel(s.ctx)
	s.mu.Lock()
	s.pending[req.ID] = cancel
	s.mu.Unlock()
	go func() {
		defer func() {
			s.mu.Lock()
			delete(s.pending, req.ID)
			s.mu.Unlock()
			cancel()
		}()
		type outcome struct {
			res any
			err error
		}
		done := make(chan outcome, 1)
		go func() {
			var o outcome
			defer func() {
				if p := recover(); p != nil {
					s.log.Error("request panicked", "method", req.Method, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
					o.err = fmt.Errorf("internal error in %s: %v", req.Method, p)
				}
				done <- o
			}()
			o.res, o.err = work(ctx)
		}()
		var o outcome
		select {
		case o = <-done:
		case <-ctx.Done():
			// Answer at once; the work stops at its next check.
		}
		switch {
		case ctx.Err() != nil && s.ctx.Err() == nil:
			s.replyErr(req, protocol.CodeRequestCancelled, "request cancelled")
		case ctx.Err() != nil:
			// The connection is gone.
		case o.err != nil:
			s.log.Error("request failed", "method", req.Method, "error", o.err)
			s.replyErr(req, protocol.CodeInternalError, o.err.Error())
		default:
			s.reply(req, o.res)
		}
	}()
}

func (s *Server) cancelRequest(req *jsonrpc2.Request) {
	var p struct {
		ID jsonrpc2.ID `json:"id"`
	}
	if req.Params == nil || json.Unmarshal(*req.Params, &p) != nil {
		return
	}
	s.mu.Lock()
	cancel, ok := s.pending[p.ID]
	s.mu.Unlock()
	if ok {
		s.log.Debug("cancelling", "id", p.ID.String())
		cancel()
	}
}

func (s *Server) reply(req *jsonrpc2.Request, result any) {
	if err := s.conn.Reply(s.ctx, req.ID, result); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Error("replying", "method", req.Method, "error", err)
	}
}

func (s *Server) replyErr(req *jsonrpc2.Request, code int64, msg string) {
	if err := s.conn.ReplyWithError(s.ctx, req.ID, &jsonrpc2.Error{Code: code, Message: msg}); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Error("replying", "method", req.Method, "error", err)
	}
}

// notify sends a notification to the client, logging failures.
func (s *Server) notify(method string, params any) {
	if err := s.conn.Notify(s.ctx, method, params); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Error("notifying", "method", method, "error", err)
	}
}

// logMessage sends a window/logMessage (for what matters to someone
// reading the server's output).
func (s *Server) logMessage(typ int, format string, args ...any) {
	s.notify("window/logMessage", protocol.LogMessageParams{Type: typ, Message: fmt.Sprintf(format, args...)})
}

// showOnce shows a message the user can act on (a bad setting or
// configuration file), once per distinct text.
func (s *Server) showOnce(typ int, msg string) {
	s.mu.Lock()
	if s.shown == nil {
		s.shown = make(map[string]bool)
	}
	seen := s.shown[msg]
	s.shown[msg] = true
	s.mu.Unlock()
	if !seen {
		s.notify("window/showMessage", protocol.LogMessageParams{Type: typ, Message: msg})
	}
}

func (s *Server) exit() {
	s.mu.Lock()
	if s.state == stateShutdown {
		s.exitCode = 0
	}
	s.mu.Unlock()
	s.diag.stop()
	s.conn.Close()
}

func (s *Server) initialize(params *protocol.InitializeParams) *protocol.InitializeResult {
	opts, settings, err := session.ParseInitOptions(params.InitializationOptions, s.opts.Rules)
	if err != nil {
		s.log.Warn("bad initializationOptions", "error", err)
	}
	syntaxOnly := s.opts.SyntaxOnly || opts.SyntaxOnly
	if opts.GoCommand != "" && !syntaxOnly {
		cleanup, err := useGoCommand(opts.GoCommand)
		if err != nil {
			s.log.Warn("not using the client's go command", "error", err)
		} else {
			s.log.Info("go command", "path", opts.GoCommand)
		}
		context.AfterFunc(s.ctx, cleanup)
	}
	sess := session.New(params)
	c := cache.New(cache.Options{
		Log: s.log, Rules: s.opts.Rules, SyntaxOnly: syntaxOnly, Env: s.opts.Env, MaxFileSize: s.opts.MaxFileSize,
		FactsReady: func(string) { s.diag.factsReady() },
	})
	sess.SetCache(c)
	sess.SetSettings(settings)
	s.mu.Lock()
	s.sess, s.cache, s.state = sess, c, stateInitialized
	s.mu.Unlock()
	client := "unknown client"
	if params.ClientInfo != nil {
		client = params.ClientInfo.Name + " " + params.ClientInfo.Version
	}
	s.log.Info("initialize", "client", client, "locale", params.Locale, "folders", sess.Folders(), "syntaxOnly", syntaxOnly)
	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding: "utf-16",
			TextDocumentSync: protocol.TextDocumentSyncOptions{
				OpenClose: true, Change: protocol.SyncIncremental, Save: &protocol.SaveOptions{},
			},
			HoverProvider: true,
			CodeActionProvider: &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{
				protocol.QuickFix, protocol.SourceFixAllPitfall,
			}},
			ExecuteCommand: &protocol.ExecuteCommandOptions{Commands: []string{protocol.ExplainCommand}},
		},
		ServerInfo: &protocol.ServerInfo{Name: "gopitfalls", Version: s.opts.Version},
	}
}

// initialized pulls the settings, registers the file watchers and, in
// workspace scope, starts analysing the workspace. It runs off the read
// loop: it waits for the client's answers.
func (s *Server) initialized() {
	caps := &s.sess.Params().Capabilities
	if caps.Workspace.DidChangeWatchedFiles.DynamicRegistration && !s.cache.SyntaxOnly() {
		reg := protocol.RegistrationParams{Registrations: []protocol.Registration{{
			ID: "gopitfalls-watch", Method: "workspace/didChangeWatchedFiles",
			RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
				{GlobPattern: "**/go.mod"}, {GlobPattern: "**/go.sum"}, {GlobPattern: "**/go.work"},
				{GlobPattern: "**/" + config.FileName}, {GlobPattern: "**/*.go"},
			}},
		}}}
		if err := s.conn.Call(s.ctx, "client/registerCapability", reg, nil); err != nil {
			s.log.Warn("registering file watchers", "error", err)
		}
	}
	s.pullSettings()
	mode := "packages loaded with the go command, dependencies from export data"
	if s.cache.SyntaxOnly() {
		mode = "syntax-only mode: rules that need no types, no go command"
	}
	s.logMessage(protocol.MessageInfo, "gopitfalls %s serving %s (%s)", s.opts.Version, strings.Join(s.sess.Folders(), ", "), mode)
	s.diag.settingsChanged()
}

// pullSettings asks the client for the "gopitfalls" settings section when
// it supports workspace/configuration.
func (s *Server) pullSettings() {
	if !s.sess.Params().Capabilities.Workspace.Configuration {
		return
	}
	var res []json.RawMessage
	params := protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: "gopitfalls"}}}
	if err := s.conn.Call(s.ctx, "workspace/configuration", params, &res); err != nil {
		s.log.Warn("workspace/configuration", "error", err)
		return
	}
	if len(res) == 0 {
		return
	}
	s.applySettings(res[0])
}

func (s *Server) applySettings(raw json.RawMessage) {
	settings, err := config.ParseSettings(raw, s.opts.Rules)
	if err != nil {
		s.log.Warn("bad settings", "error", err)
		s.showOnce(protocol.MessageWarning, "gopitfalls: "+err.Error())
	}
	s.sess.SetSettings(settings)
	s.log.Info("settings", "language", settings.Language, "scope", settings.DiagnosticsScope, "rules", len(settings.Rules))
}

func (s *Server) didChangeConfiguration(p *protocol.DidChangeConfigurationParams) {
	if s.sess.Params().Capabilities.Workspace.Configuration {
		go func() { // waits for the client
			s.pullSettings()
			s.diag.settingsChanged()
		}()
		return
	}
	s.applySettings(p.Settings)
	s.diag.settingsChanged()
}

type slogLogger struct{ log *slog.Logger }

func (l slogLogger) Printf(format string, args ...any) {
	l.log.Warn("jsonrpc2: " + fmt.Sprintf(format, args...))
}

func idString(req *jsonrpc2.Request) string {
	if req.Notif {
		return ""
	}
	return req.ID.String()
}
