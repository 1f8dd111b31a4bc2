package channelclose_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/channelclose"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, channelclose.Rule)
}

// TestGo121 checks the range rewrite under Go 1.21, where a range
// variable captured by a closure is shared by all iterations.
func TestGo121(t *testing.T) {
	ruletest.RunDir(t, channelclose.Rule, filepath.Join(ruletest.Dir(channelclose.Rule), "go121"))
}

// TestSpinSeverity checks that a receive loop is a warning when the
// channel is known to be closed (the package closes it, or it is a
// databus consumer's Messages()) and information when its closing is
// out of sight: in the spin fixtures, the loops of unseen.go but the one
// over a channel the package closes (`<-c)`).
func TestSpinSeverity(t *testing.T) {
	results := analysistest.Run(t, ruletest.Dir(channelclose.Rule), channelclose.Analyzer, "./spin/...")
	n := 0
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if !strings.Contains(d.Message, "without ok in a loop") {
				continue // not a receive loop
			}
			pos := res.Pass.Fset.Position(d.Pos)
			src, err := os.ReadFile(pos.Filename)
			if err != nil {
				t.Fatal(err)
			}
			line := strings.Split(string(src), "\n")[pos.Line-1]
			want := ""
			if base := filepath.Base(pos.Filename); base == "never.go" || base == "unseen.go" && !strings.Contains(line, "<-c)") {
				want = "information"
			}
			if d.Category != want {
				t.Errorf("%s: category %q, want %q", pos, d.Category, want)
			}
			n++
		}
	}
	if n < 15 {
		t.Errorf("%d receive loop findings, want at least 15", n)
	}
}
