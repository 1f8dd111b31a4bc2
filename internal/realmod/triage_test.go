package realmod_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/modfetch"
	"github.com/gopitfalls/gopitfalls/internal/realmod"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

// maxFalsePer10kLOC is the severity policy's bound: false warnings per
// 10,000 lines of non-test code, over all the triaged modules.
const maxFalsePer10kLOC = 1.0

// onlyRules restricts the comparison to some rules, for work on one rule:
// go test ./internal/realmod -run TestTriage -triage.rules=go-errgroup
var onlyRules = flag.String("triage.rules", "", "comma-separated rule `IDs` to compare (default: all)")

// more adds the modules of testdata/realmod/more: triaged like the others,
// once each, but left out of make test, whose time they would double
// (their downloads alone are hundreds of megabytes):
// go test ./internal/realmod -run TestTriage -triage.more
var more = flag.Bool("triage.more", false, "also compare the modules of testdata/realmod/more")

// selected reports whether the comparison covers rule id.
func selected(id string) bool {
	return *onlyRules == "" || slices.Contains(strings.Split(*onlyRules, ","), id)
}

// TestTriage runs every rule at its default severity on real modules
// fetched from the module proxy by exact version, and compares the
// warnings with the triage in testdata/realmod: a folder per module, with
// the module's path and version in module.txt and a file per rule,
// <rule>.triage, that lists every warning of the rule a maintainer of
// that module was found to act on (bug, worth), every warning still
// reported that they would dismiss (fp), and lines known to be noise that
// must not be warnings (noise). A warning the triage does not list fails
// the test: read it as the module's maintainer would and add it.
func TestTriage(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: fetches real modules from the module proxy")
	}
	mods, err := realmod.Modules(filepath.Join("..", ".."), *more)
	if err != nil {
		t.Fatalf("no triaged modules: %v", err)
	}
	cache, err := modfetch.CacheDir()
	if err != nil {
		t.Fatal(err)
	}
	var loc, falses int
	for _, mod := range mods {
		tr, err := readTriage(mod)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(mod.Name, func(t *testing.T) {
			dir := filepath.Join(cache, strings.ReplaceAll(tr.module, "/", "_"))
			if err := modfetch.Fetch(dir, tr.module); err != nil {
				t.Skipf("%s cannot be fetched from the module proxy; skipping:\n%v", tr.module, err)
			}
			n, f := checkTriage(t, dir, tr)
			loc += n
			falses += f
		})
	}
	if loc > 0 {
		rate := float64(falses) / float64(loc) * 10000
		t.Logf("false warnings: %d in %d lines of non-test code: %.2f per 10 kLOC", falses, loc, rate)
		if rate > maxFalsePer10kLOC {
			t.Errorf("%.2f false warnings per 10 kLOC, more than %.1f", rate, maxFalsePer10kLOC)
		}
	}
}

