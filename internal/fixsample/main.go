// Command fixsample lists the fixes `gopitfalls check -fix` applies on
// the triaged real modules (testdata/realmod), each fix alone as a diff
// beside the finding it belongs to, counts them per module and rule, and
// draws a seeded random sample of them to read as each module's
// maintainer would (accept, or reject with a reason):
//
//	go run ./internal/fixsample [-more] [-dir DIR] [-seed 1] [-n 30] [-show rules] [-modules a,b]
//
// The modules are prepared as the triage test prepares them
// (modfetch.Fetch, by the exact version in module.txt), each in DIR/<name>
// (default DIR: fixsample in the temporary directory) and left there. A fix is listed when -fix
// applies it: a finding shown at the default severity (warning) with a
// suggested fix, in a package that builds. -show lists every fix of the
// named rules besides the sample (all: every fix), so the rarer rules are
// read in full.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/modfetch"
	"github.com/gopitfalls/gopitfalls/internal/realmod"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/rogpeppe/go-internal/diff"
)

// A fix is the preferred fix of one finding, alone.
type fix struct {
	module string // short name: the folder in testdata/realmod
	file   string // relative to the module root
	line   int
	rule   string
	msg    string
	title  string
	diff   string
}

func main() {
	more := flag.Bool("more", false, "also the modules of testdata/realmod/more")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "fixsample"), "directory to prepare the modules in, one folder each")
	seed := flag.Uint64("seed", 1, "seed of the sample")
	n := flag.Int("n", 30, "size of the sample")
	show := flag.String("show", "", "comma-separated rule IDs whose every fix to list (all: every rule)")
	only := flag.String("modules", "", "comma-separated modules to run on (default: all triaged)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("fixsample: ")
	mods, err := realmod.Modules(".", *more)
	if err != nil {
		log.Fatalf("%v (run from the repository root)", err)
	}
	var fixes []fix
	for _, m := range mods {
		name, mv := m.Name, m.Version
		if *only != "" && !slices.Contains(strings.Split(*only, ","), name) {
			continue // not asked for
		}
		mdir := filepath.Join(*dir, name)
		if err := modfetch.Fetch(mdir, mv); err != nil {
			log.Printf("skipping %s: %v", name, err)
			continue
		}
		log.Printf("analysing %s (%s)", name, mdir)
		fs, err := fixesOf(name, mdir)
		if err != nil {
			log.Fatal(err)
		}
		fixes = append(fixes, fs...)
	}
	slices.SortFunc(fixes, func(a, b fix) int {
		return cmp.Or(cmp.Compare(a.module, b.module), cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.rule, b.rule))
	})
	printCounts(fixes)
	k := min(*n, len(fixes))
	perm := rand.New(rand.NewPCG(*seed, 0)).Perm(len(fixes))[:k]
	fmt.Printf("\n# sample: seed %d, %d of %d fixes\n", *seed, k, len(fixes))
	for i, j := range perm {
		printFix(fmt.Sprintf("S%d", i+1), fixes[j])
	}
	if *show != "" {
		ids := strings.Split(*show, ",")
		fmt.Printf("\n# every fix of %s\n", *show)
		for i, f := range fixes {
			if *show == "all" || slices.Contains(ids, f.rule) {
				printFix(fmt.Sprintf("F%d", i+1), f)
			}
		}
	}
}

// fixesOf returns the fixes -fix applies on the module in dir, each
// applied alone.
func fixesOf(name, dir string) ([]fix, error) {
	sel := &driver.Selection{Rules: all.Rules}
	res, err := driver.Analyze(context.Background(), &driver.Options{Dir: dir, Patterns: []string{"./..."},
		Selection: func(string) (*driver.Selection, error) { return sel, nil }})
	if err != nil {
		return nil, fmt.Errorf("analysing %s: %v", name, err)
	}
	var out []fix
	for _, f := range res.Findings {
		if f.Severity < rule.Warning || len(f.Diag.SuggestedFixes) == 0 {
			continue // not shown by default, or no fix
		}
		edits, file, ok := driver.FixEdits(f.Fset, f.Diag.SuggestedFixes[0])
		if !ok || res.Broken[file] {
			continue // not applied by -fix
		}
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		fixed, err := driver.ApplyFixes(file, src, edits)
		if err != nil {
			return nil, err
		}
		start, _ := f.Posn()
		rel, err := filepath.Rel(dir, file)
		if err != nil {
			rel = file
		}
		rel = filepath.ToSlash(rel)
		out = append(out, fix{
			module: name, file: rel, line: start.Line, rule: f.Rule.ID,
			msg: f.Diag.Message, title: f.Diag.SuggestedFixes[0].Message,
			diff: string(diff.Diff(rel, src, rel+" (fixed)", fixed)),
		})
	}
	return out, nil
}

// printCounts prints the number of fixes per module and rule.
func printCounts(fixes []fix) {
	count := make(map[[2]string]int)
	var mods, ids []string
	for _, f := range fixes {
		count[[2]string{f.module, f.rule}]++
		if !slices.Contains(mods, f.module) {
			mods = append(mods, f.module)
		}
		if !slices.Contains(ids, f.rule) {
			ids = append(ids, f.rule)
		}
	}
	slices.Sort(ids)
	fmt.Printf("# fixes applied, per module and rule\n\n| module |")
	for _, id := range ids {
		fmt.Printf(" %s |", id)
	}
	fmt.Printf(" total |\n|---|%s---|\n", strings.Repeat("---|", len(ids)))
	total := make(map[string]int)
	for _, m := range mods {
		fmt.Printf("| %s |", m)
		sum := 0
		for _, id := range ids {
			c := count[[2]string{m, id}]
			total[id] += c
			sum += c
			fmt.Printf(" %d |", c)
		}
		fmt.Printf(" %d |\n", sum)
	}
	fmt.Printf("| total |")
	for _, id := range ids {
		fmt.Printf(" %d |", total[id])
	}
	fmt.Printf(" %d |\n", len(fixes))
}

// printFix prints one fix with its finding.
func printFix(label string, f fix) {
	fmt.Printf("\n## %s %s %s:%d %s\n%s\nfix: %s\n%s", label, f.module, f.file, f.line, f.rule, f.msg, f.title, f.diff)
}
