package check

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// testRule defines a rule that reports each call of a function named
// fn with the fix edit makes of the call's statement.
func testRule(t *testing.T, id, fn string, edit func(stmt ast.Stmt) analysis.TextEdit) *rule.Rule {
	t.Helper()
	const note = "# T\n\nS.\n\n## Why\n\nW.\n\n## Bad\n\n```go\nx\n```\n\n## Good\n\n```go\ny\n```\n\n## When it warns and when it only informs\n\nAlways.\n\n## When to ignore\n\nN.\n"
	zh := strings.NewReplacer("## Why", "## 为什么", "## Bad", "## 错误写法", "## Good", "## 正确写法", "## When it warns and when it only informs", "## 何时警告，何时只提示", "## When to ignore", "## 何时可以忽略").Replace(note)
	return rule.Define(rule.Spec{
		ID: id, Severity: rule.Warning, Since: "v0.0.0", Fixes: true,
		Notes:    fstest.MapFS{"note.en.md": {Data: []byte(note)}, "note.zh.md": {Data: []byte(zh)}},
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for cur := range in.Root().Preorder((*ast.ExprStmt)(nil)) {
				st := cur.Node().(*ast.ExprStmt)
				call, ok := st.X.(*ast.CallExpr)
				if !ok {
					continue
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != fn {
					continue
				}
				pass.Report(analysis.Diagnostic{Pos: st.Pos(), End: st.End(), Message: "call of " + fn,
					SuggestedFixes: []analysis.SuggestedFix{{Message: "Fix it", TextEdits: []analysis.TextEdit{edit(st)}}}})
			}
			return nil
		},
	})
}

// module writes a module of the files (name → contents) into a new
// directory and returns it.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.22\n"
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loop returns a fixLoop over the module in dir with the registry's
// rules and extra.
func loop(t *testing.T, dir string, extra ...*rule.Rule) (*fixLoop, *bytes.Buffer) {
	t.Helper()
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	var stderr bytes.Buffer
	opts := &driver.Options{
		Dir: dir, Patterns: []string{"./..."},
		Selection: func(string) (*driver.Selection, error) {
			return &driver.Selection{Rules: all.Rules.With(extra...)}, nil
		},
	}
	return &fixLoop{wd: dir, stderr: &stderr, min: rule.Information, analyze: func() (*driver.Result, error) {
		return driver.Analyze(context.Background(), opts)
	}}, &stderr
}

