// Package realmod fetches real modules from the module proxy, by exact
// version, into a folder where the go command can build and analyse them:
// the module cache's copy is read-only and may carry replace directives
// that point at sibling folders of a larger repository (as etcd's do).
// The benchmarks and the regression test on real code share it.
package realmod

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// A Module is a module at an exact version (the proxy serves no @latest
// for some of them).
type Module struct {
	Path    string // module path, e.g. go.etcd.io/etcd/server/v3
	Version string // exact version, e.g. v3.7.3
}

func (m Module) String() string { return m.Path + "@" + m.Version }

// CacheDir returns the folder fetched modules are kept in:
// $GOPITFALLS_REALMOD_CACHE, else gopitfalls/realmod in the user's cache
// folder.
func CacheDir() (string, error) {
	if d := os.Getenv("GOPITFALLS_REALMOD_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "gopitfalls", "realmod"), nil
}

// Fetch returns a writable copy of m in cache, making it on first use:
// the module is downloaded through the module proxy (GOPROXY as
// configured), copied, stripped of replace directives that point at
// sibling folders, and its dependencies are downloaded. A copy is made in
// a scratch folder and renamed into place, so an interrupted fetch
// leaves nothing that a later call would take for a fetched module.
func Fetch(ctx context.Context, cache string, m Module) (string, error) {
	dir := filepath.Join(cache, strings.ReplaceAll(m.Path, "/", "_")+"@"+m.Version)
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return dir, nil
	}
	scratch := filepath.Join(cache, "scratch")
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		return "", err
	}
	out, err := goCmd(ctx, scratch, "mod", "download", "-json", m.String())
	if err != nil {
		return "", fmt.Errorf("downloading %s: %w", m, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil {
		return "", fmt.Errorf("downloading %s: %w", m, err)
	}
	if info.Error != "" || info.Dir == "" {
		return "", fmt.Errorf("downloading %s: %s", m, info.Error)
	}
	tmp := dir + ".tmp"
	os.RemoveAll(tmp)
	if err := os.CopyFS(tmp, os.DirFS(info.Dir)); err != nil {
		return "", fmt.Errorf("copying %s: %w", m, err)
	}
	// The module cache's files are read-only; the copy is a work tree.
	filepath.WalkDir(tmp, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			mode := os.FileMode(0o644)
			if d.IsDir() {
				mode = 0o755
			}
			os.Chmod(p, mode)
		}
		return nil
	})
	os.Remove(filepath.Join(tmp, "go.work")) // its members are not in the module zip
	gomod := filepath.Join(tmp, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(gomod, DropSiblingReplaces(data), 0o644); err != nil {
		return "", err
	}
	if _, err := goCmd(ctx, tmp, "mod", "download"); err != nil {
		return "", fmt.Errorf("downloading the dependencies of %s: %w", m, err)
	}
	if _, err := goCmd(ctx, tmp, "mod", "tidy"); err != nil {
		return "", fmt.Errorf("go mod tidy in %s: %w", m, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return "", err
	}
	return dir, nil
}

// goCmd runs the go command in dir, allowed to update go.mod and go.sum,
// and returns its standard output; its standard error is in the error.
func goCmd(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
	}
	return out, err
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
