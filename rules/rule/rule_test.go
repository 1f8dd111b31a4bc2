package rule_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

const goodNote = "# Title\n\nSummary.\n\n## Why\n\nBecause.\n\n## Runtime error\n\n```text\npanic: boom\n```\n\n## Bad\n\n```go\nbad()\n```\n\n## Good\n\n```go\ngood()\n```\n\n## When it warns and when it only informs\n\nAlways.\n\n## When to ignore\n\nNever; //gopitfalls:ignore x reason.\n"

func TestParseNote(t *testing.T) {
	n, err := rule.ParseNote("en", goodNote)
	if err != nil {
		t.Fatal(err)
	}
	if n.Title != "Title" || n.Summary != "Summary." || n.Why != "Because." || n.Runtime != "panic: boom" ||
		n.Bad != "bad()" || n.Good != "good()" || !strings.HasPrefix(n.Ignore, "Never") {
		t.Errorf("parsed %+v", n)
	}
	zh := strings.NewReplacer("## Why", "## 为什么", "## Runtime error", "## 运行时报错", "## Bad", "## 错误写法",
		"## Good", "## 正确写法", "## When it warns and when it only informs", "## 何时警告，何时只提示", "## When to ignore", "## 何时可以忽略").Replace(goodNote)
	if _, err := rule.ParseNote("zh", zh); err != nil {
		t.Errorf("zh: %v", err)
	}
	for _, tc := range []struct{ name, src, want string }{
		{"no title", "Summary\n", "starts with a '# Title'"},
		{"unknown section", goodNote + "\n## Extra\n\nx\n", `unknown section "Extra"`},
		{"missing section", strings.Replace(goodNote, "## Why\n\nBecause.\n\n", "", 1), `missing or empty section "Why"`},
		{"no severity policy", strings.Replace(goodNote, "## When it warns and when it only informs\n\nAlways.\n\n", "", 1), `missing or empty section "When it warns and when it only informs"`},
		{"two blocks", strings.Replace(goodNote, "bad()\n```", "bad()\n```\n\n```go\nx\n```", 1), "exactly one fenced code block"},
		{"wrong tag", strings.Replace(goodNote, "```go\nbad()", "```python\nbad()", 1), `tagged "python"`},
		{"duplicate", goodNote + "\n## Why\n\nAgain.\n", "appears twice"},
		{"english headings in zh", goodNote, "unknown section"},
	} {
		lang := "en"
		if tc.name == "english headings in zh" {
			lang = "zh"
		}
		if _, err := rule.ParseNote(lang, tc.src); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	// The optional Kratos v2/v3 section, in either language.
	v2 := goodNote + "\n## Kratos v2/v3\n\nIn v2 it is `grpc.Dial`.\n"
	if n, err := rule.ParseNote("en", v2); err != nil || n.KratosV2 != "In v2 it is `grpc.Dial`." {
		t.Errorf("Kratos v2/v3 section: %+v, %v", n, err)
	}
	if n, err := rule.ParseNote("zh", zh+"\n## Kratos v2/v3\n\nv2 里是 `grpc.Dial`。\n"); err != nil || n.KratosV2 == "" {
		t.Errorf("zh Kratos v2/v3 section: %v", err)
	}
	if n, _ := rule.ParseNote("en", goodNote); n.KratosV2 != "" {
		t.Errorf("no Kratos v2/v3 section, yet %q", n.KratosV2)
	}
	// A "## " line inside a code block is code, not a section.
	code := strings.Replace(goodNote, "bad()", "bad()\n## not a heading", 1)
	if n, err := rule.ParseNote("en", code); err != nil || !strings.Contains(n.Bad, "## not a heading") {
		t.Errorf("heading-like line in code: %v", err)
	}
}

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		text    string
		ok      bool
		rules   []string
		linters []string
	}{
		{"//gopitfalls:ignore go-errgroup the loop is bounded", true, []string{"go-errgroup"}, nil},
		{"//gopitfalls:ignore go-errgroup,deadlock reason", true, []string{"go-errgroup", "deadlock"}, nil},
		{"//gopitfalls:ignore", false, nil, nil},
		{"//gopitfalls:ignoreall x", false, nil, nil},
		{"// gopitfalls:ignore x y", false, nil, nil},
		{"//nolint", true, nil, nil},
		{"//nolint // legacy", true, nil, nil},
		{"//nolint:gopitfalls", true, nil, nil},
		{"//nolint:errcheck,gopitfalls // why", true, nil, nil},
		{"//nolint:all", true, nil, nil},
		{"//nolint:errcheck", true, nil, []string{"errcheck"}},
		{"//nolint:errcheck,staticcheck // why", true, nil, []string{"errcheck", "staticcheck"}},
		{"//nolintx", false, nil, nil},
		{"// just a comment", false, nil, nil},
	} {
		d, ok := rule.ParseDirective(tc.text)
		if ok != tc.ok || strings.Join(d.Rules, ",") != strings.Join(tc.rules, ",") || strings.Join(d.Linters, ",") != strings.Join(tc.linters, ",") {
			t.Errorf("ParseDirective(%q) = %v, %v, %v; want %v, %v, %v", tc.text, d.Rules, d.Linters, ok, tc.rules, tc.linters, tc.ok)
		}
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []rule.Severity{rule.Off, rule.Hint, rule.Information, rule.Warning, rule.Error} {
		got, err := rule.ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := rule.ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) succeeded")
	}
	r := rule.Define(rule.Spec{ID: "x", Severity: rule.Warning, Notes: notes(), Run: func(*analysis.Pass, *rule.Options) error { return nil }})
	for _, tc := range []struct {
		configured, level, want rule.Severity
	}{
		{rule.Warning, rule.Warning, rule.Warning},
		{rule.Error, rule.Warning, rule.Error},
		{rule.Warning, rule.Information, rule.Information},
		{rule.Error, rule.Hint, rule.Hint},
		{rule.Hint, rule.Information, rule.Hint}, // the configuration lowers it further
	} {
		if got := r.Shown(tc.configured, tc.level); got != tc.want {
			t.Errorf("Shown(%v, %v) = %v, want %v", tc.configured, tc.level, got, tc.want)
		}
	}
}

