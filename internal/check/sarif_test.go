package check_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/gopitfalls/gopitfalls/internal/check"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// runCheck runs check in dir and returns its standard output.
func runCheck(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := check.Main(context.Background(), all.Rules, args, &stdout, &stderr, "v0.0.0-test"); code == check.ExitFailure {
		t.Fatalf("check %s failed:\n%s", strings.Join(args, " "), stderr.String())
	}
	return stdout.Bytes()
}

// sarifSchema compiles the SARIF 2.1.0 schema in testdata/sarif, with
// formats asserted (uri, uri-reference).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif", "sarif-2.1.0-rtm.5.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSARIFSchema validates the SARIF log of the example workspace, at
// every severity, against the SARIF 2.1.0 JSON schema.
func TestSARIFSchema(t *testing.T) {
	schema := sarifSchema(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "example"))
	if err != nil {
		t.Fatal(err)
	}
	out := runCheck(t, dir, "-format", "sarif", "-severity", "hint", "./...")
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("the SARIF log is not valid SARIF 2.1.0:\n%v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if n := len(log.Runs[0].Results); n < 10 {
		t.Errorf("%d results on the example: the schema was checked on too little", n)
	}
	// The schema must be able to fail: a result without a message is not SARIF.
	var broken map[string]any
	json.Unmarshal(out, &broken)
	res := broken["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
	delete(res, "message")
	if err := schema.Validate(broken); err == nil {
		t.Error("a result without a message passed the schema")
	}
}

type sarifLog struct {
	Runs []struct {
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Results            []struct {
			RuleID    string `json:"ruleId"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// TestSARIFColumnsAndURIs checks what GitHub code scanning needs to put
// a result on the right characters of the right file: on a line with
// multi-byte characters (CJK: 3 bytes, 1 UTF-16 unit; an emoji: 4 bytes,
// 2 units) SARIF's columns count UTF-16 code units where check's JSON
// counts bytes, and the file is a URI reference relative to %SRCROOT%,
// percent-encoded, that resolves to the file from the base the log gives.
func TestSARIFColumnsAndURIs(t *testing.T) {
	dir := t.TempDir()
	line := "func name(v any) string { return \"名字😀\" + v.(string) }"
	files := map[string]string{
		"go.mod":       "module example.com/m\n\ngo 1.22\n",
		"svc/名字.go":    "package svc\n\n" + line + "\n",
		"svc/plain.go": "package svc\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")

	// Byte columns, as JSON (and go vet) give them.
	var byteCol, byteEnd int
	sc := bufio.NewScanner(bytes.NewReader(runCheck(t, dir, "-format", "json", "./...")))
	for sc.Scan() {
		var f struct {
			Rule      string `json:"rule"`
			Column    int    `json:"column"`
			EndColumn int    `json:"end_column"`
		}
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		if f.Rule == "unchecked-type-assertion" {
			byteCol, byteEnd = f.Column, f.EndColumn
		}
	}
	assertion := ".(string)" // the finding starts at its own .(
	start := strings.Index(line, assertion)
	if byteCol != start+1 || byteEnd != start+len(assertion)+1 {
		t.Fatalf("JSON columns %d-%d, want the bytes %d-%d", byteCol, byteEnd, start+1, start+len(assertion)+1)
	}
	units := func(s string) int { return len(utf16.Encode([]rune(s))) }
	wantCol := units(line[:start]) + 1
	wantEnd := units(line[:start+len(assertion)]) + 1
	if wantCol == byteCol || wantCol == len([]rune(line[:start]))+1 {
		t.Fatal("the line does not tell bytes, runes and UTF-16 units apart")
	}

	var log sarifLog
	if err := json.Unmarshal(runCheck(t, dir, "-format", "sarif", "./..."), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("want one run with one result: %+v", log)
	}
	run := log.Runs[0]
	loc := run.Results[0].Locations[0].PhysicalLocation
	if r := loc.Region; r.StartLine != 3 || r.StartColumn != wantCol || r.EndLine != 3 || r.EndColumn != wantEnd {
		t.Errorf("region %+v, want line 3, UTF-16 columns %d-%d (bytes: %d-%d)", r, wantCol, wantEnd, byteCol, byteEnd)
	}
	a := loc.ArtifactLocation
	if a.URIBaseID != "%SRCROOT%" || a.URI != "svc/%E5%90%8D%E5%AD%97.go" {
		t.Errorf("artifactLocation %+v, want the percent-encoded path relative to %%SRCROOT%%", a)
	}
	base, err := url.Parse(run.OriginalURIBaseIDs["%SRCROOT%"].URI)
	if err != nil || base.Scheme != "file" || !strings.HasSuffix(base.Path, "/") {
		t.Fatalf("%%SRCROOT%% is %q, want a file URI of a folder: %v", run.OriginalURIBaseIDs["%SRCROOT%"].URI, err)
	}
	ref, err := url.Parse(a.URI)
	if err != nil || ref.IsAbs() {
		t.Fatalf("uri %q is not a relative reference: %v", a.URI, err)
	}
	got := base.ResolveReference(ref).Path
	if want := filepath.ToSlash(filepath.Join(dir, "svc", "名字.go")); got != want && !strings.HasSuffix(got, "/svc/名字.go") {
		t.Errorf("%%SRCROOT%% + uri resolves to %s, want %s", got, want)
	}
	if _, err := os.Stat(filepath.FromSlash(got)); err != nil {
		t.Errorf("%%SRCROOT%% + uri names no file: %v", err)
	}
}
