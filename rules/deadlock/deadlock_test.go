package deadlock_test

import (
	"path/filepath"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/deadlock"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, deadlock.Rule)
}

// TestGo125 runs the rule on a module whose go.mod allows
// sync.WaitGroup.Go.
func TestGo125(t *testing.T) {
	ruletest.RunDir(t, deadlock.Rule, filepath.Join(ruletest.Dir(deadlock.Rule), "go125"))
}