// TestPolicy checks the severity policy: ReportAt lowers a diagnostic,
// _test.go files are capped at Spec.InTests and non-production packages
// at information; the levels are the Analyzer's result, and
// Options.MinSeverity drops what is below it.
func TestPolicy(t *testing.T) {
	r := rule.Define(rule.Spec{
		ID: "policy-rule", Severity: rule.Warning, InTests: rule.Hint, Since: "v0.1.0", Notes: notes(),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for n := range in.PreorderSeq((*ast.CallExpr)(nil)) {
				call := n.(*ast.CallExpr)
				id, ok := call.Fun.(*ast.Ident)
				if !ok {
					continue // the generated test main's calls
				}
				d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: id.Name}
				if id.Name == "quiet" {
					rule.ReportAt(pass, rule.Information, d)
					continue
				}
				pass.Report(d)
			}
			return nil
		},
	})
	levels := func(results []*analysistest.Result) map[string]rule.Severity {
		out := make(map[string]rule.Severity)
		for _, res := range results {
			lv, _ := res.Result.(*rule.Result)
			for i, d := range res.Diagnostics {
				posn := res.Pass.Fset.Position(d.Pos)
				out[fmt.Sprintf("%s:%s", filepath.Base(posn.Filename), d.Message)] = lv.At(i, rule.Off)
			}
		}
		return out
	}
	got := levels(analysistest.Run(t, analysistest.TestData(), r.Analyzer, "policy", "policy/examples/demo", "policy/footest", "policy/latest"))
	want := map[string]rule.Severity{
		"a.go:loud":      rule.Warning,
		"a.go:quiet":     rule.Information,
		"a_test.go:loud": rule.Hint,
		"demo.go:loud":   rule.Information,
		// Test helpers outside _test.go files (they take a *testing.T,
		// testing.TB or *testing.F) are test code.
		"helper.go:loud":  rule.Hint,
		"helper.go:loud2": rule.Hint,
		// A test-support package (httptest's convention) is capped at
		// information; a package merely named like one is not.
		"footest.go:loud": rule.Information,
		"latest.go:loud":  rule.Warning,
	}
	if !maps.Equal(got, want) {
		t.Errorf("levels %v, want %v", got, want)
	}

	// Under a driver that shows everything it gets, only warnings remain.
	rec := &recorder{}
	opts := rule.DefaultOptions()
	opts.MinSeverity = rule.Warning
	got = levels(analysistest.Run(rec, analysistest.TestData(), r.With(opts), "policy", "policy/examples/demo"))
	if want := map[string]rule.Severity{"a.go:loud": rule.Warning}; !maps.Equal(got, want) {
		t.Errorf("with MinSeverity warning: %v, want %v", got, want)
	}

	// A rule configured at information shows nothing there.
	opts.Severity = rule.Information
	got = levels(analysistest.Run(rec, analysistest.TestData(), r.With(opts), "policy", "policy/examples/demo"))
	if len(got) != 0 {
		t.Errorf("configured at information, with MinSeverity warning: %v, want nothing", got)
	}
	// Configured at error, what it reports at its own level still shows.
	opts.Severity = rule.Error
	got = levels(analysistest.Run(rec, analysistest.TestData(), r.With(opts), "policy", "policy/examples/demo"))
	if want := map[string]rule.Severity{"a.go:loud": rule.Warning}; !maps.Equal(got, want) {
		t.Errorf("configured at error, with MinSeverity warning: %v, want %v", got, want)
	}
	// The threshold judges a diagnostic at the severity it is shown at,
	// as check does: a rule configured below it is dropped whole, one
	// configured as error keeps its lower levels where they are.
	for _, tc := range []struct {
		configured, min rule.Severity
		want            []string
	}{
		{rule.Information, rule.Warning, nil},
		{rule.Information, rule.Information, []string{"a.go:loud", "a.go:quiet", "demo.go:loud"}},
		{rule.Error, rule.Warning, []string{"a.go:loud"}},
		{rule.Error, rule.Hint, []string{"a.go:loud", "a.go:quiet", "a_test.go:loud", "demo.go:loud", "helper.go:loud", "helper.go:loud2"}},
	} {
		opts := rule.DefaultOptions()
		opts.MinSeverity = tc.min
		opts.Severity = tc.configured
		got := slices.Sorted(maps.Keys(levels(analysistest.Run(&recorder{}, analysistest.TestData(), r.With(opts), "policy", "policy/examples/demo"))))
		if !slices.Equal(got, tc.want) {
			t.Errorf("configured %v, MinSeverity %v: %v, want %v", tc.configured, tc.min, got, tc.want)
		}
	}
}

