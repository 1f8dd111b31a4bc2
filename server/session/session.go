// Package session holds the state of one client's session: what it said
// in initialize (capabilities, locale, workspace folders, options), the
// open documents with their versions and unsaved text, and the editor's
// settings. It makes the immutable snapshots the cache computes from.
package session

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"sync"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/server/cache"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// A Doc is an open document.
type Doc struct {
	URI        protocol.DocumentURI
	Path       string
	LanguageID string
	Version    int32
	Content    []byte
}

// A Session is one client's state. Its methods are safe for concurrent use.
type Session struct {
	mu       sync.Mutex
	params   protocol.InitializeParams
	docs     map[string]*Doc // by path
	settings *config.Settings
	snapshot *cache.Snapshot // of the current docs and settings; nil when stale
	cache    *cache.Cache
}

// InitOptions are the initializationOptions the server reads.
type InitOptions struct {
	SyntaxOnly bool `json:"syntaxOnly"`
	// GoCommand is the absolute path of the go command to run, as the
	// client found it (the VS Code extension looks where the Go extension
	// does); "" leaves it to PATH.
	GoCommand string `json:"goCommand"`
}

// New returns a session for a client that sent params.
func New(params *protocol.InitializeParams) *Session {
	return &Session{params: *params, docs: make(map[string]*Doc), settings: &config.Settings{}}
}

// ParseInitOptions reads the initialization options, and any settings
// the client passed along with them (of the rules of rules).
func ParseInitOptions(raw json.RawMessage, rules rule.Set) (InitOptions, *config.Settings, error) {
	var opts InitOptions
	if len(raw) == 0 || string(raw) == "null" {
		return opts, &config.Settings{}, nil
	}
	if err := json.Unmarshal(raw, &opts); err != nil {
		return opts, &config.Settings{}, fmt.Errorf("initializationOptions: %v", err)
	}
	s, err := config.ParseSettings(raw, rules)
	return opts, s, err
}

// SetCache sets the cache the session's snapshots are made of.
func (s *Session) SetCache(c *cache.Cache) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cache = c
	s.snapshot = nil
}

// Params returns the initialize parameters.
func (s *Session) Params() *protocol.InitializeParams { return &s.params }

// Locale returns the client's locale.
func (s *Session) Locale() string { return s.params.Locale }

// Folders returns the directories of the workspace folders (or the root).
func (s *Session) Folders() []string {
	var out []string
	for _, f := range s.params.WorkspaceFolders {
		if p, err := f.URI.Path(); err == nil {
			out = append(out, p)
		}
	}
	if len(out) == 0 && s.params.RootURI != "" {
		if p, err := s.params.RootURI.Path(); err == nil {
			out = append(out, p)
		}
	}
	if len(out) == 0 && s.params.RootPath != "" {
		out = append(out, filepath.Clean(s.params.RootPath))
	}
	return out
}

// Open records an opened document and returns its path.
func (s *Session) Open(p *protocol.DidOpenTextDocumentParams) (string, error) {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = &Doc{URI: p.TextDocument.URI, Path: path, LanguageID: p.TextDocument.LanguageID,
		Version: p.TextDocument.Version, Content: []byte(p.TextDocument.Text)}
	s.snapshot = nil
	return path, nil
}

// Change applies incremental changes to an open document and returns its
// path. A change that cannot be applied (a range outside the text) leaves
// the document as it was and is an error: the client must resend it.
func (s *Session) Change(p *protocol.DidChangeTextDocumentParams) (string, error) {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[path]
	if !ok {
		return "", fmt.Errorf("didChange of %s, which is not open", p.TextDocument.URI)
	}
	content, err := protocol.ApplyChanges(d.Content, p.ContentChanges)
	if err != nil {
		return "", fmt.Errorf("didChange of %s version %d: %w", p.TextDocument.URI, p.TextDocument.Version, err)
	}
	nd := *d
	nd.Content, nd.Version = content, p.TextDocument.Version
	s.docs[path] = &nd
	s.snapshot = nil
	return path, nil
}

// Save records a saved document (with its text, when the client sent it).
func (s *Session) Save(p *protocol.DidSaveTextDocumentParams) (string, error) {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return "", err
	}
	if p.Text != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		if d, ok := s.docs[path]; ok && string(d.Content) != *p.Text {
			nd := *d
			nd.Content = []byte(*p.Text)
			s.docs[path] = &nd
			s.snapshot = nil
		}
	}
	return path, nil
}

// Close forgets a closed document and returns its path.
func (s *Session) Close(p *protocol.DidCloseTextDocumentParams) (string, error) {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.docs, path)
	s.snapshot = nil
	return path, nil
}

// Doc returns the open document at path, or nil.
func (s *Session) Doc(path string) *Doc {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[path]
}

// Version returns the version of the open document at path.
func (s *Session) Version(path string) (int32, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[path]
	if !ok {
		return 0, false
	}
	return d.Version, true
}

// OpenPaths returns the paths of the open documents.
func (s *Session) OpenPaths() map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]bool, len(s.docs))
	for p := range s.docs {
		out[p] = true
	}
	return out
}

// URI returns the URI of path: the one the client opened it by, if open.
func (s *Session) URI(path string) protocol.DocumentURI {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.docs[path]; ok {
		return d.URI
	}
	return protocol.URIFromPath(path)
}

// SetSettings replaces the editor's settings.
func (s *Session) SetSettings(settings *config.Settings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings = settings
	s.snapshot = nil
}

// Settings returns the editor's settings.
func (s *Session) Settings() *config.Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

// Snapshot returns a snapshot of the open documents and settings.
func (s *Session) Snapshot() *cache.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.snapshot == nil {
		overlays := make(map[string]*cache.Overlay, len(s.docs))
		for path, d := range s.docs {
			if d.LanguageID != "" && d.LanguageID != "go" && filepath.Ext(path) != ".go" {
				continue // not Go
			}
			overlays[path] = &cache.Overlay{URI: d.URI, Path: path, Version: d.Version, Content: d.Content}
		}
		s.snapshot = s.cache.Snapshot(overlays, s.settings)
	}
	return s.snapshot
}

// Docs returns a copy of the open documents.
func (s *Session) Docs() map[string]*Doc {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.docs)
}
