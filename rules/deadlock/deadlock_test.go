package deadlock_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/deadlock"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, deadlock.Rule)
}
