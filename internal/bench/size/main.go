// Command size measures how `gopitfalls check` grows with the size of its
// input: wall time and peak RSS on generated packages of one file, beside
// `go vet` on the same package.
//
//	go run ./internal/bench/size [-inputs findings,statements,switch] [-sizes 1000,5000]
//
// The inputs (see gen.go) are written into a fresh module per run; none is
// committed. Each measurement is the median of -n runs after one warm-up
// run (which fills the Go build cache with the dependencies' export data);
// go vet runs on a copy each time, since the go command caches its results.
// A run is stopped when any process of it grows past -maxrss or runs
// longer than -timeout, and reported as such: the machine may be shared.
// Peak RSS is the largest of the process and every child it waited for
// (the go command, the compiler); a stopped run's is what was seen.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	only := flag.String("inputs", "findings,generated,statements,switch", "comma-separated inputs: "+names())
	sizes := flag.String("sizes", "", "comma-separated sizes (default per input: lines for findings, statements or cases otherwise)")
	n := flag.Int("n", 1, "measured runs per point (the median is reported)")
	bin := flag.String("bin", "", "gopitfalls binary to measure (default: build this checkout)")
	vet := flag.Bool("vet", true, "measure go vet on the same package too")
	maxRSS := flag.Int64("maxrss", 6<<10, "stop a run whose process tree grows past this many MB")
	timeout := flag.Duration("timeout", 5*time.Minute, "stop a run that takes longer")
	warm := flag.Bool("warmup", true, "run each point once before measuring it")
	genOnly := flag.Bool("gen", false, "only write the inputs into -work (as modules named input-size), and measure nothing")
	keep := flag.String("work", "", "scratch directory to use (default: a new temporary one, removed at the end)")
	flag.Parse()
	log.SetFlags(0)

	work := *keep
	if work == "" && *genOnly {
		log.Fatal("-gen needs -work")
	}
	if work == "" {
		var err error
		work, err = os.MkdirTemp("", "gopitfalls-size-")
		must(err)
		defer os.RemoveAll(work)
	}
	if *bin == "" && !*genOnly {
		*bin = filepath.Join(work, "gopitfalls")
		must(run("", "go", "build", "-o", *bin, "."))
	}
	lim := limits{rss: *maxRSS << 20, timeout: *timeout}
	if !*genOnly {
		fmt.Printf("%-11s %7s %-10s %10s %9s %10s %9s\n", "input", "size", "tool", "wall", "CPU", "peak RSS", "findings")
	}
	for _, name := range strings.Split(*only, ",") {
		in, ok := inputNamed(name)
		if !ok {
			log.Fatalf("unknown input %q (want one of %s)", name, names())
		}
		ss := defaultSizes[name]
		if *sizes != "" {
			ss = nil
			for _, s := range strings.Split(*sizes, ",") {
				v, err := strconv.Atoi(s)
				must(err)
				ss = append(ss, v)
			}
		}
		for _, size := range ss {
			dir := filepath.Join(work, fmt.Sprintf("%s-%d", name, size))
			must(writeModule(dir, in.gen(size)))
			if *genOnly {
				fmt.Println(dir)
				continue
			}
			tools := []struct{ name, bin string }{{"gopitfalls", *bin}}
			if *vet {
				tools = append(tools, struct{ name, bin string }{"go vet", "go"})
			}
			for _, tool := range tools {
				args := []string{tool.bin, "check", "-format", "json", "-severity", "hint", "./..."}
				if tool.name == "go vet" {
					args = []string{"go", "vet", "./..."}
				}
				run := func() sample { return lim.measure(dir, args) }
				if tool.name == "go vet" {
					// The go command caches vet's results: each run
					// vets a copy of its own.
					run = func() sample {
						d, err := os.MkdirTemp(work, "vet-")
						must(err)
						defer os.RemoveAll(d)
						must(os.CopyFS(d, os.DirFS(dir)))
						return lim.measure(d, args)
					}
				}
				var s sample
				if *warm {
					s = run()
				}
				var ss []sample
				for i := 0; i < *n && s.stopped == ""; i++ {
					s = run()
					ss = append(ss, s)
				}
				if len(ss) > 0 {
					s = median(ss)
				}
				fmt.Printf("%-11s %7d %-10s %10s %8.2fs %8.0fMB %9s\n", name, size, tool.name, s.wallString(), s.cpu.Seconds(), float64(s.rss)/(1<<20), s.findingsString())
			}
			os.RemoveAll(dir)
		}
	}
}