func runLoop(t *testing.T, l *fixLoop) *driver.Result {
	t.Helper()
	res, err := l.analyze()
	if err != nil {
		t.Fatal(err)
	}
	if res, err = l.run(res); err != nil {
		t.Fatal(err)
	}
	return res
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

const clean = `package m

func mark() {}

func F() {
	mark()
}
`

// TestFixBreaksBuild: a round whose fixes break the build is undone and
// reported.
func TestFixBreaksBuild(t *testing.T) {
	dir := module(t, map[string]string{"a.go": clean})
	breaker := testRule(t, "test-breaker", "mark", func(st ast.Stmt) analysis.TextEdit {
		return analysis.TextEdit{Pos: st.Pos(), End: st.End(), NewText: []byte(`var _ int = "x"`)}
	})
	l, stderr := loop(t, dir, breaker)
	runLoop(t, l)
	if got := read(t, dir, "a.go"); got != clean {
		t.Errorf("a.go was left changed:\n%s", got)
	}
	if !l.bug || !strings.Contains(stderr.String(), "a.go broke the build, so they were undone") ||
		!strings.Contains(stderr.String(), "cannot use") {
		t.Errorf("bug %v, stderr:\n%s", l.bug, stderr)
	}
}

// TestFixCreatesFinding: a fix that creates a finding of another rule
// (here it returns with a mutex locked: a deadlock) is undone, and its
// file is fixed no more.
func TestFixCreatesFinding(t *testing.T) {
	src := `package m

import "sync"

var mu sync.Mutex

func mark()      {}
func done() bool { return false }

func F() {
	mu.Lock()
	mark()
	mu.Unlock()
}
`
	dir := module(t, map[string]string{"a.go": src})
	returner := testRule(t, "test-returner", "mark", func(st ast.Stmt) analysis.TextEdit {
		return analysis.TextEdit{Pos: st.Pos(), End: st.End(), NewText: []byte("if done() {\n\t\treturn\n\t}")}
	})
	l, stderr := loop(t, dir, returner)
	runLoop(t, l)
	if got := read(t, dir, "a.go"); got != src {
		t.Errorf("a.go was left changed:\n%s", got)
	}
	if !l.bug || !strings.Contains(stderr.String(), "they created the finding a.go:11:2: mu.Lock() is not unlocked") {
		t.Errorf("bug %v, stderr:\n%s", l.bug, stderr)
	}
}

// TestFixKeepsFinding: a fix whose finding is still there after it is
// undone (a second -fix would apply it again).
func TestFixKeepsFinding(t *testing.T) {
	dir := module(t, map[string]string{"a.go": clean})
	stubborn := testRule(t, "test-stubborn", "mark", func(st ast.Stmt) analysis.TextEdit {
		return analysis.TextEdit{Pos: st.End(), End: st.End(), NewText: []byte(" // still here")}
	})
	l, stderr := loop(t, dir, stubborn)
	runLoop(t, l)
	if got := read(t, dir, "a.go"); got != clean {
		t.Errorf("a.go was left changed:\n%s", got)
	}
	if !l.bug || !strings.Contains(stderr.String(), "they did not remove the finding a.go:6:2: call of mark (test-stubborn)") {
		t.Errorf("bug %v, stderr:\n%s", l.bug, stderr)
	}
}

// TestFixSkipsBrokenPackage: the files of a package that does not
// type-check are not rewritten; the others are, and a second run
// changes nothing.
func TestFixSkipsBrokenPackage(t *testing.T) {
	bad := "package bad\n\nfunc F(v any) string {\n\treturn v.(string) + undefined\n}\n"
	good := "package good\n\nfunc F(v any) (string, error) {\n\ts := v.(string)\n\treturn s, nil\n}\n"
	dir := module(t, map[string]string{"bad/bad.go": bad, "good/good.go": good})
	l, stderr := loop(t, dir)
	runLoop(t, l)
	if got := read(t, dir, "bad/bad.go"); got != bad {
		t.Errorf("bad/bad.go, which does not type-check, was rewritten:\n%s", got)
	}
	if got := read(t, dir, "good/good.go"); got == good || l.applied != 1 {
		t.Errorf("good/good.go not fixed (%d fixes applied):\n%s", l.applied, got)
	}
	if l.bug {
		t.Errorf("a bug reported:\n%s", stderr)
	}
	again, _ := loop(t, dir)
	runLoop(t, again)
	if again.applied != 0 || read(t, dir, "good/good.go") == good {
		t.Errorf("a second -fix applied %d fixes", again.applied)
	}
}

// TestFixUnloadable: when the module no longer loads after a round, the
// round is undone and the report says what was rewritten and what failed.
func TestFixUnloadable(t *testing.T) {
	good := "package good\n\nfunc F(v any) (string, error) {\n\ts := v.(string)\n\treturn s, nil\n}\n"
	dir := module(t, map[string]string{"good/good.go": good})
	l, stderr := loop(t, dir)
	calls := 0
	analyze := l.analyze
	l.analyze = func() (*driver.Result, error) {
		calls++
		if calls == 2 { // the reload after the first round
			return nil, errors.New("go: updates to go.mod needed")
		}
		return analyze()
	}
	runLoop(t, l)
	if got := read(t, dir, "good/good.go"); got != good {
		t.Errorf("good/good.go was left changed:\n%s", got)
	}
	if !l.bug || !strings.Contains(stderr.String(), "the fixes applied to good/good.go left the module unloadable, so they were undone:\n\tgo: updates to go.mod needed") {
		t.Errorf("bug %v, stderr:\n%s", l.bug, stderr)
	}
}

// TestFixKeepsCRLF: -fix on a file written with CRLF line ends adds
// lines that end in CRLF too, as -diff and the editor's fixes do.
func TestFixKeepsCRLF(t *testing.T) {
	src := strings.ReplaceAll("package m\n\nimport \"errors\"\n\nvar errX = errors.New(\"x\")\n\n"+
		"func F(v any) (string, error) {\n\ts := v.(string)\n\treturn s, errX\n}\n", "\n", "\r\n")
	dir := module(t, map[string]string{"a.go": src})
	l, stderr := loop(t, dir)
	runLoop(t, l)
	got := read(t, dir, "a.go")
	if l.applied == 0 || !strings.Contains(got, "if !ok {") {
		t.Fatalf("the assertion was not fixed (%d applied; stderr %s):\n%s", l.applied, stderr, got)
	}
	if i := strings.Index(strings.ReplaceAll(got, "\r\n", ""), "\n"); i >= 0 {
		t.Errorf("a line ends in LF alone:\n%q", got)
	}
}
