package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

func TestParse(t *testing.T) {
	id := all.Rules[0].ID
	c, err := config.Parse("x.yaml", []byte(`
language: zh
errgroupImport: github.com/go-kratos/kratos/pkg/sync/errgroup
frameworkImportPrefixes:
  - example.com/kratos/pkg
  - go-common/library/
diagnosticsScope: workspace
rules:
  `+id+`: off
`), all.Rules)
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "zh" || c.ErrgroupImport != "github.com/go-kratos/kratos/pkg/sync/errgroup" || c.DiagnosticsScope != "workspace" {
		t.Errorf("parsed %+v", c)
	}
	if got := strings.Join(c.FrameworkImportPrefixes, " "); got != "example.com/kratos/pkg/ go-common/library/" {
		t.Errorf("prefixes %q (each normalised to end in /)", got)
	}
	if c.Severity(all.Rules.Lookup(id)) != rule.Off {
		t.Errorf("rule %s not off", id)
	}
	if c.Lang("en-US") != "zh" {
		t.Error("configured language does not win over the locale")
	}
	if d := config.Default(); d.Lang("zh-cn") != "zh" || d.Lang("zh_CN.UTF-8") != "zh" || d.Lang("en") != "en" || d.Lang("") != "en" {
		t.Error("auto language does not follow the locale")
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"language: fr\n", "x.yaml:1: language must be auto, en or zh"},
		{"rules:\n  no-such-rule: warning\n", `x.yaml:2: unknown rule "no-such-rule"`},
		{"rules:\n  " + all.Rules[0].ID + ": loud\n", "x.yaml:2: rule " + all.Rules[0].ID + ": unknown severity"},
		{"colour: blue\n", `x.yaml:1: unknown setting "colour"`},
		{"rules: [a]\n", "x.yaml:1: rules must map"},
		{"language: [\n", "x.yaml:"},
		{"- a\n- b\n", "x.yaml:1: the file must be a mapping"},
		{"frameworkImportPrefixes: x\n", "x.yaml:1: frameworkImportPrefixes must be a list"},
		{"kratosV2ImportPrefixes: x\n", "x.yaml:1: kratosV2ImportPrefixes must be a list"},
		{"kratosV2ImportPrefixes: [\"a b\"]\n", `x.yaml:1: "a b" is not an import path prefix`},
	} {
		_, err := config.Parse("x.yaml", []byte(tc.src), all.Rules)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want prefix %q", tc.src, err, tc.want)
		}
	}
	// A near miss gets a suggestion.
	id := all.Rules[0].ID
	_, err := config.Parse("x.yaml", []byte("rules:\n  "+id[:len(id)-1]+": off\n"), all.Rules)
	if err == nil || !strings.Contains(err.Error(), "did you mean") {
		t.Errorf("no suggestion in %v", err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mod := filepath.Join(root, "mod")
	sub := filepath.Join(mod, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module m\n"), 0o644)
	if got := config.Find(sub); got != "" {
		t.Errorf("Find with no file = %q", got)
	}
	// A file above the module root does not apply.
	os.WriteFile(filepath.Join(root, config.FileName), []byte("language: zh\n"), 0o644)
	if got := config.Find(sub); got != "" {
		t.Errorf("Find crossed the module root: %q", got)
	}
	want := filepath.Join(mod, config.FileName)
	os.WriteFile(want, []byte("language: zh\n"), 0o644)
	if got := config.Find(sub); got != want {
		t.Errorf("Find = %q, want %q", got, want)
	}
	c, err := config.Load(sub, all.Rules)
	if err != nil || c.Language != "zh" || c.File != want {
		t.Errorf("Load = %+v, %v", c, err)
	}
}

// TestRulesPassedIn checks that the rules validated against are those
// passed in: a rule outside the set is unknown, and one in it is found
// by its Analyzer name too.
func TestRulesPassedIn(t *testing.T) {
	one := rule.Set{all.Rules[1]}
	if _, err := config.Parse("x.yaml", []byte("rules:\n  "+all.Rules[0].ID+": off\n"), one); err == nil {
		t.Errorf("a rule outside the set was accepted")
	}
	c, err := config.Parse("x.yaml", []byte("rules:\n  "+all.Rules[1].Analyzer.Name+": off\n"), one)
	if err != nil || c.Severity(all.Rules[1]) != rule.Off {
		t.Errorf("a rule of the set named by its Analyzer: %v, %+v", err, c)
	}
	s, err := config.ParseSettings([]byte(`{"rules": {"`+all.Rules[0].ID+`": "off"}}`), one)
	if err == nil || len(s.Rules) != 0 {
		t.Errorf("settings of a rule outside the set: %v, %v", err, s.Rules)
	}
}

// TestDecode checks the settings read from a decoded value (golangci-lint's
// plugin settings): the file's meanings, keys in any case, the caller's
// own settings, and the file's error messages with the source named.
func TestDecode(t *testing.T) {
	var sev string
	own := config.Setting{Key: "severity", Set: func(v string) error {
		if _, err := rule.ParseSeverity(v); err != nil {
			return err
		}
		sev = v
		return nil
	}}
	c, err := config.Decode("src", map[string]any{
		"language":                "zh",
		"errgroupimport":          "github.com/go-kratos/kratos/pkg/sync/errgroup",
		"frameworkImportPrefixes": []any{"example.com/kratos/pkg"},
		"rules":                   map[string]any{"unhandled_error": "off", "go-errgroup": "error"},
		"Severity":                "information",
	}, all.Rules, own)
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "zh" || c.ErrgroupImport != "github.com/go-kratos/kratos/pkg/sync/errgroup" || strings.Join(c.FrameworkImportPrefixes, " ") != "example.com/kratos/pkg/" || sev != "information" {
		t.Errorf("decoded %+v, severity %q", c, sev)
	}
	if c.Severity(all.Rules.Lookup("unhandled-error")) != rule.Off || c.Severity(all.Rules.Lookup("go-errgroup")) != rule.Error {
		t.Errorf("rules %v", c.Rules)
	}
	if d, err := config.Decode("src", nil, all.Rules); err != nil || d.Key() != config.Default().Key() {
		t.Errorf("nil settings: %v, %v", d, err)
	}
	for _, tc := range []struct {
		v    any
		want string
	}{
		{map[string]any{"language": "fr"}, `src: language must be auto, en or zh, not "fr"`},
		{map[string]any{"rules": map[string]any{"no-such-rule": "warning"}}, `src: unknown rule "no-such-rule"`},
		{map[string]any{"rules": map[string]any{"go-errgroup": "loud"}}, "src: rule go-errgroup: unknown severity"},
		{map[string]any{"colour": "blue"}, `src: unknown setting "colour" (want language, errgroupImport, frameworkImportPrefixes, kratosV2ImportPrefixes, diagnosticsScope, rules or severity)`},
		{map[string]any{"severity": "loud"}, "src: severity: unknown severity"},
		{map[string]any{"severity": []any{"a"}}, "src: severity must be a single value"},
		{[]any{"a"}, "src: the file must be a mapping"},
	} {
		_, err := config.Decode("src", tc.v, all.Rules, own)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Decode(%v) error = %v, want prefix %q", tc.v, err, tc.want)
		}
	}
}
