// Command check benchmarks `gopitfalls check ./...` against staticcheck
// on real modules from the module proxy: wall time and peak RSS of each,
// in the same run, on the same packages.
//
//	go run ./internal/bench/check [-n 3] [-modules kratos,etcd]
//
// It builds gopitfalls from this checkout, installs staticcheck at a
// pinned version into a temporary GOBIN, and copies each module from the
// module cache into a scratch directory (internal/modfetch: replace
// directives that point at sibling folders, as etcd's do, dropped). The Go build cache is shared,
// and warmed for both tools before the runs (packages and test variants);
// staticcheck's own cache is emptied before every run of it (gopitfalls
// has none). The load average is printed before and after each module's
// runs: the machine may be shared.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/gopitfalls/gopitfalls/internal/modfetch"
)

var modules = modfetch.Modules

const staticcheckVersion = "honnef.co/go/tools/cmd/staticcheck@v0.8.2"

func main() {
	n := flag.Int("n", 3, "runs of each tool per module (the median is reported)")
	only := flag.String("modules", "kratos,etcd", "comma-separated modules to benchmark: "+strings.Join(keys(), ","))
	keep := flag.String("work", "", "scratch directory to reuse (default: a new temporary one)")
	fetchOnly := flag.Bool("fetch", false, "only fetch the modules into -work (with their dependencies) and print their folders: copies for the server benchmark's -dir")
	flag.Parse()
	log.SetFlags(0)
	if *fetchOnly {
		if *keep == "" {
			log.Fatal("-fetch needs -work")
		}
		for _, name := range strings.Split(*only, ",") {
			mv, ok := modules[name]
			if !ok {
				log.Fatalf("unknown module %q", name)
			}
			fmt.Println(fetch(*keep, name, mv))
		}
		return
	}

	work := *keep
	if work == "" {
		var err error
		work, err = os.MkdirTemp("", "gopitfalls-bench-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "bin")
	must(run("", nil, "go", "build", "-o", filepath.Join(bin, "gopitfalls"), "."))
	must(run("", []string{"GOBIN=" + bin}, "go", "install", staticcheckVersion))

	fmt.Printf("%-8s %-12s %10s %10s %9s\n", "module", "tool", "wall", "peak RSS", "findings")
	for _, name := range strings.Split(*only, ",") {
		mv, ok := modules[name]
		if !ok {
			log.Fatalf("unknown module %q", name)
		}
		dir := fetch(work, name, mv)
		tools := []struct {
			name string
			cmd  []string
			env  func() []string
		}{
			{"gopitfalls", []string{filepath.Join(bin, "gopitfalls"), "check", "-format", "json", "./..."}, func() []string { return nil }},
			{"staticcheck", []string{filepath.Join(bin, "staticcheck"), "-f", "json", "./..."}, func() []string {
				cache := filepath.Join(work, "staticcheck-cache")
				os.RemoveAll(cache)
				return []string{"STATICCHECK_CACHE=" + cache}
			}},
		}
		// Warm the Go build cache once for both tools: the packages and
		// the test variants' export data (go list -export -test).
		_ = run(dir, nil, "go", "build", "./...")
		_ = run(dir, nil, "go", "list", "-e", "-export", "-deps", "-test", "-f", "{{if false}}{{end}}", "./...")
		fmt.Printf("%-8s load average %s\n", name, loadavg())
		results := make(map[string][]sample)
		for i := 0; i < *n; i++ {
			for _, tool := range tools { // interleaved, so drift hits both
				s := measure(dir, tool.env(), tool.cmd)
				log.Printf("%-8s %-12s run %d: %.2fs %.0fMB", name, tool.name, i+1, s.wall.Seconds(), float64(s.rss)/1024)
				results[tool.name] = append(results[tool.name], s)
			}
		}
		fmt.Printf("%-8s load average %s\n", name, loadavg())
		for _, tool := range tools {
			s := median(results[tool.name])
			fmt.Printf("%-8s %-12s %9.2fs %8.0fMB %9d\n", name, tool.name, s.wall.Seconds(), float64(s.rss)/1024, s.findings)
		}
	}
}

type sample struct {
	wall     time.Duration
	rss      int64 // KiB
	findings int
}

func measure(dir string, env, args []string) sample {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = nil
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start)
	if err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() > 2 {
			log.Fatalf("%s: %v", strings.Join(args, " "), err)
		}
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	lines := 0
	for _, l := range strings.Split(string(out), "\n") {
		if json.Valid([]byte(l)) && strings.TrimSpace(l) != "" {
			lines++
		}
	}
	return sample{wall: wall, rss: ru.Maxrss, findings: lines}
}

func median(s []sample) sample {
	slices.SortFunc(s, func(a, b sample) int { return int(a.wall - b.wall) })
	m := s[len(s)/2]
	rss := make([]int64, len(s))
	for i := range s {
		rss[i] = s[i].rss
	}
	slices.Sort(rss)
	m.rss = rss[len(rss)/2]
	return m
}

// fetch makes the module mv ready in work/name (see modfetch).
func fetch(work, name, mv string) string {
	dir := filepath.Join(work, name)
	must(modfetch.Fetch(dir, mv))
	return dir
}

// loadavg returns the 1, 5 and 15 minute load averages, or "?".
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}

func run(dir string, env []string, args ...string) error {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func keys() []string {
	var ks []string
	for k := range modules {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
