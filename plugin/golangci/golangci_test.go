package golangci_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/check"
	"github.com/gopitfalls/gopitfalls/internal/pitfallmarks"
	"github.com/gopitfalls/gopitfalls/plugin/golangci"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis"
)

// repoRoot is the root of this checkout (tests change directory).
var repoRoot, _ = filepath.Abs(filepath.Join("..", ".."))

// TestNew checks the settings: the file's, read by the same code with
// the same messages, and the plugin's own severity threshold.
func TestNew(t *testing.T) {
	p, err := golangci.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != len(all.Rules) {
		t.Fatalf("defaults: %d analyzers, %v; want one per rule", len(as), err)
	}
	if p.GetLoadMode() != "typesinfo" {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	// golangci-lint's configuration folds keys to lower case.
	p, err = golangci.New(map[string]any{"rules": map[string]any{"unhandled-error": "off"}, "errgroupimport": "github.com/go-kratos/kratos/pkg/sync/errgroup"})
	if err != nil {
		t.Fatal(err)
	}
	as, _ = p.BuildAnalyzers()
	if len(as) != len(all.Rules)-1 || slices.ContainsFunc(as, func(a *analysis.Analyzer) bool { return a.Name == "unhandled_error" }) {
		t.Errorf("unhandled-error off: analyzers %v", as)
	}
	for _, tc := range []struct {
		settings any
		want     string
	}{
		{map[string]any{"language": "fr"}, `.golangci.yml: linters.settings.custom.gopitfalls.settings: language must be auto, en or zh, not "fr"`},
		{map[string]any{"rules": map[string]any{"unhandled-eror": "off"}}, `unknown rule "unhandled-eror" (did you mean "unhandled-error"?)`},
		{map[string]any{"severity": "off"}, "severity: want error, warning, information or hint"},
		{map[string]any{"colour": "blue"}, `unknown setting "colour" (want language, errgroupImport, frameworkImportPrefixes, kratosV2ImportPrefixes, diagnosticsScope, rules or severity)`},
	} {
		if _, err := golangci.New(tc.settings); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) = %v, want %q", tc.settings, err, tc.want)
		}
	}
}

// An issue as golangci-lint's JSON output has it.
type issue struct {
	FromLinter string
	Text       string
	Severity   string
	Pos        struct {
		Filename string
		Line     int
	}
	SuggestedFixes []json.RawMessage
}

// TestCustomGolangciLint runs the golangci-lint that `golangci-lint
// custom` builds with this plugin on the example workspace: by default
// it reports the planted pitfalls that check shows by default (the
// warnings), with their rule IDs, and nothing else; with severity
// information, every planted pitfall.
func TestCustomGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint from the module proxy (once per machine)")
	}
	gcl := customGolangciLint(t)
	dir := exampleCopy(t)
	want := checkFindings(t, dir)
	for _, tc := range []struct {
		severity string
		min      rule.Severity
	}{
		{"", rule.Warning},
		{"information", rule.Information},
	} {
		t.Run("severity="+tc.severity, func(t *testing.T) {
			var wantHere []string
			for _, f := range want {
				if f.severity >= tc.min {
					wantHere = append(wantHere, f.key)
				}
			}
			if len(wantHere) == 0 {
				t.Fatal("check reports nothing at this severity: the comparison would prove nothing")
			}
			got := found(t, runGolangciLint(t, gcl, dir, tc.severity, false))
			compare(t, got, wantHere)
		})
	}
	// The README's severity section: golangci-lint maps rules to the
	// severities of its reports by the analyzer name starting the text.
	t.Run("README severity section", func(t *testing.T) {
		sev := readmeBlock(t, "maps rules to the\nseverities")
		n := 0
		for _, is := range runGolangciLint(t, gcl, dir, "", false, sev) {
			want := "warning"
			if strings.HasPrefix(is.Text, "deadlock:") || strings.HasPrefix(is.Text, "nil_map_write:") {
				want = "error"
				n++
			}
			if is.Severity != want {
				t.Errorf("%s: severity %q, want %q", is.Text, is.Severity, want)
			}
		}
		if n == 0 {
			t.Error("no deadlock or nil_map_write issue to map")
		}
	})
	// The README's .golangci.yml, pasted as it is: golangci-lint's
	// standard linters beside gopitfalls, whose issues are check's
	// warnings but unchecked-type-assertion's, which it sets to information. On a line
	// where another linter reports (errcheck, on an unhandled error too),
	// golangci-lint shows one issue (issues.uniq-by-line), either's.
	t.Run("README .golangci.yml", func(t *testing.T) {
		write(t, filepath.Join(dir, ".golangci.yml"), readmeBlock(t, "# .golangci.yml\n"))
		var ours []issue
		taken := make(map[string]bool)
		for _, is := range runConfigured(t, gcl, dir, false) {
			if is.FromLinter == golangci.Name {
				ours = append(ours, is)
			} else {
				taken[fmt.Sprintf("%s:%d", filepath.ToSlash(is.Pos.Filename), is.Pos.Line)] = true
			}
		}
		onTaken := func(key string) bool {
			at, _, _ := strings.Cut(key, " ")
			return taken[at]
		}
		got := slices.DeleteFunc(found(t, ours), onTaken)
		var wantHere []string
		demoted := 0
		for _, f := range want {
			switch {
			case f.severity < rule.Warning || onTaken(f.key):
			case strings.HasSuffix(f.key, " unchecked-type-assertion"):
				demoted++
			default:
				wantHere = append(wantHere, f.key)
			}
		}
		if demoted == 0 {
			t.Fatal("no unchecked-type-assertion warning: the README's rules setting would prove nothing")
		}
		compare(t, got, wantHere)
	})
	var informed []string
	for _, f := range want {
		if f.severity >= rule.Information {
			informed = append(informed, f.key)
		}
	}
	marked, err := pitfallmarks.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(informed, marked) {
		t.Errorf("check's findings at information and above differ from the planted pitfalls:\n%s\nwant\n%s", strings.Join(informed, "\n"), strings.Join(marked, "\n"))
	}
}

