package server_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/server"
	"github.com/gopitfalls/gopitfalls/server/features"
	"github.com/gopitfalls/gopitfalls/server/internal/lspclient"
	"github.com/gopitfalls/gopitfalls/server/protocol"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// testRule defines a rule outside the registry, which tests hand the
// server beside the registry's.
func testRule(id string, run func(*analysis.Pass, *inspector.Inspector)) *rule.Rule {
	const note = "# Test rule\n\nSummary.\n\n## Why\n\nWhy.\n\n## Bad\n\n```go\nbad()\n```\n\n## Good\n\n```go\ngood()\n```\n\n## When it warns and when it only informs\n\nAlways.\n\n## When to ignore\n\nNever.\n"
	zh := strings.NewReplacer("## Why", "## 为什么", "## Bad", "## 错误写法", "## Good", "## 正确写法", "## When it warns and when it only informs", "## 何时警告，何时只提示", "## When to ignore", "## 何时可以忽略").Replace(note)
	return rule.Define(rule.Spec{
		ID: id, Severity: rule.Warning, Since: "v0.0.0", Syntax: true,
		Notes:    fstest.MapFS{"note.en.md": {Data: []byte(note)}, "note.zh.md": {Data: []byte(zh)}},
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass, _ *rule.Options) error {
			run(pass, pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
			return nil
		},
	})
}

// openBasic initializes a client on the basic fixture and opens a file
// of it (with text instead of its contents, if not empty), returning the
// URI, the text and the first diagnostics.
func openBasic(t *testing.T, c *lspclient.Client, rel, text, locale string, initOpts any) (protocol.DocumentURI, string, protocol.PublishDiagnosticsParams) {
	t.Helper()
	ctx := ctxFor(t)
	root := fixture(t, "basic")
	if _, err := c.Initialize(ctx, root, locale, initOpts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	if text == "" {
		src, _ := os.ReadFile(path)
		text = string(src)
	}
	uri, err := c.Open(ctx, path, text)
	if err != nil {
		t.Fatal(err)
	}
	pub, _, err := c.Diagnostics(ctx, uri, version(1), 0)
	if err != nil {
		t.Fatal(err)
	}
	return uri, text, pub
}

// TestBadInput sends what a broken client might: bytes that are not
// JSON, a message that is neither request nor response, a bad header, an
// unknown request and an unknown notification. Each gets an error or is
// ignored, and the server goes on answering.
// TestCancellation cancels a hover that waits for a slow analysis.
// TestPanickingRule runs a rule that panics next to the registry's: the
// server logs it, keeps running and publishes the other rules' findings.
// TestBrokenCode checks that a syntax error, a type error and a
// half-typed line leave the other findings in place.
func TestConfigChange(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	uri, _, pub := openBasic(t, c, "svc/svc.go", "", "en", nil)
	if pub.Diagnostics[0].Severity != protocol.SeverityWarning || !strings.HasSuffix(pub.Diagnostics[0].CodeDescription.Href, "note.en.md") {
		t.Fatalf("first diagnostics %+v", pub.Diagnostics[0])
	}
	n := c.Published(uri)
	c.SetSettings(map[string]any{"gopitfalls": map[string]any{"language": "zh", "rules": map[string]string{"unchecked-type-assertion": "error"}}})
	c.Conn.Notify(ctx, "workspace/didChangeConfiguration", map[string]any{"settings": nil})
	_, n, err := c.DiagnosticsWhere(ctx, uri, n, "errors linking to the Chinese note", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 3 && p.Diagnostics[0].Severity == protocol.SeverityError && strings.HasSuffix(p.Diagnostics[0].CodeDescription.Href, "note.zh.md")
	})
	if err != nil {
		t.Fatal(err)
	}
	c.SetSettings(map[string]any{"gopitfalls": map[string]any{"rules": map[string]string{"unchecked-type-assertion": "off", "no-such-rule": "error"}}})
	c.Conn.Notify(ctx, "workspace/didChangeConfiguration", map[string]any{"settings": nil})
	if _, _, err = c.DiagnosticsWhere(ctx, uri, n, "an empty list", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 0
	}); err != nil {
		t.Errorf("rule turned off: %v", err)
	}
	if err := c.WaitFor(ctx, "a message about the unknown rule", func() bool {
		return len(c.ShownLocked()) > 0
	}); err != nil || !strings.Contains(c.Shown()[0].Message, "no-such-rule") {
		t.Errorf("shown %v, want a message about no-such-rule", c.Shown())
	}
}

