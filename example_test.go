package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/pitfallmarks"
)

// A finding as -format json prints it.
type jsonFinding struct {
	Rule     string   `json:"rule"`
	Severity string   `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Message  string   `json:"message"`
	Fixes    []string `json:"fixes"`
}

// checkJSON runs `gopitfalls check -format json ./...` in dir and returns
// the findings and the exit code.
func checkJSON(t *testing.T, dir string, extra ...string) ([]jsonFinding, int) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(append(append([]string{"check", "-format", "json"}, extra...), "./..."), &stdout, &stderr)
	if code == 2 {
		t.Fatalf("check failed:\n%s", stderr.String())
	}
	var out []jsonFinding
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var f jsonFinding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		out = append(out, f)
	}
	return out, code
}

// examples are the example workspaces under testdata: the Kratos v0.x
// service, and the Kratos v2 service in kratos-layout's shape. someInfo
// says that some planted pitfalls are information, not warnings (the v0
// example's databus Commit): check's default output must then leave
// them out.
var examples = []struct {
	dir      string
	someInfo bool
}{
	{"example", true},
	{"example-v2", false},
}

// TestExample checks that gopitfalls reports every pitfall planted in
// each example workspace and nothing else (at information severity and
// above, as the editor shows them), and that check's default output is
// the warnings among them.
func TestExample(t *testing.T) {
	for _, ex := range examples {
		t.Run(ex.dir, func(t *testing.T) { testExample(t, ex.dir, ex.someInfo) })
	}
}

func testExample(t *testing.T, name string, someInfo bool) {
	dir, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	want, err := pitfallmarks.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("no pitfall markers in the example")
	}
	// key spells a finding as pitfallmarks does: its file relative to dir.
	key := func(f jsonFinding) string {
		rel, err := filepath.Rel(dir, f.File)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%s:%d %s", filepath.ToSlash(rel), f.Line, f.Rule)
	}
	findings, code := checkJSON(t, dir, "-severity", "information")
	var got, warnings []string
	for _, f := range findings {
		got = append(got, key(f))
		if f.Severity == "warning" || f.Severity == "error" {
			warnings = append(warnings, key(f))
		}
	}
	defaults, _ := checkJSON(t, dir)
	var shown []string
	for _, f := range defaults {
		shown = append(shown, key(f))
	}
	if len(warnings) == 0 || someInfo && len(warnings) == len(want) || !someInfo && len(warnings) != len(want) {
		t.Errorf("%d of the %d planted pitfalls are warnings: want most, and all unless some are information (the v0 example's databus Commit)", len(warnings), len(want))
	}
	if !slices.Equal(shown, warnings) {
		t.Errorf("check without -severity shows\n%s\nwant the warnings\n%s", strings.Join(shown, "\n"), strings.Join(warnings, "\n"))
	}
	slices.Sort(got)
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected finding %s", g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missed planted pitfall %s", w)
		}
	}
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
}

// TestExampleFix applies every fix to a copy of each example: the result
// must build, be gofmt'd and vet-clean, and a second check must report
// only the findings that had no fix.
func TestExampleFix(t *testing.T) {
	if testing.Short() {
		t.Skip("copies and builds the examples")
	}
	for _, ex := range examples {
		t.Run(ex.dir, func(t *testing.T) { testExampleFix(t, ex.dir) })
	}
}

func testExampleFix(t *testing.T, name string) {
	src, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, d := range []string{name, "stubs"} {
		if err := os.CopyFS(filepath.Join(tmp, d), os.DirFS(filepath.Join(src, d))); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(tmp, name)
	before, _ := checkJSON(t, dir)
	unfixable := 0
	for _, f := range before {
		if len(f.Fixes) == 0 {
			unfixable++
		}
	}

	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-fix", "./..."}, &stdout, &stderr); code == 2 {
		t.Fatalf("check -fix failed:\n%s", stderr.String())
	}
	for _, args := range [][]string{{"go", "build", "./..."}, {"go", "vet", "./..."}, {"gofmt", "-l", "."}} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("after -fix, %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	after, _ := checkJSON(t, dir)
	if len(after) != unfixable {
		t.Errorf("after -fix, %d findings remain, want the %d that had no fix:", len(after), unfixable)
	}
	for _, f := range after {
		if len(f.Fixes) > 0 {
			t.Errorf("after -fix, a fixable finding remains: %s:%d %s %s", f.File, f.Line, f.Rule, f.Message)
		}
	}
}
