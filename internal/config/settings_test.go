package config_test

import (
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

func TestSettings(t *testing.T) {
	file, err := config.Parse("x.yaml", []byte("language: en\nrules:\n  unchecked-type-assertion: hint\n"), all.Rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, json string
		lang       string
		sev        rule.Severity
		scope      string
		wantErr    string
	}{
		{"nested", `{"gopitfalls": {"language": "zh", "rules": {"unchecked-type-assertion": "error"}}}`, "zh", rule.Error, "openFiles", ""},
		{"section", `{"diagnosticsScope": "workspace", "server": {"path": "x"}}`, "en", rule.Hint, "workspace", ""},
		{"dotted", `{"gopitfalls.language": "zh"}`, "zh", rule.Hint, "openFiles", ""},
		{"null", `null`, "en", rule.Hint, "openFiles", ""},
		{"bad values kept out", `{"language": "fr", "rules": {"no-such-rule": "error", "unchecked_type_assertion": "off"}}`, "en", rule.Off, "openFiles", "gopitfalls.language must be auto, en or zh"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := config.ParseSettings([]byte(tc.json), all.Rules)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("error %v, want %q", err, tc.wantErr)
			}
			c := file.With(s)
			r := c.Rules["unchecked-type-assertion"]
			if c.Language != tc.lang || r != tc.sev || c.DiagnosticsScope != tc.scope {
				t.Errorf("language %s, severity %v, scope %s; want %s, %v, %s", c.Language, r, c.DiagnosticsScope, tc.lang, tc.sev, tc.scope)
			}
		})
	}
}

// TestImportPrefixes checks the two lists of framework import paths, in
// the file and in the editor's settings: each is read on its own,
// normalised to end in /, and the editor's overrides the file's only
// when set and not empty.
func TestImportPrefixes(t *testing.T) {
	file, err := config.Parse("x.yaml", []byte("kratosV2ImportPrefixes:\n  - example.com/kratos/v2\n"), all.Rules)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(file.KratosV2ImportPrefixes, " "); got != "example.com/kratos/v2/" {
		t.Errorf("file: v2 prefixes %q", got)
	}
	if got := strings.Join(file.FrameworkImportPrefixes, " "); got != strings.Join(rule.DefaultFrameworkImportPrefixes, " ") {
		t.Errorf("file: v0 prefixes %q changed by the v2 setting", got)
	}
	if opts := file.Options(); !opts.KratosV2Package("example.com/kratos/v2/config", "config") {
		t.Errorf("file: the configured v2 prefix does not reach the rules' options")
	}
	if d := config.Default(); strings.Join(d.KratosV2ImportPrefixes, " ") != "github.com/go-kratos/kratos/v2/ github.com/go-kratos/kratos/v3/" {
		t.Errorf("default v2 prefixes %q", d.KratosV2ImportPrefixes)
	}
	if file.Key() == config.Default().Key() {
		t.Errorf("the v2 prefixes do not change the configuration's key")
	}
	for _, tc := range []struct {
		name, json, want, wantErr string
	}{
		{"set", `{"gopitfalls.kratosV2ImportPrefixes": ["example.com/fork/v2/", "example.com/fork/v3"]}`, "example.com/fork/v2/ example.com/fork/v3/", ""},
		{"empty means unset", `{"kratosV2ImportPrefixes": []}`, "example.com/kratos/v2/", ""},
		{"not a list", `{"kratosV2ImportPrefixes": "x"}`, "example.com/kratos/v2/", "gopitfalls.kratosV2ImportPrefixes must be a list"},
		{"bad prefix kept out", `{"kratosV2ImportPrefixes": ["a b", "example.com/ok"]}`, "example.com/ok/", `gopitfalls.kratosV2ImportPrefixes: "a b" is not an import path prefix`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := config.ParseSettings([]byte(tc.json), all.Rules)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("error %v, want %q", err, tc.wantErr)
			}
			c := file.With(s)
			if got := strings.Join(c.KratosV2ImportPrefixes, " "); got != tc.want {
				t.Errorf("v2 prefixes %q, want %q", got, tc.want)
			}
			if got := strings.Join(c.FrameworkImportPrefixes, " "); got != strings.Join(rule.DefaultFrameworkImportPrefixes, " ") {
				t.Errorf("v0 prefixes %q changed by the v2 setting", got)
			}
		})
	}
}
