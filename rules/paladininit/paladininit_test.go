package paladininit_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/paladininit"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, paladininit.Rule)
}

// TestRealKratos runs the rule on a fixture module that requires the real
// github.com/go-kratos/kratos v0.6.0 (from the module cache or proxy), so
// that the facts are computed from the framework's own source.
func TestRealKratos(t *testing.T) {
	dir := ruletest.Variant(paladininit.Rule, "kratos")
	ruletest.DownloadOrSkip(t, dir)
	ruletest.RunDir(t, paladininit.Rule, dir)
	ruletest.CompareExportData(t, dir, paladininit.Analyzer)
}

// TestExportData checks that the rule reaches the same findings when the
// fixture's dependencies (the framework stubs) come from export data, as
// gopitfalls check and the language server load them.
func TestExportData(t *testing.T) {
	ruletest.CompareExportData(t, ruletest.Dir(paladininit.Rule), paladininit.Analyzer)
}
