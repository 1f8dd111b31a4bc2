// Package modfetch makes a real module, at an exact version, ready to
// build in a directory of its own: what the benchmark (internal/bench)
// and the fix round trip (internal/roundtrip) run gopitfalls on.
//
// It downloads the module through the module proxy (GOPROXY as
// configured) into the module cache, copies it out, makes the copy
// writable, drops the replace directives that point at sibling folders
// (etcd's modules replace each other with ../api and the like, which a
// module zip does not hold), renames a go.work away (its members are
// not in the module zip either: prometheus's names ./documentation/…),
// and downloads what the copy needs (go mod download, and go mod tidy
// where it succeeds).
package modfetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// Modules are the real modules the benchmarks and the fix round trip run
// on, by short name: kratos v0.6.0 (the framework the notes are about),
// etcd server v3.7.3, and for how the cost grows with size, smaller and
// larger ones; kratos v2.9.2, the framework most Kratos teams use today.
var Modules = map[string]string{
	"kratos":     "github.com/go-kratos/kratos@v0.6.0",
	"etcd":       "go.etcd.io/etcd/server/v3@v3.7.3",
	"discovery":  "github.com/bilibili/discovery@v1.2.0",
	"gin":        "github.com/gin-gonic/gin@v1.12.0",
	"prometheus": "github.com/prometheus/prometheus@v0.316.0",
	"kratos2":    "github.com/go-kratos/kratos/v2@v2.9.2",
}

// CacheDir returns the folder where fetched modules are kept between
// runs: $GOPITFALLS_MODULE_CACHE, else gopitfalls/modules in the user's
// cache folder.
func CacheDir() (string, error) {
	if d := os.Getenv("GOPITFALLS_MODULE_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "gopitfalls", "modules"), nil
}

// Fetch makes the module modVersion ("path@v1.2.3") ready in dir, unless
// dir holds a go.mod already (a module fetched before). It builds the
// copy in a scratch folder beside dir and renames it: a failed fetch
// leaves nothing that a later one would take for a fetched module.
func Fetch(dir, modVersion string) error {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	scratch, err := os.MkdirTemp(filepath.Dir(dir), ".fetch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	cmd := exec.Command("go", "mod", "download", "-json", modVersion)
	cmd.Dir = scratch // no go.mod: the module cache, not a module's requirements
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr != nil && err == nil {
		err = jerr
	}
	switch {
	case info.Error != "":
		return fmt.Errorf("go mod download %s: %s", modVersion, info.Error)
	case err != nil || info.Dir == "":
		return fmt.Errorf("go mod download %s: %v", modVersion, err)
	}
	tmp := filepath.Join(scratch, "module")
	if err := Copy(tmp, info.Dir); err != nil {
		return err
	}
	if err := Detach(tmp); err != nil {
		return err
	}
	if err := Go(tmp, "mod", "download"); err != nil {
		return err
	}
	// Best effort: tidy adds the go.sum lines of the modules the dropped
	// replaces stood for; a module whose tests need more than the proxy
	// has still builds.
	_ = Go(tmp, "mod", "tidy")
	return os.Rename(tmp, dir)
}

// Detach makes the copy of a module in dir build on its own: it drops
// the replace directives of its go.mod that point at sibling folders and
// renames its go.work, if any, to go.work.orig.
func Detach(dir string) error {
	gomod := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		return err
	}
	if err := os.WriteFile(gomod, DropSiblingReplaces(data), 0o644); err != nil {
		return err
	}
	err = os.Rename(filepath.Join(dir, "go.work"), filepath.Join(dir, "go.work.orig"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Copy copies the directory tree src to dst (which must not exist),
// writable by its owner (the module cache is read-only).
func Copy(dst, src string) error {
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		return err
	}
	return filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if d.IsDir() {
			mode = 0o755
		}
		return os.Chmod(p, mode)
	})
}

// Go runs the go command in dir, for a module (GOFLAGS=-mod=mod, no
// workspace, the toolchain on PATH: etcd's toolchain line would download
// another), and returns its output with its error.
func Go(dir string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return nil
}

var (
	replaceLine  = regexp.MustCompile(`(?m)^replace[ \t]+\S+([ \t]+\S+)?[ \t]+=>[ \t]+\.\./\S*[ \t]*\n`)
	replaceBlock = regexp.MustCompile(`(?ms)^replace[ \t]*\(\n(.*?)^\)[ \t]*\n`)
)

// DropSiblingReplaces removes the replace directives of a go.mod that
// point at sibling folders (../x), and blocks of nothing else.
func DropSiblingReplaces(gomod []byte) []byte {
	gomod = replaceLine.ReplaceAll(gomod, nil)
	return replaceBlock.ReplaceAllFunc(gomod, func(block []byte) []byte {
		var keep []string
		for _, l := range strings.Split(string(replaceBlock.FindSubmatch(block)[1]), "\n") {
			if strings.TrimSpace(l) != "" && !strings.Contains(l, "=> ../") {
				keep = append(keep, l)
			}
		}
		if len(keep) == 0 {
			return nil
		}
		return []byte("replace (\n" + strings.Join(keep, "\n") + "\n)\n")
	})
}
