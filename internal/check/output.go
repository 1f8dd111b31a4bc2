package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/gopitfalls/gopitfalls/internal/driver"
)

// writeText prints findings like go vet: file:line:col: message (rule).
func writeText(w io.Writer, wd string, findings []*driver.Finding, lang string) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		start, _ := f.Posn()
		fmt.Fprintf(bw, "%s:%d:%d: %s (%s)\n", relPath(wd, start.Filename), start.Line, start.Column, f.Message(lang), f.Rule.ID)
	}
	return bw.Flush()
}

// jsonFinding is one line of -format json.
type jsonFinding struct {
	Rule      string   `json:"rule"`
	Severity  string   `json:"severity"`
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"end_line"`
	EndColumn int      `json:"end_column"`
	Message   string   `json:"message"`
	Fixes     []string `json:"fixes"`
}

// writeJSON prints one JSON object per finding and line. Columns are
// 1-based byte offsets, as go vet's.
func writeJSON(w io.Writer, findings []*driver.Finding, lang string) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, f := range findings {
		start, end := f.Posn()
		fixes := f.FixTitlesIn(lang)
		if err := enc.Encode(jsonFinding{
			Rule:      f.Rule.ID,
			Severity:  f.Severity.String(),
			File:      start.Filename,
			Line:      start.Line,
			Column:    start.Column,
			EndLine:   end.Line,
			EndColumn: end.Column,
			Message:   f.Message(lang),
			Fixes:     fixes,
		}); err != nil {
			return err
		}
	}
	return bw.Flush()
}
