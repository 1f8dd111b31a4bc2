package server

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// useGoCommand makes the go command at path, which the client found, the
// one that loads packages. go/packages starts "go" as this process's PATH
// finds it (x/tools' internal/gocommand resolves the name when it starts
// the command, whatever packages.Config.Env holds), so path's folder goes
// first on the process's PATH; the server serves one client. A go command
// under another name (go.alternateTools may name a wrapper such as
// go1.22) is reached through a link named go in a folder of its own.
// cleanup removes that folder.
func useGoCommand(path string) (cleanup func(), err error) {
	cleanup = func() {}
	if !filepath.IsAbs(path) {
		return cleanup, fmt.Errorf("goCommand %q is not an absolute path", path)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return cleanup, fmt.Errorf("goCommand: %v", err)
	}
	if fi.IsDir() || runtime.GOOS != "windows" && fi.Mode()&0o111 == 0 {
		return cleanup, fmt.Errorf("goCommand %s is not an executable file", path)
	}
	dir := filepath.Dir(path)
	name := "go"
	if runtime.GOOS == "windows" {
		name = "go.exe"
	}
	if filepath.Base(path) != name {
		tmp, err := os.MkdirTemp("", "gopitfalls-go-")
		if err != nil {
			return cleanup, err
		}
		if err := os.Symlink(path, filepath.Join(tmp, name)); err != nil {
			os.RemoveAll(tmp)
			return cleanup, fmt.Errorf("goCommand %s: %v", path, err)
		}
		dir, cleanup = tmp, func() { os.RemoveAll(tmp) }
	}
	list := slices.DeleteFunc(filepath.SplitList(os.Getenv("PATH")), func(d string) bool { return d == dir })
	return cleanup, os.Setenv("PATH", strings.Join(append([]string{dir}, list...), string(os.PathListSeparator)))
}
