package typednilerror_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/typednilerror"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, typednilerror.Rule)
}
