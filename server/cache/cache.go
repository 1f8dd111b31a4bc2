// Package cache holds what the language server knows about the workspace
// and computes from it: package metadata and dependencies' types (loaded
// once with go/packages, export data read with gcexportdata), parsed
// files, and per-package type-checking and analysis runs over immutable
// snapshots of the open documents.
//
// After an edit only the edited file is parsed again and only its package
// is type-checked again, from source, against its dependencies' export
// data; the other files' syntax and the dependencies' types are reused.
package cache

import (
	"crypto/sha256"
	"go/ast"
	"go/token"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/internal/loader"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// MaxFileSize is the size above which an open file is not analysed (its
// text is kept all the same).
const MaxFileSize = 8 << 20

// Options configure a Cache.
type Options struct {
	Log *slog.Logger
	// SyntaxOnly runs only the rules that need no types, never runs the
	// go command, and type-checks each package in isolation.
	SyntaxOnly bool
	// Env is the environment of the go command (nil: the process's).
	Env []string
	// Rules are the rules to run, as the configuration selects them
	// (main's: the registry, rules/all).
	Rules rule.Set
	// MaxFileSize is the size above which an open file is not analysed;
	// 0 means [MaxFileSize].
	MaxFileSize int
	// FactsReady, if set, is called when the facts of a package's
	// dependencies, computed in the background, are ready: the package
	// is worth analysing again.
	FactsReady func(pkgID string)
}

// A Cache is shared by every snapshot of a session.
type Cache struct {
	opts Options
	log  *slog.Logger
	// fset allocates the positions of every parsed file and of imported
	// packages, so that no two files share a position. Each checked
	// package gets a FileSet of its own files (token.FileSet.AddExistingFiles),
	// and files replaced in the cache are removed from fset.
	fset *token.FileSet

	mu      sync.Mutex
	files   map[string]*File     // latest parse, by file name
	views   map[string]*View     // by root directory
	results map[string]*result   // latest analysis, by package ID
	configs map[string]*cfgEntry // .gopitfalls.yaml, by directory
	facts   factCache            // packages' dependency facts
}

// New returns an empty cache.
func New(opts Options) *Cache {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = MaxFileSize
	}
	return &Cache{
		opts:    opts,
		log:     opts.Log,
		fset:    token.NewFileSet(),
		files:   make(map[string]*File),
		views:   make(map[string]*View),
		results: make(map[string]*result),
		configs: make(map[string]*cfgEntry),
	}
}

// SyntaxOnly reports whether the cache runs in syntax-only mode.
func (c *Cache) SyntaxOnly() bool { return c.opts.SyntaxOnly }

// A File is one version of a Go file, parsed. Its syntax may be partial.
type File struct {
	Name     string
	Src      []byte
	Hash     [32]byte
	AST      *ast.File // nil only when not even a package clause parsed
	Tok      *token.File
	ParseErr error

	mapperOnce sync.Once
	mapper     *protocol.Mapper
}

// Mapper returns the position mapper of the file's contents.
func (f *File) Mapper() *protocol.Mapper {
	f.mapperOnce.Do(func() { f.mapper = protocol.NewMapper(f.Src) })
	return f.mapper
}

// Offset returns the byte offset of pos in f.
func (f *File) Offset(pos token.Pos) (int, bool) {
	if f.Tok == nil || int(pos) < f.Tok.Base() || int(pos) > f.Tok.Base()+f.Tok.Size() {
		return 0, false
	}
	return f.Tok.Offset(pos), true
}

// parse returns the parsed file for name with contents src, reusing the
// cached parse of the same contents. When keep is set the parse is cached
// (replacing and releasing an older version); otherwise the caller must
// release it (release) when done.
func (c *Cache) parse(name string, src []byte, keep bool) *File {
	h := sha256.Sum256(src)
	c.mu.Lock()
	if f, ok := c.files[name]; ok && f.Hash == h {
		c.mu.Unlock()
		return f
	}
	c.mu.Unlock()

	f := &File{Name: name, Src: src, Hash: h}
	f.AST, f.Tok, f.ParseErr = loader.Parse(c.fset, name, src)
	if !keep {
		return f
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.files[name]; ok {
		if old.Hash == h {
			c.release(f)
			return old // parsed concurrently
		}
		c.release(old)
	}
	c.files[name] = f
	return f
}

// release removes a parse that is no longer cached from the file set.
// Packages that hold it keep their own FileSet with it.
func (c *Cache) release(f *File) {
	if f.Tok != nil {
		c.fset.RemoveFile(f.Tok)
	}
}

// forget drops the cached parses of files.
func (c *Cache) forget(names []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, name := range names {
		if f, ok := c.files[name]; ok {
			c.release(f)
			delete(c.files, name)
		}
	}
}

// cfgEntry is a directory's configuration file, read once.
type cfgEntry struct {
	cfg *config.Config
	err error
}

// FileConfig returns the configuration of .gopitfalls.yaml that applies
// to dir (defaults when there is none) and the error of reading it.
func (c *Cache) FileConfig(dir string) (*config.Config, error) {
	c.mu.Lock()
	e, ok := c.configs[dir]
	c.mu.Unlock()
	if !ok {
		cfg, err := config.Load(dir, c.opts.Rules)
		if err != nil {
			cfg = config.Default()
		}
		e = &cfgEntry{cfg, err}
		c.mu.Lock()
		c.configs[dir] = e
		c.mu.Unlock()
	}
	return e.cfg, e.err
}

// InvalidateConfigs forgets every configuration file read.
func (c *Cache) InvalidateConfigs() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.configs = make(map[string]*cfgEntry)
	c.results = make(map[string]*result)
}

// ModuleRoot returns the directory whose go.work or go.mod governs dir,
// and "" for a directory outside any module.
func ModuleRoot(dir string) string {
	mod := ""
	for d := dir; ; {
		if mod == "" && exists(filepath.Join(d, "go.mod")) {
			mod = d
		}
		if mod != "" && exists(filepath.Join(d, "go.work")) {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return mod
		}
		d = parent
	}
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
