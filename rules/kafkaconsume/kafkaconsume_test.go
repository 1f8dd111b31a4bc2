package kafkaconsume_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/kafkaconsume"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, kafkaconsume.Rule)
}
