// Package docgen derives documentation from the rules' notes, which are
// the single source of truth: the README's rule table is generated here
// and a test fails when the README is stale.
package docgen

import (
	"fmt"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/all"
)

// Markers delimit the generated table in README.md.
const (
	BeginMarker = "<!-- rules:begin (generated from the notes by internal/docgen; go test ./internal/docgen -update) -->"
	EndMarker   = "<!-- rules:end -->"
)

// RuleTable returns the Markdown table of rules: ID (linking to the
// note), what it catches in English and Chinese, default severity, and
// whether it offers a fix.
func RuleTable() string {
	var b strings.Builder
	b.WriteString("| Rule | What it catches | 中文 | Default | Fix |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, r := range all.Rules {
		fix := "—"
		if r.Fixes {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [`%s`](rules/%s/note.en.md) | %s | [%s](rules/%s/note.zh.md) | %s | %s |\n",
			r.ID, r.Package(), escape(r.Note("en").Title), escape(r.Note("zh").Title), r.Package(), r.Severity, fix)
	}
	return b.String()
}

func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// Replace returns doc with the text between the markers replaced by table.
func Replace(doc, table string) (string, error) {
	i := strings.Index(doc, BeginMarker)
	j := strings.Index(doc, EndMarker)
	if i < 0 || j < i {
		return "", fmt.Errorf("README.md lacks the %q … %q markers", BeginMarker, EndMarker)
	}
	return doc[:i+len(BeginMarker)] + "\n" + table + doc[j:], nil
}
