package server

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/server/cache"
	"github.com/gopitfalls/gopitfalls/server/features"
	"github.com/gopitfalls/gopitfalls/server/protocol"
	"github.com/sourcegraph/jsonrpc2"
)

func (s *Server) didOpen(p *protocol.DidOpenTextDocumentParams) {
	path, err := s.sess.Open(p)
	if err != nil {
		s.log.Warn("didOpen", "error", err)
		return
	}
	if isGo(path) {
		s.diag.edited(path, true)
	}
}

func (s *Server) didChange(p *protocol.DidChangeTextDocumentParams) {
	path, err := s.sess.Change(p)
	if err != nil {
		s.log.Error("didChange", "error", err)
		s.logMessage(protocol.MessageError, "gopitfalls: %v", err)
		return
	}
	if isGo(path) {
		s.diag.edited(path, false)
	}
}

func (s *Server) didSave(p *protocol.DidSaveTextDocumentParams) {
	path, err := s.sess.Save(p)
	if err != nil {
		s.log.Warn("didSave", "error", err)
		return
	}
	switch base := filepath.Base(path); {
	case base == config.FileName:
		s.diag.configFileChanged()
	case base == "go.mod" || base == "go.work":
		s.diag.buildChanged(true) // for clients that do not watch files
	case isGo(path):
		// Packages that import this one read its export data: rebuild it.
		s.diag.buildChanged(false)
	}
}

func (s *Server) didClose(p *protocol.DidCloseTextDocumentParams) {
	path, err := s.sess.Close(p)
	if err != nil {
		s.log.Warn("didClose", "error", err)
		return
	}
	s.diag.closed(path)
}

func (s *Server) didChangeWatchedFiles(p *protocol.DidChangeWatchedFilesParams) {
	open := s.sess.OpenPaths()
	build, cfg := false, false
	for _, ev := range p.Changes {
		path, err := ev.URI.Path()
		if err != nil {
			continue // not a file
		}
		switch base := filepath.Base(path); {
		case base == config.FileName:
			cfg = true
		case base == "go.mod" || base == "go.sum" || base == "go.work" || base == "go.work.sum":
			build = true
		case isGo(path) && (ev.Type != protocol.FileChanged || !open[path]):
			build = true // created, deleted, or changed on disk by another program
		}
	}
	if cfg {
		s.diag.configFileChanged()
	}
	if build {
		s.diag.buildChanged(true)
	}
}

func isGo(path string) bool { return strings.HasSuffix(path, ".go") }

// env returns the features' view of the client for a package.
func (s *Server) env(pkg *cache.Package) *features.Env {
	lang := config.LangOf(s.sess.Locale())
	if pkg != nil && pkg.Config != nil {
		lang = pkg.Config.Lang(s.sess.Locale())
	}
	return &features.Env{
		Lang:            lang,
		URI:             s.sess.URI,
		DocumentChanges: s.sess.Params().Capabilities.Workspace.WorkspaceEdit.DocumentChanges,
		Topics:          s.opts.Topics,
	}
}

func (s *Server) hover(ctx context.Context, snap *cache.Snapshot, p *protocol.HoverParams) (any, error) {
	path, err := p.TextDocument.URI.Path()
	if err != nil || snap.Overlay(path) == nil || !isGo(path) {
		return nil, nil // not an open Go file
	}
	pkg, err := snap.PackageFor(ctx, path)
	if err != nil || pkg.Skipped != "" {
		return nil, err
	}
	h, err := features.Hover(pkg, path, p.Position, s.env(pkg))
	if err != nil || h == nil {
		return nil, err // a nil *Hover is "null"
	}
	return h, nil
}

func (s *Server) codeAction(ctx context.Context, snap *cache.Snapshot, p *protocol.CodeActionParams) (any, error) {
	path, err := p.TextDocument.URI.Path()
	if err != nil || snap.Overlay(path) == nil || !isGo(path) {
		return []protocol.CodeAction{}, nil
	}
	pkg, err := snap.PackageFor(ctx, path)
	if err != nil {
		return nil, err
	}
	if pkg.Skipped != "" {
		return []protocol.CodeAction{}, nil
	}
	env := s.env(pkg)
	env.Version = snap.Version // the documents pkg was analysed from
	return features.CodeActions(pkg, path, p, env), nil
}

// executeCommand runs protocol.ExplainCommand: it asks the client to show
// the rule's note (window/showDocument), or, for a client that cannot,
// shows its address.
func (s *Server) executeCommand(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	if p.Command != protocol.ExplainCommand {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: "unknown command " + p.Command}
	}
	var id string
	if len(p.Arguments) != 1 || json.Unmarshal(p.Arguments[0], &id) != nil {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: p.Command + " takes a rule ID"}
	}
	r := s.opts.Rules.Lookup(id)
	if r == nil {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: "unknown rule " + id}
	}
	url := r.URL(s.env(nil).Lang)
	if s.sess.Params().Capabilities.Window.ShowDocument.Support {
		var res struct {
			Success bool `json:"success"`
		}
		if err := s.conn.Call(ctx, "window/showDocument", protocol.ShowDocumentParams{URI: url, External: true}, &res); err == nil && res.Success {
			return nil, nil
		}
	}
	s.notify("window/showMessage", protocol.LogMessageParams{Type: protocol.MessageInfo, Message: r.Note(s.env(nil).Lang).Title + ": " + url})
	return nil, nil
}
