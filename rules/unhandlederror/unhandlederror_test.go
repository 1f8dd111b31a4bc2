package unhandlederror_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/unhandlederror"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, unhandlederror.Rule)
}
