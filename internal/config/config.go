// Package config reads .gopitfalls.yaml, the one configuration file that
// the command line and the language server share, and merges the editor's
// settings over it.
//
//	language: auto                 # auto | en | zh
//	errgroupImport: golang.org/x/sync/errgroup
//	frameworkImportPrefixes:
//	  - github.com/go-kratos/kratos/pkg/
//	kratosV2ImportPrefixes:
//	  - github.com/go-kratos/kratos/v2/
//	rules:
//	  go-errgroup: information      # off | hint | information | warning | error
//	  unhandled-error: off
//
// The rules it validates against are passed in (a rule.Set), not taken
// from the registry: main hands it the rules it runs, and so may any
// other driver of the rules (golangci-lint's plugin).
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"go.yaml.in/yaml/v3"
)

// FileName is the name of the configuration file, looked for from a
// package's directory up to its module root.
const FileName = ".gopitfalls.yaml"

// A Config is the effective configuration.
type Config struct {
	File                    string // the file it was read from; "" for defaults
	Language                string // auto, en or zh
	ErrgroupImport          string
	FrameworkImportPrefixes []string
	KratosV2ImportPrefixes  []string
	DiagnosticsScope        string                   // openFiles or workspace (the language server's)
	Rules                   map[string]rule.Severity // explicit settings, by rule ID
}

// Default returns the configuration used when there is no file.
func Default() *Config {
	opts := rule.DefaultOptions()
	return &Config{
		Language:                "auto",
		ErrgroupImport:          opts.ErrgroupImport,
		FrameworkImportPrefixes: opts.FrameworkImportPrefixes,
		KratosV2ImportPrefixes:  opts.KratosV2ImportPrefixes,
		DiagnosticsScope:        "openFiles",
		Rules:                   make(map[string]rule.Severity),
	}
}

// Clone returns a deep copy of c.
func (c *Config) Clone() *Config {
	d := *c
	d.FrameworkImportPrefixes = slices.Clone(c.FrameworkImportPrefixes)
	d.KratosV2ImportPrefixes = slices.Clone(c.KratosV2ImportPrefixes)
	d.Rules = make(map[string]rule.Severity, len(c.Rules))
	for k, v := range c.Rules {
		d.Rules[k] = v
	}
	return &d
}

// Options returns the rule options of c.
func (c *Config) Options() rule.Options {
	return rule.Options{
		ErrgroupImport:          c.ErrgroupImport,
		FrameworkImportPrefixes: slices.Clone(c.FrameworkImportPrefixes),
		KratosV2ImportPrefixes:  slices.Clone(c.KratosV2ImportPrefixes),
	}
}

// Severity returns the configured severity of r: its explicit setting or
// its default.
func (c *Config) Severity(r *rule.Rule) rule.Severity {
	if s, ok := c.Rules[r.ID]; ok {
		return s
	}
	return r.Severity
}

// Lang returns the language of notes and messages: the configured one,
// else the one of locale (a BCP 47 tag such as "zh-cn", or a POSIX
// locale such as "zh_CN.UTF-8").
func (c *Config) Lang(locale string) string {
	if c.Language == "en" || c.Language == "zh" {
		return c.Language
	}
	return LangOf(locale)
}

// LangOf returns "zh" for a Chinese locale and "en" for anything else.
func LangOf(locale string) string {
	if strings.HasPrefix(strings.ToLower(locale), "zh") {
		return "zh"
	}
	return "en"
}

// Find returns the configuration file that applies to dir: the first
// .gopitfalls.yaml from dir up to the module root (the first directory
// with a go.mod or go.work), or "" if there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		candidate := filepath.Join(dir, FileName)
		if fi, err := os.Stat(candidate); err == nil && fi.Mode().IsRegular() {
			return candidate
		}
		if exists(filepath.Join(dir, "go.mod")) || exists(filepath.Join(dir, "go.work")) {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// Load returns the configuration that applies to dir: defaults, overridden
// by the file Find returns, whose rule settings must name rules of rules.
func Load(dir string, rules rule.Set) (*Config, error) {
	name := Find(dir)
	if name == "" {
		return Default(), nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Default(), nil
		}
		return nil, err
	}
	return Parse(name, data, rules)
}

// An Error is a problem in a configuration file, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Parse parses the contents of a configuration file over the defaults.
// Its rule settings must name rules of rules.
func Parse(filename string, data []byte, rules rule.Set) (*Config, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{File: filename, Line: yamlErrorLine(err), Msg: yamlErrorMsg(err)}
	}
	if len(doc.Content) == 0 {
		c := Default() // empty file
		c.File = filename
		return c, nil
	}
	return parseNode(filename, doc.Content[0], rules, nil)
}

// A Setting is a scalar setting that a caller of [Decode] reads besides
// the file's own, such as golangci-lint's severity threshold.
type Setting struct {
	Key string
	// Set takes the setting's value; its error is reported like the
	// file's own bad values.
	Set func(value string) error
}

// Decode reads the settings of the configuration file from a decoded
// value instead of YAML text: another tool's configuration holding them,
// such as golangci-lint's linters.settings.custom.gopitfalls.settings.
// They mean what they mean in the file and are checked by the same code,
// with the same messages; source names where they are in those messages.
// Keys are matched regardless of case, because such tools may fold them
// to lower case. own are the caller's settings besides the file's.
func Decode(source string, v any, rules rule.Set, own ...Setting) (*Config, error) {
	if v == nil {
		c := Default()
		c.File = source
		return c, nil
	}
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return nil, &Error{File: source, Msg: err.Error()}
	}
	return parseNode(source, &n, rules, own)
}