// TestCustomGolangciLintFix runs golangci-lint run --fix with the plugin
// on a copy of the example: the result builds, is vet-clean, and a second
// run reports only the findings that had no fix.
func TestCustomGolangciLintFix(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint from the module proxy (once per machine)")
	}
	gcl := customGolangciLint(t)
	dir := exampleCopy(t)
	var unfixable []string
	for _, f := range checkFindings(t, dir) {
		if f.severity >= rule.Warning && !f.fixable {
			unfixable = append(unfixable, f.key)
		}
	}
	if before := found(t, runGolangciLint(t, gcl, dir, "", false)); len(before) <= len(unfixable) {
		t.Fatalf("%d findings before --fix, %d of them unfixable: nothing to fix", len(before), len(unfixable))
	}
	runGolangciLint(t, gcl, dir, "", true)
	for _, args := range [][]string{{"go", "build", "./..."}, {"go", "vet", "./..."}, {"gofmt", "-l", "."}} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		out, err := cmd.CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("after golangci-lint run --fix, %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	// The fixes move lines: the findings left are compared by file and rule.
	compare(t, withoutLines(found(t, runGolangciLint(t, gcl, dir, "", false))), withoutLines(unfixable))
}

// withoutLines turns "file:line rule" into "file rule", keeping repeats.
func withoutLines(fs []string) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		file, rest, _ := strings.Cut(f, ":")
		_, id, _ := strings.Cut(rest, " ")
		out[i] = file + " " + id
	}
	slices.Sort(out)
	return out
}

// TestREADME checks the README's golangci-lint recipe against what the
// tests build and the plugin accepts.
func TestREADME(t *testing.T) {
	var custom struct {
		Version string
		Plugins []struct{ Module, Import, Version, Path string }
	}
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "# .custom-gcl.yml\n")), &custom); err != nil {
		t.Fatal(err)
	}
	if custom.Version != golangciVersion || len(custom.Plugins) != 1 || custom.Plugins[0].Module != ourModule || custom.Plugins[0].Import != pluginPackage {
		t.Errorf(".custom-gcl.yml %+v: want golangci-lint %s and the plugin %s of %s", custom, golangciVersion, pluginPackage, ourModule)
	}
	var cfg struct {
		Linters struct {
			Enable   []string
			Settings struct {
				Custom map[string]struct {
					Type     string
					Settings any
				}
			}
		}
	}
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "# .golangci.yml\n")), &cfg); err != nil {
		t.Fatal(err)
	}
	gp, ok := cfg.Linters.Settings.Custom[golangci.Name]
	if !slices.Contains(cfg.Linters.Enable, golangci.Name) || !ok || gp.Type != "module" {
		t.Fatalf(".golangci.yml does not enable the module plugin %s: %+v", golangci.Name, cfg)
	}
	if _, err := golangci.New(gp.Settings); err != nil {
		t.Errorf("the README's settings: %v", err)
	}
}

// readmeBlock returns the YAML code block of README.md that follows after.
func readmeBlock(t *testing.T, after string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), after)
	if i < 0 {
		t.Fatalf("README.md has no %q", after)
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(string(data[max(0, i-len("```yaml\n")):]))
	if m == nil {
		t.Fatalf("README.md has no yaml block at %q", after)
	}
	return m[1]
}

