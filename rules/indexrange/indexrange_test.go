package indexrange_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/indexrange"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, indexrange.Rule)
}
