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

// TestNoRequirement checks that no fix imports an errgroup from a module
// that go.mod does not require (etcd server v3.7.3 has x/sync only in
// go.sum: the import stopped the go command from building anything).
// The noreq fixture requires neither x/sync nor kratos: its finding has
// no fix, so no .golden file.
func TestNoRequirement(t *testing.T) {
	ruletest.RunDir(t, goerrgroup.Rule, filepath.Join(ruletest.Dir(goerrgroup.Rule), "noreq"))
}

// TestOtherErrgroup checks the fallback to the errgroup the module can
// import: kratos' where go.mod requires kratos but not x/sync, named in
// the fix's title.
func TestOtherErrgroup(t *testing.T) {
	dir := filepath.Join(ruletest.Dir(goerrgroup.Rule), "kratosonly")
	ruletest.RunDir(t, goerrgroup.Rule, dir)
	const want = " (with github.com/go-kratos/kratos/pkg/sync/errgroup, as go.mod does not require golang.org/x/sync/errgroup)"
	n := 0
	for _, res := range analysistest.Run(t, dir, ruletest.ServeGoMod(goerrgroup.Analyzer), "./...") {
		for _, d := range res.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				n++
				if !strings.HasSuffix(fix.Message, want) {
					t.Errorf("fix title %q does not end in %q", fix.Message, want)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no fix offered in the kratosonly fixture")
	}
}
