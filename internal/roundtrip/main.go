// Command roundtrip applies `gopitfalls check -fix` to real modules and
// checks what a user needs of it:
//
//   - go build ./... still passes, and go vet ./... reports nothing it did
//     not report before (kratos v0.6.0 has vet findings of its own);
//
//   - gofmt -l lists the same files as before;
//
//   - -fix reports no bug (a round it had to undo) and exits 0 or 1;
//
//   - no rule reports more findings in a file than before;
//
//   - a second -fix changes nothing.
//
//     go run ./internal/roundtrip [-modules kratos,etcd] [-triaged] [-cache DIR]
//
// -triaged runs on every module of the real-module triage instead
// (testdata/realmod/*/module.txt and testdata/realmod/more/*/module.txt),
// each named by its folder: the fixes whose warnings were read there.
//
// `make fix-roundtrip` runs it, and `make test` with it. The modules come
// from the module proxy at exact versions (internal/modfetch), prepared
// once into the cache directory and copied from there for each run; when
// one cannot be fetched (no proxy, no network), it is skipped with a
// message, not failed. Every go command runs with GOTOOLCHAIN=local and
// GOWORK=off.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gopitfalls/gopitfalls/internal/modfetch"
	"github.com/gopitfalls/gopitfalls/internal/realmod"
)

func main() {
	only := flag.String("modules", "kratos,etcd", "comma-separated modules to run on")
	cache := flag.String("cache", "", "directory of the prepared modules (default: modfetch.CacheDir, shared with the triage test)")
	triaged := flag.Bool("triaged", false, "run on every module of testdata/realmod and testdata/realmod/more instead of -modules")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("roundtrip: ")
	if *cache == "" {
		dir, err := modfetch.CacheDir()
		if err != nil {
			log.Fatal(err)
		}
		*cache = dir
	}
	work, err := os.MkdirTemp("", "gopitfalls-roundtrip-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "gopitfalls")
	if out, err := command("", "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		log.Fatalf("building gopitfalls: %v\n%s", err, out)
	}

	modules := make(map[string]string) // name → path@version
	var names []string
	if *triaged {
		mods, err := realmod.Modules(".", true)
		if err != nil {
			log.Fatalf("%v: run from the repository root", err)
		}
		for _, m := range mods {
			modules[m.Name] = m.Version
			names = append(names, m.Name)
		}
	} else {
		for _, name := range strings.Split(*only, ",") {
			mv, ok := modfetch.Modules[name]
			if !ok {
				log.Fatalf("unknown module %q", name)
			}
			modules[name] = mv
			names = append(names, name)
		}
	}
	var rows []*result
	for _, name := range names {
		mv := modules[name]
		start := time.Now()
		pristine := filepath.Join(*cache, strings.ReplaceAll(mv, "/", "_"))
		if err := modfetch.Fetch(pristine, mv); err != nil {
			log.Printf("skipping %s: it cannot be fetched (is the module proxy reachable?): %v", mv, firstLine(err))
			continue
		}
		dir := filepath.Join(work, name)
		if err := modfetch.Copy(dir, pristine); err != nil {
			log.Fatal(err)
		}
		r := roundTrip(bin, name, dir)
		r.wall = time.Since(start)
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		log.Printf("no module could be fetched: nothing checked")
		return
	}
	failed := printTable(rows)
	if failed {
		os.Exit(1)
	}
}

// A result is what the round trip found on one module.
type result struct {
	name               string
	applied, files     int
	build, vet, gofmt  string // "ok" or what is wrong
	fix, again, growth string
	wall               time.Duration
	problems           []string // the details, printed below the table
}

// roundTrip runs the checks on the module copied into dir.
func roundTrip(bin, name, dir string) *result {
	r := &result{name: name}
	fail := func(what, detail string) string {
		r.problems = append(r.problems, name+": "+what+":\n\t"+strings.ReplaceAll(strings.TrimSpace(detail), "\n", "\n\t"))
		return "FAIL"
	}
	if out, err := command(dir, "go", "build", "./...").CombinedOutput(); err != nil {
		r.build = fail("go build ./... fails before -fix (nothing to compare)", string(out))
		return r
	}
	vet0 := vetFindings(dir)
	gofmt0 := gofmtList(dir)
	find0, out, code := findings(bin, dir)
	if code != 0 && code != 1 {
		r.fix = fail("gopitfalls check fails before -fix", errorLines(out))
		return r
	}

	// The findings -fix prints are those of the fixed module.
	find1, out, code := findings(bin, dir, "-fix")
	r.applied, r.files = applied(out)
	r.fix = "ok"
	if code > 1 || strings.Contains(out, "gopitfalls: bug:") {
		r.fix = fail(fmt.Sprintf("gopitfalls check -fix exited %d", code), errorLines(out))
	}
	r.growth = "none"
	if grown := grew(find0, find1); len(grown) > 0 {
		r.growth = fail("rules report more findings in a file after -fix", strings.Join(grown, "\n"))
	}

	r.build = "ok"
	if out, err := command(dir, "go", "build", "./...").CombinedOutput(); err != nil {
		r.build = fail("go build ./... fails after -fix", string(out))
	}
	r.vet = "ok"
	if extra := missing(vet0, vetFindings(dir)); len(extra) > 0 {
		r.vet = fail("go vet reports what it did not before -fix", strings.Join(extra, "\n"))
	}
	r.gofmt = "ok"
	if gofmt1 := gofmtList(dir); !slices.Equal(gofmt0, gofmt1) {
		r.gofmt = fail("gofmt -l lists other files after -fix", fmt.Sprintf("no longer listed: %v\nnewly listed: %v",
			missing(gofmt1, gofmt0), missing(gofmt0, gofmt1)))
	}

	before := snapshot(dir)
	_, out, code = findings(bin, dir, "-fix")
	r.again = "yes"
	if n, _ := applied(out); n > 0 || code > 1 || !maps.Equal(before, snapshot(dir)) {
		r.again = fail("a second -fix changes something", fmt.Sprintf("exit %d, %d fixes applied\n%s", code, n, errorLines(out)))
	}
	return r
}

// command returns the go command or another program, run in dir with
// the round trip's environment.
func command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOWORK=off", "GOFLAGS=")
	return cmd
}