// keys are the settings of the file, in the order messages list them.
var keys = []string{"language", "errgroupImport", "frameworkImportPrefixes", "kratosV2ImportPrefixes", "diagnosticsScope", "rules"}

// canonicalKey returns the setting key k names regardless of case, or k.
func canonicalKey(k string, own []Setting) string {
	for _, key := range keys {
		if strings.EqualFold(k, key) {
			return key
		}
	}
	for _, o := range own {
		if strings.EqualFold(k, o.Key) {
			return o.Key
		}
	}
	return k
}

// parseNode parses the mapping of settings root over the defaults; file
// names it in errors. own are settings read besides the file's; their
// keys, like the file's, match regardless of case.
func parseNode(file string, root *yaml.Node, rules rule.Set, own []Setting) (*Config, error) {
	c := Default()
	c.File = file
	if root.Kind != yaml.MappingNode {
		return nil, &Error{file, root.Line, "the file must be a mapping of settings"}
	}
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &Error{file, n.Line, fmt.Sprintf(format, args...)}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		name := key.Value
		if own != nil {
			name = canonicalKey(name, own)
		}
		if j := slices.IndexFunc(own, func(o Setting) bool { return o.Key == name }); j >= 0 {
			if !isScalar(val) {
				return nil, bad(val, "%s must be a single value", name)
			}
			if err := own[j].Set(val.Value); err != nil {
				return nil, bad(val, "%s: %v", name, err)
			}
			continue
		}
		if err := c.set(name, val, rules, bad); err != nil {
			return nil, err
		}
		if !slices.Contains(keys, name) {
			want := slices.Clone(keys)
			for _, o := range own {
				want = append(want, o.Key)
			}
			return nil, bad(key, "unknown setting %q (want %s or %s)", key.Value, strings.Join(want[:len(want)-1], ", "), want[len(want)-1])
		}
	}
	return c, nil
}

// set sets the file's setting name to val; bad makes the error of a bad
// value. An unknown name is left to the caller.
func (c *Config) set(name string, val *yaml.Node, rules rule.Set, bad func(*yaml.Node, string, ...any) error) error {
	switch name {
	case "language":
		if !isScalar(val) || !slices.Contains([]string{"auto", "en", "zh"}, val.Value) {
			return bad(val, "language must be auto, en or zh, not %q", val.Value)
		}
		c.Language = val.Value
	case "errgroupImport":
		if !isScalar(val) || !isImportPath(val.Value) {
			return bad(val, "errgroupImport must be an import path such as golang.org/x/sync/errgroup")
		}
		c.ErrgroupImport = val.Value
	case "frameworkImportPrefixes", "kratosV2ImportPrefixes":
		if val.Kind != yaml.SequenceNode {
			return bad(val, "%s must be a list of import path prefixes", name)
		}
		var prefixes []string
		for _, item := range val.Content {
			if !isScalar(item) || !isImportPath(strings.TrimSuffix(item.Value, "/")) {
				return bad(item, "%q is not an import path prefix", item.Value)
			}
			prefixes = append(prefixes, NormalizePrefix(item.Value))
		}
		if name == "frameworkImportPrefixes" {
			c.FrameworkImportPrefixes = prefixes
		} else {
			c.KratosV2ImportPrefixes = prefixes
		}
	case "diagnosticsScope":
		if !isScalar(val) || val.Value != "openFiles" && val.Value != "workspace" {
			return bad(val, "diagnosticsScope must be openFiles or workspace, not %q", val.Value)
		}
		c.DiagnosticsScope = val.Value
	case "rules":
		if val.Kind != yaml.MappingNode {
			return bad(val, "rules must map rule IDs to off, hint, information, warning or error")
		}
		for j := 0; j+1 < len(val.Content); j += 2 {
			id, sev := val.Content[j], val.Content[j+1]
			r := rules.Lookup(id.Value)
			if r == nil {
				return bad(id, "unknown rule %q%s", id.Value, suggest(id.Value, rules))
			}
			if !isScalar(sev) {
				return bad(sev, "rule %s: want off, hint, information, warning or error", id.Value)
			}
			s, err := rule.ParseSeverity(sev.Value)
			if err != nil {
				return bad(sev, "rule %s: %v", id.Value, err)
			}
			c.Rules[r.ID] = s // an Analyzer name is the rule's ID too
		}
	}
	return nil
}

// NormalizePrefix returns an import path prefix ending in "/".
func NormalizePrefix(p string) string {
	return strings.TrimSuffix(strings.TrimSpace(p), "/") + "/"
}

func isScalar(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode }

// isImportPath reports whether s looks like an import path.
func isImportPath(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\\\"'`") || strings.HasPrefix(s, "/") {
		return false
	}
	return true
}

// suggest returns ` (did you mean "x"?)` for the rule ID of rules
// closest to id.
func suggest(id string, rules rule.Set) string {
	best, bestScore := "", 0
	for _, r := range rules {
		score := commonPrefix(id, r.ID) + commonPrefix(reverse(id), reverse(r.ID))
		if score > bestScore {
			best, bestScore = r.ID, score
		}
	}
	if best == "" || bestScore < 4 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func reverse(s string) string {
	r := []byte(s)
	slices.Reverse(r)
	return string(r)
}

// yamlErrorLine extracts the line number from a yaml error ("yaml: line 3: …").
func yamlErrorLine(err error) int {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	return line
}

// yamlErrorMsg strips the "yaml: line N: " prefix of a yaml error.
func yamlErrorMsg(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		if _, rest, ok := strings.Cut(msg, ": "); ok {
			msg = rest
		}
	}
	return msg
}