// apply applies a code action to text, sends the change and returns the
// new text and diagnostics.
func apply(t *testing.T, c *lspclient.Client, uri protocol.DocumentURI, text string, a protocol.CodeAction, v int32) (string, protocol.PublishDiagnosticsParams) {
	t.Helper()
	ctx := ctxFor(t)
	out, changes, err := lspclient.ApplyEdit(text, uri, a.Edit)
	if err != nil {
		t.Fatal(err)
	}
	n := c.Published(uri)
	if err := c.Change(ctx, uri, v, changes...); err != nil {
		t.Fatal(err)
	}
	pub, _, err := c.Diagnostics(ctx, uri, version(v), n)
	if err != nil {
		t.Fatal(err)
	}
	return out, pub
}

func TestIgnoreAction(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{})
	uri, text, pub := openBasic(t, c, "svc/svc.go", "", "en", nil)
	d := pub.Diagnostics[0] // ctx.Value(key{}).(int64), a line with a Chinese comment
	actions := codeActions(t, ctxFor(t), c, uri, d.Range, []protocol.Diagnostic{d}, protocol.QuickFix)
	var ignore *protocol.CodeAction
	for i, a := range actions {
		if a.Title == "Ignore unchecked-type-assertion on this line" {
			ignore = &actions[i]
		}
	}
	if ignore == nil {
		t.Fatalf("no ignore action in %+v", actions)
	}
	out, pub := apply(t, c, uri, text, *ignore, 2)
	golden(t, "svc.go.ignore", out)
	if len(pub.Diagnostics) != 2 {
		t.Errorf("after ignoring: %d diagnostics, want 2", len(pub.Diagnostics))
	}
}

func TestFixAll(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{})
	uri, text, pub := openBasic(t, c, "svc/svc.go", "", "zh-CN", nil)
	whole := protocol.Range{End: protocol.Position{Line: 100}}
	if got := codeActions(t, ctxFor(t), c, uri, whole, nil, protocol.QuickFix); len(got) == 0 || got[0].Kind != protocol.QuickFix {
		t.Errorf("only quickfix: %+v", got)
	}
	actions := codeActions(t, ctxFor(t), c, uri, whole, nil, protocol.SourceFixAll)
	if len(actions) != 1 || actions[0].Kind != protocol.SourceFixAllPitfall || actions[0].Title != "修复本文件中 gopitfalls 的全部问题" {
		t.Fatalf("fixAll actions %+v", actions)
	}
	out, pub := apply(t, c, uri, text, actions[0], 2)
	golden(t, "svc.go.fixall", out)
	if len(pub.Diagnostics) != 1 {
		t.Errorf("after fixing all: %d diagnostics, want the one without a fix", len(pub.Diagnostics))
	}
}

