package wardendiscovery_test

import (
	"path/filepath"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/rules/wardendiscovery"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, wardendiscovery.Rule)
}

// TestPrefixes runs the rule with a configured framework prefix over a
// fork whose warden registers the discovery resolver itself.
func TestPrefixes(t *testing.T) {
	dir := filepath.Join(ruletest.Root(), "testdata", "rules", "warden-discovery-prefix")
	ruletest.RunDir(t, wardendiscovery.Rule, dir, rule.Options{
		ErrgroupImport:          rule.DefaultErrgroupImport,
		FrameworkImportPrefixes: []string{"example.com/fork/fork/pkg/"},
	})
}
