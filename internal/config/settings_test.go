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