func TestKnowledgeHovers(t *testing.T) {
	topics := func(id, lang string) (features.Topic, bool) {
		if id == "interfaces" {
			return features.Topic{Title: "Interfaces", Summary: "Go interfaces are implicit. More text.", URL: "https://example.com/interfaces"}, true
		}
		return features.Topic{}, false
	}
	c, _, _ := startInProcess(t, server.Options{Topics: topics})
	ctx := ctxFor(t)
	uri, text, _ := openBasic(t, c, "app/app.go", "", "en", nil)
	at := func(needle string, delta int) protocol.Position {
		line, l := lineOf(t, text, needle)
		return protocol.Position{Line: line, Character: utf16Col(l, needle) + uint32(delta)}
	}
	for _, tc := range []struct {
		name string
		pos  protocol.Position
		want string
	}{
		{"go statement", at("go func", 1), "`go` statement"},
		{"x/sync errgroup", at("errgroup.WithContext", len("errgroup.")), "golang.org/x/sync/errgroup"},
		{"kratos errgroup by import path", at("kerr.WithContext", len("kerr.")), "never cancels"},
		{"kratos Group.Go method", at("kg.Go", len("kg.")), "recovers panics"},
		{"paladin", at("paladin.Init", len("paladin.")), "flag.Parse()"},
		{"nothing to teach", at("return err", 0), ""},
	} {
		got := hover(t, ctx, c, uri, tc.pos)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: hover %q, want %q", tc.name, got, tc.want)
		}
	}
	other := fixture(t, "basic", "svc", "other.go")
	ouri, _ := c.Open(ctx, other, "")
	src, _ := os.ReadFile(other)
	line, l := lineOf(t, string(src), "interface {")
	if got := hover(t, ctx, c, ouri, protocol.Position{Line: line, Character: utf16Col(l, "interface")}); !strings.Contains(got, "duck typing") || !strings.Contains(got, "https://example.com/interfaces") {
		t.Errorf("interface hover %q, want the knowledge and the topic", got)
	}
}

func TestWorkspaceScope(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{})
	c.SetSettings(map[string]any{"gopitfalls": map[string]any{"diagnosticsScope": "workspace"}})
	ctx := ctxFor(t)
	openBasic(t, c, "app/app.go", "", "en", nil)
	other := protocol.URIFromPath(fixture(t, "basic", "svc", "other.go"))
	pub, _, err := c.Diagnostics(ctx, other, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pub.Diagnostics) != 1 || pub.Version != nil {
		t.Errorf("diagnostics of a file that is not open: %+v", pub)
	}
	if err := c.WaitFor(ctx, "progress end", func() bool {
		for _, p := range c.ProgressLocked() {
			if m, ok := p.Value.(map[string]any); ok && m["kind"] == "end" {
				return true
			}
		}
		return false
	}); err != nil {
		t.Error(err)
	}
	// Back to open files: the file's diagnostics are cleared.
	n := c.Published(other)
	c.SetSettings(map[string]any{"gopitfalls": map[string]any{}})
	c.Conn.Notify(ctx, "workspace/didChangeConfiguration", map[string]any{"settings": nil})
	if _, _, err := c.DiagnosticsWhere(ctx, other, n, "cleared diagnostics", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 0
	}); err != nil {
		t.Errorf("after leaving workspace scope: %v", err)
	}
}

// TestScanYieldsToEdits holds the workspace scan inside package svc and
// edits another file meanwhile: the edit's diagnostics come at once, the
// scan gives svc up and analyses it again after the edit, and finishes.
func TestScanYieldsToEdits(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	gate := testRule("test-gate", func(pass *analysis.Pass, _ *inspector.Inspector) {
		if pass.Pkg.Name() == "svc" {
			once.Do(func() {
				close(entered)
				<-release
			})
		}
	})
	c, logs, _ := startInProcess(t, server.Options{Rules: all.Rules.With(gate)})
	c.SetSettings(map[string]any{"gopitfalls": map[string]any{"diagnosticsScope": "workspace"}})
	ctx := ctxFor(t)
	uri, text, _ := openBasic(t, c, "queue/queue.go", "", "en", nil)
	select {
	case <-entered:
	case <-ctx.Done():
		t.Fatal("the scan never reached package svc")
	}
	n := c.Published(uri)
	c.Change(ctx, uri, 2, protocol.TextDocumentContentChangeEvent{Text: text + "\nfunc added() {}\n"})
	if _, _, err := c.Diagnostics(ctx, uri, version(2), n); err != nil {
		t.Fatalf("the edit waited for the scan: %v", err)
	}
	close(release)
	if err := c.WaitFor(ctx, "progress end", func() bool {
		for _, p := range c.ProgressLocked() {
			if m, ok := p.Value.(map[string]any); ok && m["kind"] == "end" {
				return m["message"] != "cancelled"
			}
		}
		return false
	}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "scan yields to an edit") {
		t.Error("the scan did not give package svc up for the edit")
	}
	other := protocol.URIFromPath(fixture(t, "basic", "svc", "other.go"))
	if pub, _, err := c.Diagnostics(ctx, other, nil, 0); err != nil || len(pub.Diagnostics) != 1 {
		t.Errorf("svc/other.go after the scan: %+v, %v; want its one diagnostic", pub, err)
	}
}

