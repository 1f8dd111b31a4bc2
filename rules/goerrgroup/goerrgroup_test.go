package goerrgroup_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/goerrgroup"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestRule(t *testing.T) {
	ruletest.Run(t, goerrgroup.Rule)
}

// TestGo121 checks the loop-variable copies of a module before Go 1.22.
func TestGo121(t *testing.T) {
	ruletest.RunDir(t, goerrgroup.Rule, filepath.Join(ruletest.Dir(goerrgroup.Rule), "go121"))
}

// TestKratos checks the kratos errgroup shape.
func TestKratos(t *testing.T) {
	ruletest.RunDir(t, goerrgroup.Rule, filepath.Join(ruletest.Dir(goerrgroup.Rule), "kratos"), rule.Options{
		ErrgroupImport:          "github.com/go-kratos/kratos/pkg/sync/errgroup",
		FrameworkImportPrefixes: rule.DefaultFrameworkImportPrefixes,
	})
}

// TestNeedsGoGet checks that a fix into a module that does not require
// golang.org/x/sync says so. Its fixes are not applied: building them
// would need the module (and go list would edit the fixture's go.mod).
func TestNeedsGoGet(t *testing.T) {
	dir := filepath.Join(ruletest.Dir(goerrgroup.Rule), "noreq")
	results := analysistest.Run(t, dir, goerrgroup.Analyzer, "./...")
	n := 0
	for _, res := range results {
		for _, d := range res.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				n++
				if !strings.HasSuffix(fix.Message, "(needs go get golang.org/x/sync)") {
					t.Errorf("fix title %q does not say the module needs golang.org/x/sync", fix.Message)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no fix offered in the noreq fixture")
	}
}
