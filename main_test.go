package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gopitfalls": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: the
// check command's formats, fixes, exit codes and errors, notes and the
// go vet tool protocol.
func TestScripts(t *testing.T) {
	env := func(name string) string {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		return strings.TrimSpace(string(out))
	}
	gocache, gomodcache := env("GOCACHE"), env("GOMODCACHE")
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(e *testscript.Env) error {
			e.Setenv("GOCACHE", gocache)
			e.Setenv("GOMODCACHE", gomodcache)
			e.Setenv("GOPROXY", "off")
			e.Setenv("GOFLAGS", "-mod=mod")
			e.Setenv("GOTOOLCHAIN", "local")
			e.Setenv("LANG", "")
			for _, dir := range filepath.SplitList(e.Getenv("PATH")) {
				if p := filepath.Join(dir, "gopitfalls"); fileExists(p) {
					e.Setenv("GOPITFALLS", p)
					break
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"jsonlines": jsonLines,
			"sarif":     sarifValid,
		},
	})
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// jsonLines checks that a file holds one JSON finding per line with the
// fields SPEC names, and that their count is args[1].
func jsonLines(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: jsonlines file count")
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(ts.ReadFile(args[0])), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			ts.Fatalf("line %q: %v", line, err)
		}
		for _, k := range []string{"rule", "severity", "file", "line", "column", "end_line", "end_column", "message", "fixes"} {
			if _, ok := m[k]; !ok {
				ts.Fatalf("line %q lacks %q", line, k)
			}
		}
		if len(m) != 9 {
			ts.Fatalf("line %q has fields beyond SPEC's", line)
		}
		if !filepath.IsAbs(m["file"].(string)) {
			ts.Fatalf("file %q is not absolute", m["file"])
		}
		n++
	}
	if want := args[1]; fmt.Sprint(n) != want {
		ts.Fatalf("%d findings, want %s", n, want)
	}
}

// sarifValid checks the shape GitHub code scanning requires of a SARIF
// 2.1.0 log.
func sarifValid(ts *testscript.TestScript, neg bool, args []string) {
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string                `json:"id"`
						ShortDescription struct{ Text string } `json:"shortDescription"`
						HelpURI          string                `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &log); err != nil {
		ts.Fatalf("sarif: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "gopitfalls" {
		ts.Fatalf("sarif header: %+v", log)
	}
	run := log.Runs[0]
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || !strings.HasPrefix(r.HelpURI, "https://") {
			ts.Fatalf("rule metadata incomplete: %+v", r)
		}
	}
	for _, res := range run.Results {
		if res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			ts.Fatalf("result %s has a wrong ruleIndex", res.RuleID)
		}
		if res.Level != "error" && res.Level != "warning" && res.Level != "note" {
			ts.Fatalf("level %q", res.Level)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || filepath.IsAbs(loc.ArtifactLocation.URI) || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			ts.Fatalf("location %+v", loc)
		}
	}
	if want := args[1]; fmt.Sprint(len(run.Results)) != want {
		ts.Fatalf("%d results, want %s", len(run.Results), want)
	}
}
