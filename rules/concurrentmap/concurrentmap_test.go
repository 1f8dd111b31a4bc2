package concurrentmap_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/concurrentmap"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, concurrentmap.Rule)
}