func TestFrameworkHovers(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	uri, text, _ := openBasic(t, c, "queue/queue.go", "", "zh-CN", nil)
	at := func(needle string, delta int) protocol.Position {
		line, l := lineOf(t, text, needle)
		return protocol.Position{Line: line, Character: utf16Col(l, needle) + uint32(delta)}
	}
	for _, tc := range []struct {
		name string
		pos  protocol.Position
		want string
	}{
		{"warden NewClient", at("rpc.NewClient", len("rpc.")), "discovery://default/"},
		{"warden Dial", at("client.Dial", len("client.")), "context deadline exceeded"},
		{"databus Messages", at("d.Messages", len("d.")), "Close()"},
		{"databus Send", at("d.Send", len("d.")), "异步"},
		{"databus Commit", at("msg.Commit", len("msg.")), "offset"},
	} {
		if got := hover(t, ctx, c, uri, tc.pos); !strings.Contains(got, tc.want) {
			t.Errorf("%s: hover %q, want %q", tc.name, got, tc.want)
		}
	}
	// Framework packages are where the configuration says they are.
	c.SetSettings(map[string]any{"gopitfalls": map[string]any{"frameworkImportPrefixes": []string{"go-common/library/"}}})
	c.Conn.Notify(ctx, "workspace/didChangeConfiguration", map[string]any{"settings": nil})
	for i := 0; ; i++ {
		kratos := hover(t, ctx, c, uri, at("rpc.NewClient", len("rpc.")))
		gocommon := hover(t, ctx, c, uri, at("d.Send", len("d.")))
		if kratos == "" && gocommon != "" {
			break
		}
		if i == 50 {
			t.Fatalf("with only go-common as the framework: kratos hover %q, go-common hover %q", kratos, gocommon)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestKafkaSubscribeHover checks the hover on a kratos-transport Subscribe,
// found by import path under a local package name, in both languages.
func TestKafkaSubscribeHover(t *testing.T) {
	for lang, want := range map[string]string{"en": "random group", "zh-CN": "随机生成一个 group"} {
		c, _, _ := startInProcess(t, server.Options{})
		ctx := ctxFor(t)
		uri, text, _ := openBasic(t, c, "events/events.go", "", lang, nil)
		line, l := lineOf(t, text, "b.Subscribe")
		if got := hover(t, ctx, c, uri, protocol.Position{Line: line, Character: utf16Col(l, "b.Subscribe") + 2}); !strings.Contains(got, want) || !strings.Contains(got, "recover") {
			t.Errorf("%s: Subscribe hover %q, want %q and the handler's missing recover", lang, got, want)
		}
	}
}

// TestNewImport adds an import that the loaded metadata does not have:
// the server loads it and analyses again with its types.
func TestNewImport(t *testing.T) {
	c, logs, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	uri, text, _ := openBasic(t, c, "svc/other.go", "", "en", nil)
	text = strings.Replace(text, "package svc\n", "package svc\n\nimport \"go/ast\"\n\nfunc ident(n ast.Node) (*ast.Ident, error) {\n\tid := n.(*ast.Ident)\n\treturn id, nil\n}\n", 1)
	n := c.Published(uri)
	c.Change(ctx, uri, 2, protocol.TextDocumentContentChangeEvent{Text: text})
	if _, _, err := c.Diagnostics(ctx, uri, version(2), n); err != nil {
		t.Fatal(err)
	}
	// Once go/ast is loaded the assertion has types, and so a fix.
	line, _ := lineOf(t, text, "n.(*ast.Ident)")
	if err := c.WaitFor(ctx, "go/ast loaded", func() bool { return strings.Contains(logs.String(), "patterns=[go/ast]") }); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		actions := codeActions(t, ctx, c, uri, protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line, Character: 30}}, nil)
		if len(actions) == 3 && strings.Contains(actions[0].Title, "return an error") {
			break
		}
		if i == 50 {
			t.Fatalf("actions %+v, want the fix that needs go/ast's types", actions)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestHugeFile opens a file too large to analyse: its diagnostics are
// empty, its text is kept, and the server goes on.
// TestWatchedFiles changes go.mod on disk (as a client's watcher reports
// it): the server reloads the packages and analyses the open files again.
func TestWatchedFiles(t *testing.T) {
	c, logs, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	uri, _, _ := openBasic(t, c, "svc/svc.go", "", "en", nil)
	if err := c.WaitFor(ctx, "registration", func() bool { return slices.Contains(c.RequestsLocked(), "client/registerCapability") }); err != nil {
		t.Fatal(err)
	}
	n := c.Published(uri)
	c.Conn.Notify(ctx, "workspace/didChangeWatchedFiles", protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: protocol.URIFromPath(fixture(t, "basic", "go.mod")), Type: protocol.FileChanged},
	}})
	if _, _, err := c.Diagnostics(ctx, uri, version(1), n); err != nil {
		t.Fatal(err)
	}
	if strings.Count(logs.String(), "loaded packages") < 2 {
		t.Errorf("go.mod changed but the packages were not loaded again")
	}
}