// checkTriage compares the warnings on the module in dir with its triage
// and returns the module's lines of non-test code and false warnings.
func checkTriage(t *testing.T, dir string, tr *triage) (loc, falses int) {
	sel := &driver.Selection{Rules: all.Rules}
	res, err := driver.Analyze(context.Background(), &driver.Options{Dir: dir, Patterns: []string{"./..."},
		Selection: func(string) (*driver.Selection, error) { return sel, nil }})
	if err != nil {
		t.Fatalf("analysing %s: %v", tr.module, err)
	}
	for _, e := range res.PackageErrors {
		t.Logf("package error (analysed as far as it goes): %v", e)
	}
	for _, e := range res.Errors {
		t.Errorf("rule error: %v", e)
	}
	warned := make(map[key]bool)
	counts := make(map[string]int)
	for _, f := range res.Findings {
		if f.Severity < rule.Warning || !selected(f.Rule.ID) {
			continue // not a warning, or not compared
		}
		start, _ := f.Posn()
		rel, err := filepath.Rel(dir, start.Filename)
		if err != nil {
			rel = start.Filename
		}
		k := key{f.Rule.ID, filepath.ToSlash(rel), start.Line}
		if !warned[k] {
			counts[f.Rule.ID]++
		}
		warned[k] = true
		if _, ok := tr.entries[k]; !ok {
			falses++ // until read, a warning counts as false
			t.Errorf("untriaged warning; triage it in %s.triage as bug, worth or fp:\n\t? %s:%d %s", k.rule, k.file, k.line, f.Diag.Message)
		}
	}
	byVerdict := make(map[string]int)
	for k, e := range tr.entries {
		if !selected(k.rule) {
			continue // not compared
		}
		byVerdict[e.verdict]++
		switch e.verdict {
		case "bug", "worth", "fp":
			if !warned[k] {
				t.Errorf("%s:%d (%s:%d): %s of %s is no longer a warning; update the triage", k.file, k.line, filepath.Base(e.file), e.lineNo, e.verdict, k.rule)
			}
			if e.verdict == "fp" {
				falses++
			}
		case "noise":
			if warned[k] {
				t.Errorf("%s:%d (%s:%d): known noise reported as a %s warning: %s", k.file, k.line, filepath.Base(e.file), e.lineNo, k.rule, e.reason)
			}
		}
	}
	var rules []string
	for id := range counts {
		rules = append(rules, id)
	}
	slices.Sort(rules)
	var b strings.Builder
	for _, id := range rules {
		fmt.Fprintf(&b, " %s=%d", id, counts[id])
	}
	loc = countLOC(t, dir)
	t.Logf("%s: %d lines of non-test code; warnings:%s; triage: %d bug, %d worth, %d fp, %d noise",
		tr.module, loc, b.String(), byVerdict["bug"], byVerdict["worth"], byVerdict["fp"], byVerdict["noise"])
	return loc, falses
}

// countLOC counts the lines of the module's non-test, non-generated Go
// files.
func countLOC(t *testing.T, dir string) int {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.PackageClauseOnly|parser.ParseComments)
		if err == nil && ast.IsGenerated(f) {
			return nil
		}
		n += bytes.Count(src, []byte("\n"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A key names the warnings of one rule on one line.
type key struct {
	rule string
	file string // slash-separated, relative to the module root
	line int
}

type entry struct {
	verdict string
	reason  string
	file    string // the triage file
	lineNo  int    // in the triage file
}

type triage struct {
	module  string // path@version
	entries map[key]entry
}

// readTriage reads the triage of one module: each <rule>.triage file of
// its folder holds lines of
//
//	<verdict> <file>:<line> <reason…>
//
// where verdict is bug (a real bug: must be a warning), worth (a warning
// worth a change), fp (a false warning still reported) or noise (must
// not be a warning), and # starts a comment line.
func readTriage(mod realmod.Module) (*triage, error) {
	tr := &triage{module: mod.Version, entries: make(map[key]entry)}
	files, err := filepath.Glob(filepath.Join(mod.Dir, "*.triage"))
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		if err := tr.parse(file, strings.TrimSuffix(filepath.Base(file), ".triage")); err != nil {
			return nil, err
		}
	}
	return tr, nil
}

// parse adds the entries of one rule's triage file.
func (tr *triage) parse(file, id string) error {
	if !rulesByID[id] {
		return fmt.Errorf("%s: no rule %q", file, id)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		bad := func(why string) error { return fmt.Errorf("%s:%d: %s: %q", file, n, why, line) }
		if len(f) < 3 {
			return bad("want: <verdict> <file>:<line> <reason>")
		}
		switch f[0] {
		case "bug", "worth", "fp", "noise":
		default:
			return bad("unknown verdict " + f[0])
		}
		i := strings.LastIndex(f[1], ":")
		if i < 0 {
			return bad("want <file>:<line>")
		}
		ln, err := strconv.Atoi(f[1][i+1:])
		if err != nil {
			return bad("want <file>:<line>")
		}
		k := key{id, f[1][:i], ln}
		if _, dup := tr.entries[k]; dup {
			return bad("listed twice")
		}
		tr.entries[k] = entry{verdict: f[0], reason: strings.Join(f[2:], " "), file: file, lineNo: n}
	}
	return sc.Err()
}

// rulesByID are the IDs of the registry's rules.
var rulesByID = func() map[string]bool {
	m := make(map[string]bool)
	for _, r := range all.Rules {
		m[r.ID] = true
	}
	return m
}()
