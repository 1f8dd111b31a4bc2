package serverrecovery_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/serverrecovery"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, serverrecovery.Rule)
}