// TestLoadFailure makes the go command fail: the open file still gets
// the findings the syntax shows, and the failure is in the client's log.
// TestConfigFile reads .gopitfalls.yaml, with the editor's settings over
// it, and shows a broken one to the user.
func TestConfigFile(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	root := fixture(t, "configured")
	if _, err := c.Initialize(ctx, root, "en", nil); err != nil {
		t.Fatal(err)
	}
	uri, _ := c.Open(ctx, filepath.Join(root, "p", "p.go"), "")
	if _, _, err := c.DiagnosticsWhere(ctx, uri, 0, "information linking to the Chinese note", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 1 && p.Diagnostics[0].Severity == protocol.SeverityInformation &&
			strings.HasSuffix(p.Diagnostics[0].CodeDescription.Href, "note.zh.md")
	}); err != nil {
		t.Fatal(err)
	}
	c.SetSettings(map[string]any{"gopitfalls": map[string]any{"language": "en"}})
	c.Conn.Notify(ctx, "workspace/didChangeConfiguration", map[string]any{"settings": nil})
	if _, _, err := c.DiagnosticsWhere(ctx, uri, 0, "information linking to the English note", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 1 && p.Diagnostics[0].Severity == protocol.SeverityInformation &&
			strings.HasSuffix(p.Diagnostics[0].CodeDescription.Href, "note.en.md")
	}); err != nil {
		t.Fatal(err)
	}
}

// TestDependentPackage saves a change to a package that an open package
// imports: the dependent one is checked again against the new export
// data.
func TestDependentPackage(t *testing.T) {
	tmp := t.TempDir()
	for _, dir := range []string{"stubs", "lsp/basic"} {
		src, _ := filepath.Abs(filepath.Join("..", "testdata", dir))
		if err := os.CopyFS(filepath.Join(tmp, dir), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	root := filepath.Join(tmp, "lsp", "basic")
	depFile := filepath.Join(root, "dep", "dep.go")
	useFile := filepath.Join(root, "use", "use.go")
	os.MkdirAll(filepath.Dir(depFile), 0o755)
	os.MkdirAll(filepath.Dir(useFile), 0o755)
	os.WriteFile(depFile, []byte("package dep\n\n// Named has a name.\ntype Named interface{ Name() string }\n\n// Value returns a value.\nfunc Value() any { return nil }\n"), 0o644)
	os.WriteFile(useFile, []byte("package use\n\nimport \"example.com/lspbasic/dep\"\n\n// F names the value.\nfunc F() string { return dep.Value().(dep.Named).Name() }\n"), 0o644)

	c, _, _ := startInProcess(t, server.Options{})
	ctx := ctxFor(t)
	if _, err := c.Initialize(ctx, root, "en", nil); err != nil {
		t.Fatal(err)
	}
	useURI, _ := c.Open(ctx, useFile, "")
	pub, n, err := c.Diagnostics(ctx, useURI, version(1), 0)
	if err != nil || len(pub.Diagnostics) != 1 {
		t.Fatalf("use.go: %+v, %v; want the assertion", pub, err)
	}
	depURI, _ := c.Open(ctx, depFile, "")
	fixed := "package dep\n\n// Named has a name.\ntype Named interface{ Name() string }\n\n// Value returns a value.\nfunc Value() Named { return nil }\n"
	c.Change(ctx, depURI, 2, protocol.TextDocumentContentChangeEvent{Text: fixed})
	os.WriteFile(depFile, []byte(fixed), 0o644)
	c.Conn.Notify(ctx, "textDocument/didSave", protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: depURI}})
	if _, _, err := c.DiagnosticsWhere(ctx, useURI, n, "use.go cleared", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 0
	}); err != nil {
		t.Fatal(err)
	}
}