// TestLang checks that an Analyzer made for Options.Lang "zh" reports
// the messages, fix titles and related messages its rule said through
// rule.Say in Chinese, one for the default in English, and that the
// rule's Result records what it said for any driver to show.
func TestLang(t *testing.T) {
	var (
		msgCall    = rule.M("call of %s (%s)", "调用了 %[1]s（%[2]s）")
		msgLoud    = rule.M("loud", "大声的")
		msgRemove  = rule.M("Remove the call", "删掉这个调用")
		msgCallee  = rule.M("%s is declared here", "%s 在这里声明")
		msgUnknown = "unsaid %s"
	)
	r := rule.Define(rule.Spec{
		ID: "lang-rule", Severity: rule.Warning, Since: "v0.1.0", Notes: notes(),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for n := range in.PreorderSeq((*ast.CallExpr)(nil)) {
				id, ok := n.(*ast.CallExpr).Fun.(*ast.Ident)
				if !ok {
					continue // the generated test main's calls
				}
				if id.Name != "loud" {
					// Not said through Say: shown as it is.
					pass.Report(analysis.Diagnostic{Pos: n.Pos(), Message: fmt.Sprintf(msgUnknown, id.Name)})
					continue
				}
				pass.Report(analysis.Diagnostic{Pos: n.Pos(), Message: rule.Say(pass, msgCall.With(id.Name, msgLoud.With())),
					SuggestedFixes: []analysis.SuggestedFix{{Message: rule.Say(pass, msgRemove.With())}},
					Related:        []analysis.RelatedInformation{{Pos: n.Pos(), Message: rule.Say(pass, msgCallee.With(id.Name))}}})
			}
			return nil
		},
	})
	texts := func(a *analysis.Analyzer) []string {
		var out []string
		for _, res := range analysistest.Run(&recorder{}, analysistest.TestData(), a, "policy") {
			for _, d := range res.Diagnostics {
				text := d.Message
				for _, f := range d.SuggestedFixes {
					text += " / " + f.Message
				}
				for _, rel := range d.Related {
					text += " / " + rel.Message
				}
				out = append(out, text)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	const en, zh = "call of loud (loud) / Remove the call / loud is declared here", "调用了 loud（大声的） / 删掉这个调用 / loud 在这里声明"
	if got := texts(r.Analyzer); !slices.Contains(got, en) || !slices.Contains(got, "unsaid quiet") {
		t.Errorf("default options: %q, want English", got)
	}
	opts := rule.DefaultOptions()
	opts.Lang = "zh"
	if got := texts(r.With(opts)); !slices.Contains(got, zh) || slices.Contains(got, en) || !slices.Contains(got, "unsaid quiet") {
		t.Errorf("Lang zh: %q, want Chinese where the rule said it through Say", got)
	}

	// The default Analyzer reports English, and its Result says it in
	// either language.
	for _, res := range analysistest.Run(&recorder{}, analysistest.TestData(), r.Analyzer, "policy") {
		rr := res.Result.(*rule.Result)
		for i, d := range res.Diagnostics {
			said := rr.SaidAt(i)
			if strings.HasPrefix(d.Message, "unsaid ") {
				if said.Knows(d.Message) || said.In("zh", d.Message) != d.Message {
					t.Errorf("a message not said through Say is known: %q", said.In("zh", d.Message))
				}
				continue
			}
			if !said.Knows(d.Message) || !said.Knows(d.SuggestedFixes[0].Message) || !said.Knows(d.Related[0].Message) {
				t.Errorf("%q: the Result does not know what the rule said", d.Message)
			}
			got := said.In("zh", d.Message) + " / " + said.In("zh", d.SuggestedFixes[0].Message) + " / " + said.In("zh", d.Related[0].Message)
			if got != zh {
				t.Errorf("Said in zh: %q, want %q", got, zh)
			}
			if said.In("en", d.Message) != d.Message {
				t.Errorf("Said in en: %q, want %q", said.In("en", d.Message), d.Message)
			}
		}
	}
}

func TestNonProduction(t *testing.T) {
	for _, tc := range []struct {
		path, module string
		want         bool
	}{
		{"github.com/go-kratos/kratos/pkg/net/rpc/warden/internal/benchmark/bench/client", "", true},
		{"github.com/go-kratos/kratos/pkg/net/rpc/warden/internal/benchmark/bench/client", "github.com/go-kratos/kratos", true},
		{"github.com/go-kratos/kratos/pkg/conf/paladin/apollo/internal/mockserver", "", true},
		{"example.com/svc/examples/hello", "", true},
		{"example.com/svc/examples/hello", "example.com/svc", true},
		{"example.com/svc/_example", "", true},
		{"example.com/svc/internal/mock", "", true},
		{"github.com/go-kratos/examples/blog", "github.com/go-kratos/examples", true},
		{"example.com/svc/cmd/server", "", false},
		{"github.com/go-kratos/kratos/tool/testgen", "", false},
		{"example.com/svc/internal/exampleservice", "", false},
		{"example.com/svc/internal/dao", "", false},
		{"github.com/prometheus/alertmanager/notify/test", "github.com/prometheus/alertmanager", true},
		{"github.com/go-kratos/kratos/pkg/testing/lich", "github.com/go-kratos/kratos", true},
		{"go.etcd.io/etcd/server/v3/storage/wal/testing", "go.etcd.io/etcd/server/v3", true},
		{"example.com/svc/internal/testament", "", false},
		{"example.com/svc/internal/attest", "", false},
		// The owner of a module is no folder of it.
		{"github.com/example/account/internal/dao", "github.com/example/account", false},
		{"github.com/example/account", "github.com/example/account", false},
		{"github.com/mock/svc/internal/dao", "github.com/mock/svc", false},
		{"github.com/testing/svc/internal/dao", "github.com/testing/svc", false},
	} {
		if got := rule.NonProduction(tc.path, tc.module, nil); got != tc.want {
			t.Errorf("NonProduction(%q, %q) = %v, want %v", tc.path, tc.module, got, tc.want)
		}
	}
}

func TestNames(t *testing.T) {
	if got := rule.Name("use-before-err-check"); got != "use_before_err_check" {
		t.Errorf("Name = %q", got)
	}
	if got := rule.ID("use_before_err_check"); got != "use-before-err-check" {
		t.Errorf("ID = %q", got)
	}
}

func notes() fstest.MapFS {
	zh := strings.NewReplacer("# Title", "# 标题", "Because.", "因为。", "## Why", "## 为什么", "## Runtime error", "## 运行时报错", "## Bad", "## 错误写法",
		"## Good", "## 正确写法", "## When it warns and when it only informs", "## 何时警告，何时只提示", "## When to ignore", "## 何时可以忽略").Replace(goodNote)
	return fstest.MapFS{
		"note.en.md": {Data: []byte(goodNote)},
		"note.zh.md": {Data: []byte(zh)},
	}
}

// TestWrapper runs a rule that reports every call and panics on a call
// of boom: the panic becomes the pass's error, and suppression comments
// and generated files silence reports.
func TestWrapper(t *testing.T) {
	r := rule.Define(rule.Spec{
		ID: "test-rule", Severity: rule.Warning, Since: "v0.1.0", Notes: notes(),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for n := range in.PreorderSeq((*ast.CallExpr)(nil)) {
				call := n.(*ast.CallExpr)
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "boom" {
					panic("boom")
				}
				pass.Reportf(call.Pos(), "call")
			}
			return nil
		},
	})
	if r.Analyzer.Name != "test_rule" || !strings.HasPrefix(r.Analyzer.Doc, "Title") {
		t.Errorf("analyzer %q, doc %q", r.Analyzer.Name, r.Analyzer.Doc)
	}
	results := analysistest.Run(t, analysistest.TestData(), r.Analyzer, "suppress")
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if d.URL != r.Analyzer.URL {
				t.Errorf("diagnostic URL %q, want the analyzer's %q", d.URL, r.Analyzer.URL)
			}
		}
	}

	rec := &recorder{}
	results = analysistest.Run(rec, analysistest.TestData(), r.Analyzer, "panics")
	var pe *rule.PanicError
	if len(results) != 1 || !errors.As(results[0].Err, &pe) || pe.Rule != "test-rule" || pe.Value != "boom" || len(pe.Stack) == 0 {
		t.Errorf("a panicking rule gave %v, want a *rule.PanicError", results[0].Err)
	}
}