var appliedLine = regexp.MustCompile(`applied (\d+) fixes in (\d+) files`)

// applied returns the fixes and files -fix reported.
func applied(stderr string) (fixes, files int) {
	if m := appliedLine.FindStringSubmatch(stderr); m != nil {
		fmt.Sscan(m[1], &fixes)
		fmt.Sscan(m[2], &files)
	}
	return fixes, files
}

// errorLines returns gopitfalls' own lines of its stderr (its reports,
// not the package errors of the module it prints).
func errorLines(stderr string) string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "gopitfalls") || strings.HasPrefix(l, "\t") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

var vetLine = regexp.MustCompile(`^(\S+\.go):\d+:\d+: (.*)$`)

// vetFindings returns go vet's findings as "file: message" (lines move).
func vetFindings(dir string) []string {
	out, _ := command(dir, "go", "vet", "./...").CombinedOutput()
	var fs []string
	for _, l := range strings.Split(string(out), "\n") {
		if m := vetLine.FindStringSubmatch(l); m != nil {
			fs = append(fs, m[1]+": "+m[2])
		}
	}
	sort.Strings(fs)
	return fs
}

// missing returns the elements of after (a sorted multiset) that before
// does not hold as often.
func missing(before, after []string) []string {
	count := make(map[string]int)
	for _, b := range before {
		count[b]++
	}
	var out []string
	for _, a := range after {
		if count[a] > 0 {
			count[a]--
			continue
		}
		out = append(out, a)
	}
	return out
}

// gofmtList returns the files gofmt -l lists.
func gofmtList(dir string) []string {
	out, _ := command(dir, "gofmt", "-l", ".").Output()
	list := strings.Fields(string(out))
	sort.Strings(list)
	return list
}

// findings runs gopitfalls check with flags (and -format json -severity
// hint) on the module in dir, and returns how many findings each rule
// reports in each file ("rule file" → count), its stderr and exit code.
func findings(bin, dir string, flags ...string) (map[string]int, string, int) {
	args := append([]string{"check", "-format", "json", "-severity", "hint"}, flags...)
	cmd := command(dir, bin, append(args, "./...")...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		return nil, err.Error(), -1
	}
	counts := make(map[string]int)
	for _, l := range bytes.Split(out, []byte("\n")) {
		var f struct{ Rule, File string }
		if json.Unmarshal(l, &f) == nil && f.Rule != "" {
			rel, _ := filepath.Rel(dir, f.File)
			counts[f.Rule+" "+rel]++
		}
	}
	return counts, stderr.String(), code
}

// grew returns, for each rule and file with more findings after than
// before, what changed.
func grew(before, after map[string]int) []string {
	var out []string
	for k, n := range after {
		if n > before[k] {
			out = append(out, fmt.Sprintf("%s: %d findings, %d before", k, n, before[k]))
		}
	}
	sort.Strings(out)
	return out
}

// snapshot returns the hashes of the module's files.
func snapshot(dir string) map[string][32]byte {
	out := make(map[string][32]byte)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[p] = sha256.Sum256(data)
		return nil
	})
	return out
}

// printTable prints the results and the details of what failed, and
// reports whether anything did.
func printTable(rows []*result) bool {
	w := len("module")
	for _, r := range rows {
		w = max(w, len(r.name))
	}
	fmt.Printf("%-*s %7s %6s  %-5s %-5s %-5s %-5s %-11s %-11s %8s\n",
		w, "module", "fixes", "files", "-fix", "build", "vet", "gofmt", "idempotent", "new finds", "wall")
	failed := false
	for _, r := range rows {
		fmt.Printf("%-*s %7d %6d  %-5s %-5s %-5s %-5s %-11s %-11s %7.0fs\n",
			w, r.name, r.applied, r.files, or(r.fix), or(r.build), or(r.vet), or(r.gofmt), or(r.again), or(r.growth), r.wall.Seconds())
		failed = failed || len(r.problems) > 0
	}
	for _, r := range rows {
		for _, p := range r.problems {
			fmt.Println(p)
		}
	}
	return failed
}

func or(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