// programFactsModule copies the basic fixture with a package conf that
// reads paladin and a main package that uses it without paladin.Init,
// returning the module's root and the two files.
func programFactsModule(t *testing.T) (root, confFile, mainFile string) {
	t.Helper()
	tmp := t.TempDir()
	for _, dir := range []string{"stubs", "lsp/basic"} {
		src, _ := filepath.Abs(filepath.Join("..", "testdata", dir))
		if err := os.CopyFS(filepath.Join(tmp, dir), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	root = filepath.Join(tmp, "lsp", "basic")
	confFile = filepath.Join(root, "conf", "conf.go")
	mainFile = filepath.Join(root, "cmd", "server", "main.go")
	os.MkdirAll(filepath.Dir(confFile), 0o755)
	os.MkdirAll(filepath.Dir(mainFile), 0o755)
	reads := "package conf\n\nimport \"github.com/go-kratos/kratos/pkg/conf/paladin\"\n\n// DSN returns the database address.\nfunc DSN() string {\n\ts, _ := paladin.Get(\"db.toml\").String()\n\treturn s\n}\n"
	os.WriteFile(confFile, []byte(reads), 0o644)
	os.WriteFile(mainFile, []byte("package main\n\nimport (\n\t\"flag\"\n\n\t\"example.com/lspbasic/conf\"\n)\n\nfunc main() {\n\tflag.Parse()\n\tprintln(conf.DSN())\n}\n"), 0o644)
	return root, confFile, mainFile
}

// confLogged is how the log names package conf of programFactsModule.
const confLogged = "package=example.com/lspbasic/conf "

// TestProgramFacts opens a main package whose dependency reads paladin:
// the finding comes from the dependency's facts, and goes away when the
// (unsaved) dependency stops reading paladin.
func TestProgramFacts(t *testing.T) {
	root, confFile, mainFile := programFactsModule(t)
	// A rule that, in main's first analysis, gives conf's fact
	// computation a second to show up in the log if it runs meanwhile.
	var logs *logBuffer
	var once sync.Once
	wait := testRule("test-wait", func(pass *analysis.Pass, _ *inspector.Inspector) {
		if pass.Pkg.Name() == "main" {
			once.Do(func() {
				for deadline := time.Now().Add(time.Second); time.Now().Before(deadline) && !strings.Contains(logs.String(), confLogged); {
					time.Sleep(10 * time.Millisecond)
				}
			})
		}
	})
	c, logs, _ := startInProcess(t, server.Options{Rules: all.Rules.With(wait)})
	ctx := ctxFor(t)
	if _, err := c.Initialize(ctx, root, "en", nil); err != nil {
		t.Fatal(err)
	}
	mainURI, _ := c.Open(ctx, mainFile, "")
	pub, n, err := c.DiagnosticsWhere(ctx, mainURI, 0, "main.go: paladin-init", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) > 0
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := pub.Diagnostics[0]; d.Code != "paladin-init" || !strings.Contains(d.Message, "main never calls paladin.Init: paladin.Get in conf.DSN") {
		t.Fatalf("main.go: %+v; want paladin-init from conf's facts", pub.Diagnostics)
	}
	// The first diagnostics do not share the processor with the facts:
	// conf is analysed for them after main's first analysis.
	log := logs.String()
	first, dep := strings.Index(log, "package=example.com/lspbasic/cmd/server "), strings.Index(log, confLogged)
	if first < 0 || dep < first {
		t.Errorf("conf analysed for its facts at %d of the log, main first analysed at %d: want main first", dep, first)
	}
	confURI, _ := c.Open(ctx, confFile, "")
	c.Change(ctx, confURI, 2, protocol.TextDocumentContentChangeEvent{Text: "package conf\n\n// DSN returns the database address.\nfunc DSN() string { return \"\" }\n"})
	// Editing main re-analyses it with the dependency's new facts.
	c.Change(ctx, mainURI, 2, protocol.TextDocumentContentChangeEvent{Text: "package main\n\nimport (\n\t\"flag\"\n\n\t\"example.com/lspbasic/conf\"\n)\n\nfunc main() {\n\tflag.Parse()\n\tprintln(conf.DSN(), 1)\n}\n"})
	if _, _, err := c.DiagnosticsWhere(ctx, mainURI, n, "main.go cleared", func(p protocol.PublishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 2 && len(p.Diagnostics) == 0
	}); err != nil {
		t.Fatal(err)
	}
}

// TestScanFacts checks a finding of the workspace scan that comes from a
// dependency's facts: main.go, which is not open, is analysed after conf
// in the scan's fact store.
func TestScanFacts(t *testing.T) {
	root, _, mainFile := programFactsModule(t)
	c, _, _ := startInProcess(t, server.Options{})
	c.SetSettings(map[string]any{"gopitfalls": map[string]any{"diagnosticsScope": "workspace"}})
	ctx := ctxFor(t)
	if _, err := c.Initialize(ctx, root, "en", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Open(ctx, filepath.Join(root, "svc", "svc.go"), ""); err != nil {
		t.Fatal(err)
	}
	pub, _, err := c.DiagnosticsWhere(ctx, protocol.URIFromPath(mainFile), 0, "main.go from the scan", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) > 0
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := pub.Diagnostics[0]; d.Code != "paladin-init" || !strings.Contains(d.Message, "paladin.Get in conf.DSN") || pub.Version != nil {
		t.Errorf("main.go: %+v; want paladin-init from conf's facts, for the file on disk", pub)
	}
}

// TestExplainAction checks the "Explain <rule>" action and the command it
// runs: the client is asked to show the rule's note, in its language.
func TestExplainAction(t *testing.T) {
	c, _, _ := startInProcess(t, server.Options{})
	uri, _, pub := openBasic(t, c, "svc/svc.go", "", "zh-CN", nil)
	d := pub.Diagnostics[0]
	actions := codeActions(t, ctxFor(t), c, uri, d.Range, []protocol.Diagnostic{d}, protocol.QuickFix)
	var explain *protocol.CodeAction
	for i, a := range actions {
		if a.Command != nil && a.Command.Command == protocol.ExplainCommand {
			explain = &actions[i]
		}
	}
	if explain == nil || explain.Title != "查看 unchecked-type-assertion 的说明" {
		t.Fatalf("no Chinese explain action in %+v", actions)
	}
	ctx := ctxFor(t)
	if err := c.Conn.Call(ctx, "workspace/executeCommand", map[string]any{"command": explain.Command.Command, "arguments": explain.Command.Arguments}, nil); err != nil {
		t.Fatal(err)
	}
	docs := c.Documents()
	if len(docs) != 1 || !strings.HasSuffix(docs[0].URI, "/rules/uncheckedtypeassertion/note.zh.md") || !docs[0].External {
		t.Errorf("shown documents %+v, want the zh note", docs)
	}
	err := c.Conn.Call(ctx, "workspace/executeCommand", map[string]any{"command": protocol.ExplainCommand, "arguments": []string{"no-such-rule"}}, nil)
	if err == nil || !strings.Contains(err.Error(), "unknown rule") {
		t.Errorf("explaining an unknown rule: %v", err)
	}
}
