package ruletest

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis/analysistest"
)

// severityMarker matches the comment that says a fixture line's finding
// is reported below its rule's severity: `/* information */` or
// `/* hint */`, placed before the line's `// want` comment.
var severityMarker = regexp.MustCompile(`/\* (information|hint) \*/`)

// CheckSeverities checks the severity of every diagnostic against its
// fixture line: a diagnostic below the rule's severity (rule.ReportAt,
// the test-file and non-production caps) needs the line's marker naming
// that severity, and a marker needs a diagnostic at its severity.
func CheckSeverities(t *testing.T, r *rule.Rule, results []*analysistest.Result) {
	t.Helper()
	type line struct {
		file string
		n    int
	}
	got := make(map[line]map[rule.Severity]bool)
	for _, res := range results {
		if res.Pass == nil {
			continue
		}
		levels, _ := res.Result.(*rule.Result)
		for i, d := range res.Diagnostics {
			posn := res.Pass.Fset.Position(d.Pos)
			l := line{posn.Filename, posn.Line}
			if got[l] == nil {
				got[l] = make(map[rule.Severity]bool)
			}
			got[l][levels.At(i, r.Severity)] = true
		}
	}
	sources := make(map[string][]string)
	text := func(l line) string {
		lines, ok := sources[l.file]
		if !ok {
			data, err := os.ReadFile(l.file)
			if err != nil {
				t.Fatal(err)
			}
			lines = strings.Split(string(data), "\n")
			sources[l.file] = lines
		}
		if l.n < 1 || l.n > len(lines) {
			return ""
		}
		return lines[l.n-1]
	}
	for l, sevs := range got {
		marked := make(map[rule.Severity]bool)
		for _, m := range severityMarker.FindAllStringSubmatch(text(l), -1) {
			s, _ := rule.ParseSeverity(m[1])
			marked[s] = true
		}
		for s := range sevs {
			if s < r.Severity && !marked[s] {
				t.Errorf("%s:%d: reported at %v: mark the line /* %v */ if that is meant", l.file, l.n, s, s)
			}
		}
		for s := range marked {
			if !sevs[s] {
				t.Errorf("%s:%d: marked /* %v */, but nothing is reported at %v there (%v)", l.file, l.n, s, s, keys(sevs))
			}
		}
	}
}

func keys(m map[rule.Severity]bool) string {
	var out []string
	for s := range m {
		out = append(out, s.String())
	}
	return fmt.Sprint(out)
}
