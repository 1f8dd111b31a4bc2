package paladininit_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/paladininit"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, paladininit.Rule)
}
