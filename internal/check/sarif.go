package check

import (
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

// The SARIF 2.1.0 subset that GitHub code scanning reads. It is written
// out here because it is small and fixed; a library would bring far more
// than these few structs.
type (
	sarifLog struct {
		Version string     `json:"version"`
		Schema  string     `json:"$schema"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                `json:"tool"`
		Results            []sarifResult            `json:"results"`
		OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                   `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		HelpURI              string         `json:"helpUri"`
		Help                 sarifMarkdown  `json:"help"`
		DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
		Properties           map[string]any `json:"properties,omitempty"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMarkdown struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
)

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s rule.Severity) string {
	switch s {
	case rule.Error:
		return "error"
	case rule.Warning:
		return "warning"
	}
	return "note"
}

// writeSARIF prints the findings as a SARIF 2.1.0 log with the metadata
// of every rule of rules, taken from its English note. Paths are relative to the
// working directory (%SRCROOT%); columns are UTF-16 code units, SARIF's
// default.
func writeSARIF(w io.Writer, wd, version string, rules rule.Set, findings []*driver.Finding, lang string) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "gopitfalls",
			Version:        version,
			InformationURI: "https://github.com/gopitfalls/gopitfalls",
		}},
		Results:            []sarifResult{},
		OriginalURIBaseIDs: map[string]sarifArtifact{"%SRCROOT%": {URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(wd) + "/"}).String()}},
		ColumnKind:         "utf16CodeUnits",
	}
	index := make(map[string]int)
	for i, r := range rules {
		index[r.ID] = i
		n := r.Note("en")
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   r.ID,
			Name:                 camel(r.ID),
			ShortDescription:     sarifText{Text: n.Title},
			FullDescription:      sarifText{Text: n.Summary},
			HelpURI:              r.URL("en"),
			Help:                 sarifMarkdown{Text: n.Summary + "\n\n" + n.Why, Markdown: n.Source},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
			Properties:           map[string]any{"tags": []string{"go", "pitfall"}},
		})
	}
	lines := newLineCache()
	for _, f := range findings {
		start, end := f.Posn()
		uri, base := artifactURI(wd, start.Filename)
		run.Results = append(run.Results, sarifResult{
			RuleID:    f.Rule.ID,
			RuleIndex: index[f.Rule.ID],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message(lang)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: base},
				Region: sarifRegion{
					StartLine:   start.Line,
					StartColumn: lines.utf16Column(start.Filename, start.Line, start.Column),
					EndLine:     end.Line,
					EndColumn:   lines.utf16Column(end.Filename, end.Line, end.Column),
				},
			}}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{
		Version: "2.1.0",
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Runs:    []sarifRun{run},
	})
}

// artifactURI returns the URI reference of a file for a result: its path
// relative to wd, percent-encoded, with the base %SRCROOT%; or, for a
// file outside wd, its absolute file URI and no base.
func artifactURI(wd, name string) (uri, base string) {
	rel := relPath(wd, name)
	if filepath.IsAbs(rel) {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(name)}).String(), ""
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).String(), "%SRCROOT%"
}

// camel turns a rule ID into a SARIF rule name: use-before-err-check →
// UseBeforeErrCheck.
func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// lineCache converts byte columns to UTF-16 columns, reading each file once.
type lineCache struct {
	files map[string][]string
}

func newLineCache() *lineCache { return &lineCache{files: make(map[string][]string)} }

func (c *lineCache) utf16Column(file string, line, col int) int {
	lines, ok := c.files[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c.files[file] = lines
	}
	if line < 1 || line > len(lines) || col < 1 {
		return col
	}
	text := lines[line-1]
	if col-1 > len(text) {
		return col
	}
	n := 0
	for _, r := range text[:col-1] {
		if k := utf16.RuneLen(r); k > 0 {
			n += k
		} else {
			n++ // an invalid byte counts as one unit
		}
	}
	return n + 1
}
