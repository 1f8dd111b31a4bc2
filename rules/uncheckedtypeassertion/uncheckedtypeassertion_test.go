package uncheckedtypeassertion_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/uncheckedtypeassertion"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, uncheckedtypeassertion.Rule)
}
