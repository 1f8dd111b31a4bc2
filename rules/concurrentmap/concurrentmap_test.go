package concurrentmap_test

import (
	"path/filepath"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/concurrentmap"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, concurrentmap.Rule)
}

// TestGo125 runs the rule on a module whose go.mod allows
// sync.WaitGroup.Go.
func TestGo125(t *testing.T) {
	ruletest.RunDir(t, concurrentmap.Rule, filepath.Join(ruletest.Dir(concurrentmap.Rule), "go125"))
}
