package realmod

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A Module is a real module of the triage: testdata/realmod/<Name> (or
// testdata/realmod/more/<Name>) holds its module.txt, "<path> <version>",
// and its rules' .triage files.
type Module struct {
	Name string // the folder's name
	Dir  string // the folder
	// Version is the module as the go command and modfetch.Fetch take
	// it: path@version.
	Version string
}

// Modules returns the modules triaged under root (the repository), with
// those of testdata/realmod/more when more is set, in folder order.
func Modules(root string, more bool) ([]Module, error) {
	patterns := []string{filepath.Join(root, "testdata", "realmod", "*", "module.txt")}
	if more {
		patterns = append(patterns, filepath.Join(root, "testdata", "realmod", "more", "*", "module.txt"))
	}
	var mods []Module
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("no %s", pattern)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				return nil, err
			}
			f := strings.Fields(string(data))
			if len(f) != 2 {
				return nil, fmt.Errorf("%s: want <path> <version>", file)
			}
			dir := filepath.Dir(file)
			mods = append(mods, Module{Name: filepath.Base(dir), Dir: dir, Version: f[0] + "@" + f[1]})
		}
	}
	return mods, nil
}
