package databusconsume_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/databusconsume"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, databusconsume.Rule)
}

// TestPrefixes runs the rule with a configured framework prefix: a kratos
// fork's databus is the framework, go-common's is not.
func TestPrefixes(t *testing.T) {
	dir := ruletest.Variant(databusconsume.Rule, "prefix")
	ruletest.RunDir(t, databusconsume.Rule, dir, rule.Options{
		ErrgroupImport:          rule.DefaultErrgroupImport,
		FrameworkImportPrefixes: []string{"example.com/dbfork/kratos/pkg/"},
	})
}
