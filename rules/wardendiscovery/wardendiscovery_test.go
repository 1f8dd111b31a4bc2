package wardendiscovery_test

import (
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
	dir := ruletest.Variant(wardendiscovery.Rule, "prefix")
	ruletest.RunDir(t, wardendiscovery.Rule, dir, rule.Options{
		ErrgroupImport:          rule.DefaultErrgroupImport,
		FrameworkImportPrefixes: []string{"example.com/fork/fork/pkg/"},
	})
}

// TestRealKratos runs the rule on a fixture module that requires the real
// github.com/go-kratos/kratos v0.6.0 (from the module cache or proxy):
// its warden registers only the direct resolver in its init, which the
// rule must learn from the source.
func TestRealKratos(t *testing.T) {
	dir := ruletest.Variant(wardendiscovery.Rule, "kratos")
	ruletest.DownloadOrSkip(t, dir)
	ruletest.RunDir(t, wardendiscovery.Rule, dir)
	ruletest.CompareExportData(t, dir, wardendiscovery.Analyzer)
}

// TestExportData checks that the rule reaches the same findings when the
// fixture's dependencies (the framework stubs, grpc) come from export
// data, as gopitfalls check and the language server load them.
func TestExportData(t *testing.T) {
	ruletest.CompareExportData(t, ruletest.Dir(wardendiscovery.Rule), wardendiscovery.Analyzer)
}
