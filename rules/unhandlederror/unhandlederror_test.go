package unhandlederror_test

import (
	"os"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/rules/unhandlederror"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, unhandlederror.Rule)
}

// TestSeverity checks which findings are demoted: a finding whose line
// follows a `// information:` comment in the fixture is information (a
// Close that only releases a resource), one in a _test.go file is a hint,
// and every other finding is a warning.
func TestSeverity(t *testing.T) {
	results := analysistest.Run(t, ruletest.Dir(unhandlederror.Rule), unhandlederror.Analyzer, "./...")
	lines := map[string][]string{}
	for _, res := range results {
		for _, d := range res.Diagnostics {
			posn := res.Pass.Fset.Position(d.Pos)
			if _, ok := lines[posn.Filename]; !ok {
				b, err := os.ReadFile(posn.Filename)
				if err != nil {
					t.Fatal(err)
				}
				lines[posn.Filename] = strings.Split(string(b), "\n")
			}
			want := rule.Warning
			switch {
			case strings.HasSuffix(posn.Filename, "_test.go"):
				want = rule.Hint
			case posn.Line >= 2 && strings.Contains(lines[posn.Filename][posn.Line-2], "// information:"):
				want = rule.Information
			}
			got, demoted := rule.Demoted(d.Category)
			if !demoted {
				got = rule.Warning
			}
			if got != want {
				t.Errorf("%s: %q: severity %v, want %v", posn, d.Message, got, want)
			}
		}
	}
}