// TestNolintAlias checks that a //nolint comment naming a linter the rule
// names in Spec.Nolint silences the rule, and one naming another linter
// does not.
func TestNolintAlias(t *testing.T) {
	r := rule.Define(rule.Spec{
		ID: "alias-rule", Severity: rule.Warning, Since: "v0.1.0", Notes: notes(),
		Nolint:   []string{"errcheck"},
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for n := range in.PreorderSeq((*ast.CallExpr)(nil)) {
				pass.Reportf(n.Pos(), "call")
			}
			return nil
		},
	})
	analysistest.Run(t, analysistest.TestData(), r.Analyzer, "nolint")
}

type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) { r.errs = append(r.errs, format) }

func TestDefineRejectsBadSpecs(t *testing.T) {
	for name, spec := range map[string]rule.Spec{
		"bad id":        {ID: "Bad_ID", Severity: rule.Warning, Notes: notes()},
		"error default": {ID: "x", Severity: rule.Error, Notes: notes()},
		"no notes":      {ID: "x", Severity: rule.Warning, Notes: fstest.MapFS{}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Define did not panic", name)
				}
			}()
			rule.Define(spec)
		}()
	}
}

func TestOptions(t *testing.T) {
	o := rule.DefaultOptions()
	for path, want := range map[string]bool{
		"github.com/go-kratos/kratos/pkg/net/rpc/warden":             true,
		"github.com/bilibili/kratos/pkg/net/rpc/warden":              true,
		"go-common/library/net/rpc/warden":                           true,
		"github.com/go-kratos/kratos/v2/transport/grpc":              false,
		"github.com/go-kratos/kratos/pkg/net/rpc/warden/x":           false,
		"example.com/github.com/go-kratos/kratos/pkg/net/rpc/warden": false,
	} {
		if got := o.FrameworkPackage(path, "net/rpc/warden"); got != want {
			t.Errorf("FrameworkPackage(%q) = %v", path, got)
		}
	}
	for _, tc := range []struct {
		path, rel string
		want      bool
	}{
		{"github.com/go-kratos/kratos/v2/transport/grpc", "transport/grpc", true},
		{"github.com/go-kratos/kratos/v3/transport/grpc", "transport/grpc", true},
		{"github.com/go-kratos/kratos/v2", "", true},
		{"github.com/go-kratos/kratos/v3", "", true},
		{"github.com/go-kratos/kratos/v2/transport/grpc/resolver", "transport/grpc", false},
		{"github.com/go-kratos/kratos/pkg/net/rpc/warden", "net/rpc/warden", false},
		{"github.com/go-kratos/kratos/v2/pkg/net/rpc/warden", "transport/grpc", false},
		{"github.com/go-kratos/kratos", "", false},
	} {
		if got := o.KratosV2Package(tc.path, tc.rel); got != tc.want {
			t.Errorf("KratosV2Package(%q, %q) = %v", tc.path, tc.rel, got)
		}
	}
	if o.FrameworkPackage("github.com/go-kratos/kratos/v2/log", "log") {
		t.Errorf("a v2 package matched as a v0.x framework package")
	}
}