// compare reports the differences between two sorted lists of findings.
func compare(t *testing.T, got, want []string) {
	t.Helper()
	count := make(map[string]int)
	for _, g := range got {
		count[g]++
	}
	for _, w := range want {
		count[w]--
	}
	for _, k := range slices.Sorted(maps.Keys(count)) {
		switch n := count[k]; {
		case n > 0:
			t.Errorf("unexpected finding %s (%d)", k, n)
		case n < 0:
			t.Errorf("missed finding %s (%d)", k, -n)
		}
	}
}

// exampleCopy returns a copy of the example workspace (with the stub
// modules it replaces its dependencies by).
func exampleCopy(t *testing.T) string {
	tmp := t.TempDir()
	for _, d := range []string{"example", "stubs"} {
		if err := os.CopyFS(filepath.Join(tmp, d), os.DirFS(filepath.Join(repoRoot, "testdata", d))); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(tmp, "example")
}

// A finding of check, as "file:line rule" relative to the workspace.
type finding struct {
	key      string
	severity rule.Severity
	fixable  bool
}

// checkFindings returns what `gopitfalls check -severity hint` reports in dir.
func checkFindings(t *testing.T, dir string) []finding {
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := check.Main(context.Background(), all.Rules, []string{"-format", "json", "-severity", "hint", "./..."}, &stdout, &stderr, "test"); code == check.ExitFailure {
		t.Fatalf("check failed:\n%s", stderr.String())
	}
	var out []finding
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var f struct {
			Rule, Severity, File string
			Line                 int
			Fixes                []string
		}
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		sev, err := rule.ParseSeverity(f.Severity)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, f.File)
		out = append(out, finding{fmt.Sprintf("%s:%d %s", filepath.ToSlash(rel), f.Line, f.Rule), sev, len(f.Fixes) > 0})
	}
	slices.SortFunc(out, func(a, b finding) int { return strings.Compare(a.key, b.key) })
	return out
}

// runGolangciLint runs golangci-lint with only the gopitfalls linter
// enabled in dir and returns its issues.
func runGolangciLint(t *testing.T, gcl, dir, severity string, fix bool, extra ...string) []issue {
	t.Helper()
	settings := ""
	if severity != "" {
		settings = "        settings:\n          severity: " + severity + "\n"
	}
	write(t, filepath.Join(dir, ".golangci.yml"), `version: "2"
linters:
  default: none
  enable: [gopitfalls]
  settings:
    custom:
      gopitfalls:
        type: module
        description: Go pitfalls of the Kratos newcomer notes
`+settings+`issues:
  max-issues-per-linter: 0
  max-same-issues: 0
`+strings.Join(extra, ""))
	return runConfigured(t, gcl, dir, fix)
}

// runConfigured runs golangci-lint in dir with the .golangci.yml there
// and returns its issues.
func runConfigured(t *testing.T, gcl, dir string, fix bool) []issue {
	t.Helper()
	args := []string{"run", "--output.json.path=stdout", "--show-stats=false"}
	if fix {
		args = append(args, "--fix")
	}
	cmd := exec.Command(gcl, append(args, "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOLANGCI_LINT_CACHE="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("golangci-lint %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var res struct{ Issues []issue }
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("golangci-lint output: %v\n%s\n%s", err, out, stderr.String())
	}
	for i, is := range res.Issues {
		if filepath.IsAbs(is.Pos.Filename) {
			rel, _ := filepath.Rel(dir, is.Pos.Filename)
			res.Issues[i].Pos.Filename = rel
		}
	}
	return res.Issues
}

// textRE splits an issue's text into the Analyzer name and the message.
var textRE = regexp.MustCompile(`^([a-z_]+)(\(related information\))?: (.*)$`)

// found returns the issues as "file:line rule", sorted. There is no
// related information (golangci-lint would make an issue of each).
func found(t *testing.T, issues []issue) []string {
	t.Helper()
	var out []string
	for _, is := range issues {
		m := textRE.FindStringSubmatch(is.Text)
		if is.FromLinter != golangci.Name || m == nil || m[2] != "" {
			t.Errorf("issue of %s with text %q: want gopitfalls and \"<rule>: <message>\"", is.FromLinter, is.Text)
			continue
		}
		id := rule.ID(m[1])
		if all.Rules.Lookup(id) == nil {
			t.Errorf("issue of unknown rule %s: %s", m[1], is.Text)
		}
		out = append(out, fmt.Sprintf("%s:%d %s", filepath.ToSlash(is.Pos.Filename), is.Pos.Line, id))
	}
	slices.Sort(out)
	return out
}
