package golangci_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// The golangci-lint the tests build, and the module paths involved.
const (
	golangciModule  = "github.com/golangci/golangci-lint/v2"
	golangciVersion = "v2.15.0"
	ourModule       = "github.com/gopitfalls/gopitfalls"
	pluginPackage   = ourModule + "/plugin/golangci"
)

// customGolangciLint returns a golangci-lint binary holding this
// checkout's plugin, as `golangci-lint custom` builds it: golangci-lint's
// cmd/golangci-lint with a plugins.go that imports the plugin, our module
// replaced by this checkout, everything else from the module proxy. The
// binary is kept in the user's cache folder under a key of the plugin's
// sources and the versions involved, so a machine builds it once per
// change of the rules.
func customGolangciLint(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	cache = filepath.Join(cache, "gopitfalls", "golangci-lint")
	dir := filepath.Join(cache, sourceKey(t, root))
	bin := filepath.Join(dir, "golangci-lint")
	if _, err := os.Stat(bin); err == nil {
		now := time.Now()
		os.Chtimes(dir, now, now) // recently used: kept by prune
		return bin
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(cache, "build-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	buildCustom(t, tmp, root)
	if err := os.Rename(tmp, dir); err != nil && !exists(bin) {
		t.Fatal(err) // not another test process that won the race
	}
	t.Logf("built %s in %v", bin, time.Since(start).Round(time.Second))
	prune(cache, 3)
	return bin
}

// buildCustom builds the custom golangci-lint in dir.
func buildCustom(t *testing.T, dir, root string) {
	goMod := fmt.Sprintf("module example.com/custom-gcl\n\ngo 1.26.0\n\nrequire (\n\t%s %s\n\t%s v0.0.0\n)\n\nreplace %s => %s\n",
		golangciModule, golangciVersion, ourModule, ourModule, root)
	write(t, filepath.Join(dir, "go.mod"), goMod)
	// golangci-lint's main, as the clone `custom` makes has it.
	var mod struct{ Dir string }
	if err := json.Unmarshal([]byte(goCmd(t, dir, "mod", "download", "-json", golangciModule+"@"+golangciVersion)), &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download %s@%s: %v", golangciModule, golangciVersion, err)
	}
	main, err := os.ReadFile(filepath.Join(mod.Dir, "cmd", "golangci-lint", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "main.go"), string(main))
	// What `custom` writes into cmd/golangci-lint/plugins.go.
	write(t, filepath.Join(dir, "plugins.go"), fmt.Sprintf("package main\n\nimport (\n\t_ %q\n)\n", pluginPackage))
	goCmd(t, dir, "mod", "tidy")
	goCmd(t, dir, "build", "-trimpath", "-ldflags", "-s -w -X main.version="+strings.TrimPrefix(golangciVersion, "v")+"-custom-gcl", "-o", "golangci-lint", ".")
}

// sourceKey returns a key of what the custom binary is built from: the
// Go and golangci-lint versions, our go.mod and go.sum, and the files of
// every package of our module that the plugin imports (embedded notes
// included).
func sourceKey(t *testing.T, root string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s@%s\n", runtime.Version(), golangciModule, golangciVersion)
	format := `{{if .Module}}{{if eq .Module.Path "` + ourModule + `"}}{{.Dir}}{{range .GoFiles}} {{.}}{{end}}{{range .EmbedFiles}} {{.}}{{end}}{{"\n"}}{{end}}{{end}}`
	var files []string
	for _, line := range strings.Split(goCmd(t, root, "list", "-deps", "-f", format, "./plugin/golangci"), "\n") {
		fields := strings.Fields(line)
		for _, f := range fields[min(1, len(fields)):] {
			files = append(files, filepath.Join(fields[0], f))
		}
	}
	files = append(files, filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"))
	slices.Sort(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// goCmd runs the go command in dir with the module proxy as configured
// and returns its standard output.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOWORK=off", "CGO_ENABLED=0")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return string(out)
}

// prune removes all but the keep most recently used binaries in cache.
func prune(cache string, keep int) {
	entries, _ := os.ReadDir(cache)
	type used struct {
		name string
		at   time.Time
	}
	var dirs []used
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && e.IsDir() && !strings.HasPrefix(e.Name(), "build-") {
			dirs = append(dirs, used{e.Name(), fi.ModTime()})
		}
	}
	slices.SortFunc(dirs, func(a, b used) int { return b.at.Compare(a.at) })
	for _, d := range dirs[min(keep, len(dirs)):] {
		os.RemoveAll(filepath.Join(cache, d.name))
	}
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