// TestReadFileOnce checks that a rule reading a file once per finding
// reads it from the driver once.
func TestReadFileOnce(t *testing.T) {
	r := rule.Define(rule.Spec{
		ID: "read-rule", Severity: rule.Warning, Notes: notes(),
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			for range 3 {
				if data, err := pass.ReadFile("a.go"); err != nil || string(data) != "package a\n" {
					t.Errorf("ReadFile = %q, %v", data, err)
				}
			}
			if _, err := pass.ReadFile("missing.go"); err == nil {
				t.Error("ReadFile of a missing file succeeded")
			}
			return nil
		},
	})
	reads := make(map[string]int)
	pass := &analysis.Pass{
		Analyzer: r.Analyzer,
		Pkg:      types.NewPackage("a", "a"),
		Report:   func(analysis.Diagnostic) {},
		ReadFile: func(name string) ([]byte, error) {
			reads[name]++
			if name != "a.go" {
				return nil, fs.ErrNotExist
			}
			return []byte("package a\n"), nil
		},
	}
	if _, err := r.Analyzer.Run(pass); err != nil {
		t.Fatal(err)
	}
	if reads["a.go"] != 1 {
		t.Errorf("a.go read %d times, want once", reads["a.go"])
	}
}

// TestIsGenerated checks the generated files the framework's generators
// write, whose header may have been edited away.
func TestIsGenerated(t *testing.T) {
	for name, want := range map[string]bool{
		"dao.bts.go":       true,
		"user.bts.go":      true,
		"mc.cache.go":      true,
		"dao.cache.go":     true,
		"account.mc.go":    true,
		"cache.go":         false,
		"dao.go":           false,
		"bts.go":           false,
		"mc.cache_test.go": false,
	} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "/m/dao/"+name, "package dao\n", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := rule.IsGenerated(fset, f); got != want {
			t.Errorf("IsGenerated(%s) = %v, want %v", name, got, want)
		}
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "/m/dao/dao.go", "// Code generated by protoc-gen-go. DO NOT EDIT.\n\npackage dao\n", parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if !rule.IsGenerated(fset, f) {
		t.Error("a file with the standard header is not generated")
	}
}

