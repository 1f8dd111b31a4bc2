package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// readmeBlock returns the fenced code block that follows marker in README.md.
func readmeBlock(t *testing.T, marker string) string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), marker)
	if !ok {
		t.Fatalf("README.md has no %q", marker)
	}
	m := regexp.MustCompile("(?s)^[^`]*```[a-z]*\n(.*?)```").FindStringSubmatch(rest)
	if m == nil {
		t.Fatalf("README.md has no code block after %q", marker)
	}
	return m[1]
}

// A GitHub Actions workflow, as far as the recipe's test reads it.
type workflow struct {
	Permissions map[string]string
	Jobs        map[string]struct {
		Steps []struct {
			Name string
			Uses string
			Run  string
			With map[string]string
		}
	}
}

// TestGitHubActionsRecipe runs the README's GitHub Actions workflow as
// far as it can run here: its check step, with this gopitfalls on PATH,
// on a copy of the example workspace (whose planted pitfalls make check
// exit 1). The step must succeed and leave the file the upload step sends,
// valid against the SARIF 2.1.0 schema; on a package that fails to load
// it must fail. The steps it cannot run (checkout, setup-go, install,
// upload) are checked for what code scanning needs.
func TestGitHubActionsRecipe(t *testing.T) {
	var wf workflow
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "<!-- ci:github-actions")), &wf); err != nil {
		t.Fatal(err)
	}
	if wf.Permissions["security-events"] != "write" {
		t.Error("the workflow lacks permissions: security-events: write, which upload-sarif needs")
	}
	var check, sarif string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			switch {
			case strings.Contains(s.Run, "gopitfalls check"):
				check = s.Run
			case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
				sarif = s.With["sarif_file"]
			}
		}
	}
	if check == "" || sarif == "" || !strings.Contains(check, "> "+sarif) {
		t.Fatalf("want a check step writing the file the upload-sarif step sends; check %q, sarif_file %q", check, sarif)
	}

	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "gopitfalls"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, d := range []string{"example", "stubs"} {
		if err := os.CopyFS(filepath.Join(tmp, d), os.DirFS(filepath.Join("testdata", d))); err != nil {
			t.Fatal(err)
		}
	}
	step := func(dir string) error {
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", check) // GitHub's shell: bash
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if err != nil {
			t.Logf("%s: %v\n%s", check, err, stderr.String())
		}
		return err
	}
	dir := filepath.Join(tmp, "example")
	if err := step(dir); err != nil {
		t.Fatalf("the check step fails on a module with findings: %v", err)
	}
	f, err := os.Open(filepath.Join(dir, sarif))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(filepath.Join("internal", "check", "testdata", "sarif", "sarif-2.1.0-rtm.5.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("%s is not valid SARIF 2.1.0: %v", sarif, err)
	}

	// A package that does not load: the step fails.
	if err := os.WriteFile(filepath.Join(dir, "cmd", "broken.go"), []byte("package main\n\nimport \"example.com/nowhere\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if step(dir) == nil {
		t.Error("the check step succeeds when a package fails to load")
	}
}
