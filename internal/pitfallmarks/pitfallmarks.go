// Package pitfallmarks reads the `// pitfall: rule` comments that mark
// the planted pitfalls of the example workspace, for the tests that
// compare a driver's findings with them (check, the golangci-lint plugin).
package pitfallmarks

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

var markerRE = regexp.MustCompile(`// pitfall: ([a-z-]+(?:, [a-z-]+)*)\s*$`)

// Read returns "file:line rule" for every rule a `// pitfall: rule[, rule]`
// comment names in the Go files under dir, the file relative to dir with
// forward slashes, sorted.
func Read(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := markerRE.FindStringSubmatch(line); m != nil {
				for _, id := range strings.Split(m[1], ", ") {
					out = append(out, fmt.Sprintf("%s:%d %s", filepath.ToSlash(rel), i+1, id))
				}
			}
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}