func TestMsg(t *testing.T) {
	part := rule.M("the lock %s", "锁 %s")
	m := rule.M("%s holds %s at line %d", "第 %[3]d 行，%[1]s 拿着 %[2]s")
	txt := m.With("f", part.With("mu"), 7)
	if got, want := txt.String(), "f holds the lock mu at line 7"; got != want {
		t.Errorf("English: got %q, want %q", got, want)
	}
	if got, want := txt.In("zh"), "第 7 行，f 拿着 锁 mu"; got != want {
		t.Errorf("Chinese: got %q, want %q", got, want)
	}
	pct := rule.M("100%% sure: %q", "百分之百：%q")
	if got, want := pct.With("x").In("zh"), `百分之百："x"`; got != want {
		t.Errorf("a percent sign: got %q, want %q", got, want)
	}
	for _, bad := range [][2]string{
		{"%s and %s", ""},                    // no Chinese
		{"%[2]s and %[1]s", "%s 和 %s"},       // English reorders
		{"%s at line %d", "第 %[2]s 行 %[1]s"}, // verb differs
		{"%s", "%[2]s"},                      // no such argument
		{"%s in %s", "%[1]s 里"},              // an argument is missing
		{"%s in %s", "%s 里"},                 // an argument is missing
		{"%t", "%t"},                         // a verb a message does not use
		{"%5d", "%5d"},                       // a width
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("M(%q, %q) did not panic", bad[0], bad[1])
				}
			}()
			rule.M(bad[0], bad[1])
		}()
	}
}