var defaultSizes = map[string][]int{
	"findings":   {5000, 10000, 50000},
	"generated":  {5000, 10000, 50000},
	"statements": {500, 1000, 5000},
	"switch":     {1000, 5000},
	"closures":   {100, 300, 900}, // go/parser stops at 1,000 nested scopes
}

func names() string {
	var ns []string
	for _, in := range inputs {
		ns = append(ns, in.name)
	}
	return strings.Join(ns, ",")
}

// writeModule writes a module of one package, p, with src as its file.
func writeModule(dir, src string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module p\n\ngo 1.22\n"), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644)
}

type limits struct {
	rss     int64 // bytes
	timeout time.Duration
}

type sample struct {
	wall     time.Duration
	cpu      time.Duration // user and system, of the process and its children
	rss      int64         // bytes
	findings int
	failed   int    // the exit status, when it says a package failed to load
	stopped  string // why the run was stopped, or ""
}

func (s sample) wallString() string {
	if s.stopped != "" {
		return s.stopped
	}
	return fmt.Sprintf("%.2fs", s.wall.Seconds())
}

func (s sample) findingsString() string {
	if s.failed != 0 {
		return fmt.Sprintf("exit %d", s.failed)
	}
	if s.findings < 0 {
		return "-"
	}
	return strconv.Itoa(s.findings)
}

// measure runs args in dir and returns its wall time, the peak RSS of its
// process tree and the number of lines it wrote (findings, for check -format json).
func (l limits) measure(dir string, args []string) sample {
	ctx, cancel := context.WithTimeout(context.Background(), l.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Cancel = func() error {
		killTree(processTree(cmd.Process.Pid))
		return nil
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	seen := make(chan watched, 1)
	done := make(chan struct{})
	go func() { seen <- watch(cmd.Process.Pid, l.rss, done) }()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	w := <-seen
	s := sample{wall: wall, findings: -1, rss: w.peak}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = max(s.rss, ru.Maxrss<<10)
		s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	switch {
	case w.killed:
		s.stopped = fmt.Sprintf(">%dMB", l.rss>>20)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		s.stopped = fmt.Sprintf(">%s", l.timeout)
	case err != nil && cmd.ProcessState.ExitCode() > 1:
		s.failed = cmd.ProcessState.ExitCode() // a package failed to load: measured all the same
	}
	if args[0] != "go" {
		s.findings = bytes.Count(out.Bytes(), []byte("\n"))
	}
	return s
}

// A watch is what watching a run saw.
type watched struct {
	killed bool  // it grew past the limit and was killed
	peak   int64 // the largest RSS seen of one of its processes
}

// watch kills the process tree of pid when one of its processes grows
// past limit bytes of RSS; it returns when done is closed.
func watch(pid int, limit int64, done <-chan struct{}) watched {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	var w watched
	for {
		select {
		case <-done:
			return w
		case <-t.C:
		}
		tree := processTree(pid)
		for _, p := range tree {
			w.peak = max(w.peak, p.rss)
		}
		if w.peak > limit {
			killTree(tree)
			w.killed = true
			return w
		}
	}
}

type process struct {
	pid int
	rss int64 // bytes
}

// processTree returns pid and its descendants (by parent, not process
// group: the go command runs its tools in groups of their own).
func processTree(pid int) []process {
	ents, _ := os.ReadDir("/proc")
	children := make(map[int][]process)
	var root *process
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue // not a process
		}
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue // gone
		}
		// pid (comm) state ppid … rss is field 24; comm may hold spaces.
		i := bytes.LastIndexByte(data, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(data[i+1:]))
		if len(f) < 22 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pages, _ := strconv.ParseInt(f[21], 10, 64)
		proc := process{pid: p, rss: pages * int64(os.Getpagesize())}
		children[ppid] = append(children[ppid], proc)
		if p == pid {
			root = &proc
		}
	}
	if root == nil {
		return nil
	}
	tree := []process{*root}
	for i := 0; i < len(tree); i++ {
		tree = append(tree, children[tree[i].pid]...)
	}
	return tree
}

// killTree kills the processes of tree.
func killTree(tree []process) {
	for _, p := range tree {
		syscall.Kill(p.pid, syscall.SIGKILL)
	}
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

func run(dir string, args ...string) error {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
