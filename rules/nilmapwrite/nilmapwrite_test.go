package nilmapwrite_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/nilmapwrite"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, nilmapwrite.Rule)
}
