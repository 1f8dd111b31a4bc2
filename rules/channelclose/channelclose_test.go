package channelclose_test

import (
	"path/filepath"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/channelclose"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, channelclose.Rule)
}

// TestGo121 checks the range rewrite under Go 1.21, where a range
// variable captured by a closure is shared by all iterations.
func TestGo121(t *testing.T) {
	ruletest.RunDir(t, channelclose.Rule, filepath.Join(ruletest.Dir(channelclose.Rule), "go121"))
}
