package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gopitfalls/gopitfalls/server/internal/lspclient"
)

// TestGoCommand starts the server binary with a PATH that has no go on
// it, as VS Code started from a desktop menu has, and checks that the
// go command the client hands over in initializationOptions.goCommand
// (under its own name or another) is the one that loads packages: the
// rules that need types report, which they cannot without go.
func TestGoCommand(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	goCmd, _ = filepath.Abs(goCmd)
	bin := buildBinary(t)
	tmp := t.TempDir()
	wrapper := filepath.Join(tmp, "wrapper", "go1.x") // go.alternateTools may name such a wrapper
	os.MkdirAll(filepath.Dir(wrapper), 0o755)
	if err := os.Symlink(goCmd, wrapper); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "m")
	os.MkdirAll(dir, 0o755)
	src := "package m\n\nfunc f(v any) int {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n\treturn v.(int)\n}\n"
	for name, text := range map[string]string{"go.mod": "module example.com/m\n\ngo 1.22\n", "m.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	codes := func(goCommand string) []string {
		cmd := exec.Command(bin, "serve", "--stdio")
		cmd.Env = append(os.Environ(), "PATH="+filepath.Join(tmp, "empty"), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local")
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		stderr := &logBuffer{}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			stdin.Close()
			cmd.Process.Kill()
			cmd.Wait()
			if testing.Verbose() {
				t.Logf("server stderr:\n%s", stderr.String())
			}
		}()
		c := lspclient.New(context.Background(), rwc{stdout, stdin})
		defer c.Conn.Close()
		ctx := ctxFor(t)
		var opts any
		if goCommand != "" {
			opts = map[string]any{"goCommand": goCommand}
		}
		if _, err := c.Initialize(ctx, dir, "en", opts); err != nil {
			t.Fatal(err)
		}
		uri, err := c.Open(ctx, filepath.Join(dir, "m.go"), "")
		if err != nil {
			t.Fatal(err)
		}
		d, _, err := c.Diagnostics(ctx, uri, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range d.Diagnostics {
			out = append(out, x.Code)
		}
		slices.Sort(out)
		return out
	}
	if got := codes(""); !slices.Equal(got, []string{"unchecked-type-assertion"}) {
		t.Errorf("without go: %v, want only the rule that needs no types", got)
	}
	for _, g := range []string{goCmd, wrapper} {
		if got := codes(g); !slices.Equal(got, []string{"nil-map-write", "unchecked-type-assertion"}) {
			t.Errorf("with goCommand %s: %v, want the rules that need types too", g, got)
		}
	}
}
