package config

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/rule"
)

// Settings are the editor's settings (gopitfalls.* in VS Code). Each one
// that is set overrides the configuration file's value.
type Settings struct {
	Language                string
	ErrgroupImport          string
	FrameworkImportPrefixes []string
	KratosV2ImportPrefixes  []string
	DiagnosticsScope        string
	Rules                   map[string]rule.Severity
}

// ParseSettings parses the editor's settings as JSON: the "gopitfalls"
// section itself, an object holding it ({"gopitfalls": {...}}), or dotted
// keys ({"gopitfalls.language": "zh"}). Unknown keys are ignored (the
// extension has settings of its own). Invalid values are left out and
// described in the error; the valid ones are still returned. Rule
// settings must name rules of rules.
func ParseSettings(data []byte, rules rule.Set) (*Settings, error) {
	s := &Settings{Rules: make(map[string]rule.Severity)}
	if len(data) == 0 || string(data) == "null" {
		return s, nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return s, fmt.Errorf("settings are not a JSON object: %v", err)
	}
	if inner, ok := raw["gopitfalls"]; ok {
		var m map[string]json.RawMessage
		if json.Unmarshal(inner, &m) == nil {
			raw = m
		}
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	for key, val := range raw {
		key = strings.TrimPrefix(key, "gopitfalls.")
		if string(val) == "null" {
			continue // unset
		}
		switch key {
		case "language":
			var v string
			if json.Unmarshal(val, &v) != nil || !slices.Contains([]string{"auto", "en", "zh"}, v) {
				bad("gopitfalls.language must be auto, en or zh, not %s", val)
				continue
			}
			s.Language = v
		case "errgroupImport":
			var v string
			if json.Unmarshal(val, &v) != nil || v != "" && !isImportPath(v) {
				bad("gopitfalls.errgroupImport must be an import path, not %s", val)
				continue
			}
			s.ErrgroupImport = v
		case "frameworkImportPrefixes":
			s.FrameworkImportPrefixes = parsePrefixes(key, val, bad)
		case "kratosV2ImportPrefixes":
			s.KratosV2ImportPrefixes = parsePrefixes(key, val, bad)
		case "diagnosticsScope":
			var v string
			if json.Unmarshal(val, &v) != nil || v != "openFiles" && v != "workspace" {
				bad("gopitfalls.diagnosticsScope must be openFiles or workspace, not %s", val)
				continue
			}
			s.DiagnosticsScope = v
		case "rules":
			var v map[string]string
			if json.Unmarshal(val, &v) != nil {
				bad("gopitfalls.rules must map rule IDs to off, hint, information, warning or error")
				continue
			}
			for id, sev := range v {
				r := rules.Lookup(id)
				if r == nil {
					bad("gopitfalls.rules: unknown rule %q%s", id, suggest(id, rules))
					continue
				}
				sv, err := rule.ParseSeverity(sev)
				if err != nil {
					bad("gopitfalls.rules: %s: %v", id, err)
					continue
				}
				s.Rules[r.ID] = sv
			}
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return s, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return s, nil
}

// parsePrefixes parses the editor's list setting key (a list of import
// path prefixes); an empty list means "not set".
func parsePrefixes(key string, val json.RawMessage, bad func(string, ...any)) []string {
	var v []string
	if json.Unmarshal(val, &v) != nil {
		bad("gopitfalls.%s must be a list of import path prefixes, not %s", key, val)
		return nil
	}
	var out []string
	for _, p := range v {
		if !isImportPath(strings.TrimSuffix(p, "/")) {
			bad("gopitfalls.%s: %q is not an import path prefix", key, p)
			continue
		}
		out = append(out, NormalizePrefix(p))
	}
	return out
}

// With returns a copy of c with the settings that s sets overriding it.
func (c *Config) With(s *Settings) *Config {
	d := c.Clone()
	if s == nil {
		return d
	}
	if s.Language != "" {
		d.Language = s.Language
	}
	if s.ErrgroupImport != "" {
		d.ErrgroupImport = s.ErrgroupImport
	}
	if len(s.FrameworkImportPrefixes) > 0 {
		d.FrameworkImportPrefixes = slices.Clone(s.FrameworkImportPrefixes)
	}
	if len(s.KratosV2ImportPrefixes) > 0 {
		d.KratosV2ImportPrefixes = slices.Clone(s.KratosV2ImportPrefixes)
	}
	if s.DiagnosticsScope != "" {
		d.DiagnosticsScope = s.DiagnosticsScope
	}
	for id, sev := range s.Rules {
		d.Rules[id] = sev
	}
	return d
}

// Key returns a string that differs between configurations that make the
// rules report differently.
func (c *Config) Key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%s\x00%s", c.Language, c.ErrgroupImport, strings.Join(c.FrameworkImportPrefixes, ","), strings.Join(c.KratosV2ImportPrefixes, ","))
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "\x00%s=%d", id, c.Rules[id])
	}
	return b.String()
}
