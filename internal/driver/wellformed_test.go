package driver_test

import (
	"bytes"
	"context"
	"go/ast"
	"go/token"
	"go/types"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/loader"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// reporter defines a rule that reports what report returns for a pass.
func reporter(report func(pass *analysis.Pass) []analysis.Diagnostic) *rule.Rule {
	const note = "# T\n\nS.\n\n## Why\n\nW.\n\n## Bad\n\n```go\nx\n```\n\n## Good\n\n```go\ny\n```\n\n## When it warns and when it only informs\n\nAlways.\n\n## When to ignore\n\nN.\n"
	zh := strings.NewReplacer("## Why", "## 为什么", "## Bad", "## 错误写法", "## Good", "## 正确写法", "## When it warns and when it only informs", "## 何时警告，何时只提示", "## When to ignore", "## 何时可以忽略").Replace(note)
	return rule.Define(rule.Spec{
		ID: "test-reporter", Severity: rule.Warning, Since: "v0.0.0", Syntax: true,
		Notes: fstest.MapFS{"note.en.md": {Data: []byte(note)}, "note.zh.md": {Data: []byte(zh)}},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			for _, d := range report(pass) {
				pass.Report(d)
			}
			return nil
		},
	})
}

// TestWellFormed runs a rule that reports diagnostics with bad positions
// on a package whose first file ends in a call cut short: each is
// repaired or dropped, and only the rule's mistakes are logged.
func TestWellFormed(t *testing.T) {
	srcA := "package p\n\nfunc f() {\n\tg(1,\n" // the call's End is one past the file
	srcB := "package p\n\nfunc g(...int) {}\n"
	type spans struct {
		a, b        *token.File
		call        *ast.CallExpr
		aEOF, bBody token.Pos
	}
	find := func(pass *analysis.Pass) spans {
		var s spans
		s.a, s.b = pass.Fset.File(pass.Files[0].FileStart), pass.Fset.File(pass.Files[1].FileStart)
		ast.Inspect(pass.Files[0], func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				s.call = c
			}
			return true
		})
		s.aEOF = token.Pos(s.a.Base() + s.a.Size())
		s.bBody = pass.Files[1].Decls[0].(*ast.FuncDecl).Body.Pos()
		return s
	}
	gPos := func(s spans) token.Pos { return s.call.Pos() }
	for _, tc := range []struct {
		name   string
		diag   func(s spans) analysis.Diagnostic
		kept   bool
		want   func(s spans) (token.Pos, token.Pos) // the range kept
		fixes  int
		logged bool
	}{
		{name: "end past the file: the end of the file",
			diag: func(s spans) analysis.Diagnostic { return analysis.Diagnostic{Pos: s.call.Pos(), End: s.call.End()} },
			kept: true, want: func(s spans) (token.Pos, token.Pos) { return s.call.Pos(), s.aEOF }},
		{name: "no end: the start",
			diag: func(s spans) analysis.Diagnostic { return analysis.Diagnostic{Pos: gPos(s)} },
			kept: true, want: func(s spans) (token.Pos, token.Pos) { return gPos(s), gPos(s) }},
		{name: "end before start", logged: true,
			diag: func(s spans) analysis.Diagnostic { return analysis.Diagnostic{Pos: gPos(s), End: gPos(s) - 3} },
			kept: true, want: func(s spans) (token.Pos, token.Pos) { return gPos(s), s.aEOF }}, // the last line
		{name: "end in another file", logged: true,
			diag: func(s spans) analysis.Diagnostic { return analysis.Diagnostic{Pos: gPos(s), End: s.bBody} },
			kept: true, want: func(s spans) (token.Pos, token.Pos) { return gPos(s), s.aEOF }}, // the last line
		{name: "no position", logged: true,
			diag: func(s spans) analysis.Diagnostic { return analysis.Diagnostic{} }},
		{name: "fix with an inverted edit", logged: true,
			diag: func(s spans) analysis.Diagnostic {
				return analysis.Diagnostic{Pos: gPos(s), End: gPos(s) + 1, SuggestedFixes: []analysis.SuggestedFix{
					{Message: "bad", TextEdits: []analysis.TextEdit{{Pos: gPos(s) + 2, End: gPos(s)}}},
					{Message: "good", TextEdits: []analysis.TextEdit{{Pos: gPos(s), End: s.call.End(), NewText: []byte("g()\n}\n")}}},
				}}
			},
			kept: true, want: func(s spans) (token.Pos, token.Pos) { return gPos(s), gPos(s) + 1 }, fixes: 1},
		{name: "fix with overlapping edits", logged: true,
			diag: func(s spans) analysis.Diagnostic {
				return analysis.Diagnostic{Pos: gPos(s), End: gPos(s) + 1, SuggestedFixes: []analysis.SuggestedFix{
					{Message: "bad", TextEdits: []analysis.TextEdit{{Pos: gPos(s), End: gPos(s) + 2}, {Pos: gPos(s) + 1, End: gPos(s) + 3}}},
				}}
			},
			kept: true, want: func(s spans) (token.Pos, token.Pos) { return gPos(s), gPos(s) + 1 }},
		{name: "fix in two files", logged: true,
			diag: func(s spans) analysis.Diagnostic {
				return analysis.Diagnostic{Pos: gPos(s), End: gPos(s) + 1, SuggestedFixes: []analysis.SuggestedFix{
					{Message: "bad", TextEdits: []analysis.TextEdit{{Pos: gPos(s), End: gPos(s)}, {Pos: s.bBody, End: s.bBody}}},
				}}
			},
			kept: true, want: func(s spans) (token.Pos, token.Pos) { return gPos(s), gPos(s) + 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got spans
			r := reporter(func(pass *analysis.Pass) []analysis.Diagnostic {
				got = find(pass)
				return []analysis.Diagnostic{tc.diag(got)}
			})
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			res, err := driver.Run(context.Background(), unitOf(t, map[string]string{"a.go": srcA, "b.go": srcB}), &driver.Selection{Rules: rule.Set{r}}, log)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != b2i(tc.kept) {
				t.Fatalf("%d findings, want kept: %v", len(res.Findings), tc.kept)
			}
			if tc.kept {
				f := res.Findings[0]
				if pos, end := tc.want(got); f.Diag.Pos != pos || f.Diag.End != end {
					t.Errorf("range %d-%d, want %d-%d", f.Diag.Pos, f.Diag.End, pos, end)
				}
				if len(f.Diag.SuggestedFixes) != tc.fixes {
					t.Errorf("%d fixes kept, want %d", len(f.Diag.SuggestedFixes), tc.fixes)
				}
			}
			if strings.Contains(logs.String(), driver.RuleBug) != tc.logged {
				t.Errorf("logs %q, want a rule bug logged: %v", logs.String(), tc.logged)
			}
		})
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// unitOf parses and type-checks files (name → source), in name order,
// as package p with no imports.
func unitOf(t *testing.T, srcs map[string]string) *driver.Unit {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	var toks []*token.File
	for _, name := range []string{"a.go", "b.go"} {
		f, tok, _ := loader.Parse(fset, name, []byte(srcs[name]))
		files, toks = append(files, f), append(toks, tok)
	}
	sizes := types.SizesFor("gc", runtime.GOARCH)
	c := loader.TypeCheck("p", "p", files, toks, loader.NoImports, sizes, "", nil)
	return &driver.Unit{ID: "p", Fset: c.Fset, Files: files, Pkg: c.Types, Info: c.Info, Sizes: sizes, TypeErrors: c.Errors, HasErrors: true,
		ReadFile: func(name string) ([]byte, error) { return []byte(srcs[name]), nil }}
}
