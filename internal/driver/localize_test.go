package driver_test

import (
	"context"
	"go/ast"
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// TestFindingLanguage checks that a finding shows what its rule said
// through rule.Say in Chinese (message, fix titles, related messages),
// also after the driver dropped an ill-formed fix and related location
// before them, and in English the rule's own text.
func TestFindingLanguage(t *testing.T) {
	var (
		msgCall = rule.M("call of %s", "调用了 %s")
		msgBad  = rule.M("Break the file", "把文件改坏")
		msgGood = rule.M("Remove the call of %s", "删掉对 %s 的调用")
		msgNone = rule.M("nowhere", "无处")
		msgHere = rule.M("%s is declared here", "%s 在这里声明")
	)
	src := "package p\n\nfunc f() {\n\tg()\n}\n"
	r := reporter(func(pass *analysis.Pass) []analysis.Diagnostic {
		var call *ast.CallExpr
		ast.Inspect(pass.Files[0], func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				call = c
			}
			return true
		})
		return []analysis.Diagnostic{{
			Pos: call.Pos(), End: call.End(),
			Message: rule.Say(pass, msgCall.With("g")),
			SuggestedFixes: []analysis.SuggestedFix{
				{Message: rule.Say(pass, msgBad.With()), TextEdits: []analysis.TextEdit{{Pos: call.End(), End: call.Pos()}}}, // inverted: dropped
				{Message: rule.Say(pass, msgGood.With("g")), TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End()}}},
			},
			Related: []analysis.RelatedInformation{
				{Message: rule.Say(pass, msgNone.With())}, // no position: dropped
				{Pos: call.Pos(), End: call.End(), Message: rule.Say(pass, msgHere.With("g"))},
			},
		}}
	})
	res, err := driver.Run(context.Background(), unitOf(t, map[string]string{"a.go": src, "b.go": "package p\n\nfunc g() {}\n"}),
		&driver.Selection{Rules: rule.Set{r}}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("%d findings, want 1", len(res.Findings))
	}
	f := res.Findings[0]
	if len(f.Diag.SuggestedFixes) != 1 || len(f.Diag.Related) != 1 {
		t.Fatalf("%d fixes and %d related kept, want the good one of each", len(f.Diag.SuggestedFixes), len(f.Diag.Related))
	}
	for _, tc := range []struct {
		lang, msg, fix, related string
	}{
		{"zh", "调用了 g", "删掉对 g 的调用", "g 在这里声明"},
		{"en", "call of g", "Remove the call of g", "g is declared here"},
	} {
		if got := f.Message(tc.lang); got != tc.msg {
			t.Errorf("Message(%q) = %q, want %q", tc.lang, got, tc.msg)
		}
		if got := f.FixTitle(0, tc.lang); got != tc.fix {
			t.Errorf("FixTitle(0, %q) = %q, want %q", tc.lang, got, tc.fix)
		}
		if got := f.FixTitlesIn(tc.lang); !slices.Equal(got, []string{tc.fix}) {
			t.Errorf("FixTitlesIn(%q) = %q, want [%q]", tc.lang, got, tc.fix)
		}
		if got := f.Related(0, tc.lang); got != tc.related {
			t.Errorf("Related(0, %q) = %q, want %q", tc.lang, got, tc.related)
		}
	}
}