// TestTentatively: what a rule reports and gives up on while it runs
// Tentatively counts, with the severity asked, when the run is kept, and
// is gone when it is dropped; outside a rule's pass nothing is held.
func TestTentatively(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\nfunc F() {}\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []bool{true, false} {
		r := rule.Define(rule.Spec{
			ID: "test-rule", Severity: rule.Warning, Since: "v0.1.0", Notes: notes(),
			Run: func(pass *analysis.Pass, _ *rule.Options) error {
				held := rule.Tentatively(pass, func() bool {
					rule.ReportAt(pass, rule.Information, analysis.Diagnostic{Pos: f.Name.Pos(), Message: "tentative"})
					rule.GiveUp(pass, f.Name.Pos(), "too large")
					return keep
				})
				if !held {
					t.Error("a rule's pass could not hold its findings")
				}
				pass.Reportf(f.Name.Pos(), "after")
				return nil
			},
		})
		var found []string
		pass := &analysis.Pass{
			Analyzer: r.Analyzer, Fset: fset, Files: []*ast.File{f}, Pkg: pkg,
			ResultOf: map[*analysis.Analyzer]any{rule.FocusAnalyzer: (*rule.Focus)(nil)},
			Report:   func(d analysis.Diagnostic) { found = append(found, d.Message) },
		}
		out, err := r.Analyzer.Run(pass)
		if err != nil {
			t.Fatal(err)
		}
		res := out.(*rule.Result)
		wantFound, wantLevels, wantSkips := []string{"after"}, []rule.Severity{rule.Warning}, 0
		if keep {
			wantFound, wantLevels, wantSkips = []string{"tentative", "after"}, []rule.Severity{rule.Information, rule.Warning}, 1
		}
		if !slices.Equal(found, wantFound) || !slices.Equal(res.Levels, wantLevels) || len(res.GaveUp()) != wantSkips {
			t.Errorf("keep=%v: findings %v at %v, %d places given up; want %v at %v, %d", keep, found, res.Levels, len(res.GaveUp()), wantFound, wantLevels, wantSkips)
		}
	}
	if rule.Tentatively(&analysis.Pass{}, func() bool { t.Error("ran outside a rule's pass"); return true }) {
		t.Error("Tentatively held findings outside a rule's pass")
	}
}
