package usebeforeerrcheck_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/usebeforeerrcheck"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, usebeforeerrcheck.Rule)
}
