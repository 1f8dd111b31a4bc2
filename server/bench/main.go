// Command bench measures the language server on a real module, driving
// the built binary over stdio as an editor does, and gopls on the same
// edits for scale. It is a harness, not a test:
//
//	go build -o /tmp/gopitfalls . && go run ./server/bench -server /tmp/gopitfalls [-gopls $(which gopls)]
//
// It opens pkg/net/http/blademaster/server.go of kratos v0.6.0 (copied
// from the module proxy unless -dir names a writable copy), then makes
// -edits edits, each replacing the function the previous one inserted
// with a fresh one that has a new finding for both servers (an unchecked
// type assertion for gopitfalls, a printf mistake for gopls), and reports:
// time to first diagnostics after didOpen, time from each didChange to the
// first publishDiagnostics of that version that has the new finding
// (p50/p90/p95), the CPU time the server spent per edit (user and
// system, from the first edit to the last edit's diagnostics: on a busy
// machine it varies less than the latencies), and the server's peak RSS
// (VmHWM). With -dir and -file
// it measures another module (etcd server, prometheus); -serverflags
// passes flags to gopitfalls serve, such as -cpuprofile.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gopitfalls/gopitfalls/server/internal/lspclient"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

const (
	module  = "github.com/go-kratos/kratos"
	version = "v0.6.0"
)

var (
	file    = "pkg/net/http/blademaster/server.go"
	timeout = 10 * time.Minute
)

func main() {
	serverBin := flag.String("server", "gopitfalls", "the gopitfalls binary")
	goplsBin := flag.String("gopls", "", "a gopls binary to measure too (e.g. v0.23.0)")
	dir := flag.String("dir", "", "a writable copy of kratos "+version+" with its dependencies downloaded (default: fetched)")
	edits := flag.Int("edits", 40, "number of edits")
	only := flag.String("run", "", "measure only the servers whose name contains this (or one of these, separated by commas)")
	before := flag.String("before", "", "another gopitfalls `binary` (say, of the commit before a change) to measure in the same run, in both scopes")
	flag.StringVar(&file, "file", file, "the file to edit, relative to the module root (it must import fmt)")
	serverLog := flag.String("serverlog", "", "pass -logfile `file` -loglevel debug to gopitfalls serve")
	flag.DurationVar(&timeout, "timeout", timeout, "how long one server may take, from its start to the end of the workspace scan")
	repeat := flag.Int("repeat", 1, "measure each server this many times, in turn, and print the medians")
	serverFlags := flag.String("serverflags", "", "more `flags` for gopitfalls serve, separated by spaces (e.g. -cpuprofile /tmp/cpu.pprof)")
	flag.Parse()
	var serverArgs []string
	if *serverLog != "" {
		serverArgs = []string{"-logfile", *serverLog, "-loglevel", "debug"}
	}
	serverArgs = append(serverArgs, strings.Fields(*serverFlags)...)
	if *dir == "" {
		d, err := fetch()
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		*dir = d
	}
	runs := []struct {
		name     string
		cmd      []string
		settings any
		want     func(protocol.Diagnostic) bool
	}{
		{"gopitfalls (openFiles)", append([]string{*serverBin, "serve"}, serverArgs...), map[string]any{"gopitfalls": map[string]any{}}, isOurs},
		{"gopitfalls (workspace)", append([]string{*serverBin, "serve"}, serverArgs...), map[string]any{"gopitfalls": map[string]any{"diagnosticsScope": "workspace"}}, isOurs},
	}
	if *before != "" {
		runs = slices.Insert(runs, 0, runs[0], runs[1])
		runs[0].name, runs[0].cmd = "gopitfalls before (open)", append([]string{*before, "serve"}, serverArgs...)
		runs[1].name, runs[1].cmd = "gopitfalls before (wksp)", append([]string{*before, "serve"}, serverArgs...)
	}
	if *goplsBin != "" {
		runs = append(runs,
			struct {
				name     string
				cmd      []string
				settings any
				want     func(protocol.Diagnostic) bool
			}{"gopls first run (cold?)", []string{*goplsBin}, map[string]any{"diagnosticsDelay": "0s"}, isPrintf},
			struct {
				name     string
				cmd      []string
				settings any
				want     func(protocol.Diagnostic) bool
			}{"gopls diagnosticsDelay=0s", []string{*goplsBin}, map[string]any{"diagnosticsDelay": "0s"}, isPrintf},
			struct {
				name     string
				cmd      []string
				settings any
				want     func(protocol.Diagnostic) bool
			}{"gopls default delay", []string{*goplsBin}, map[string]any{}, isPrintf},
		)
	}
	fmt.Printf("%s, %s, %d edits", moduleName(*dir), file, *edits)
	if *repeat > 1 {
		fmt.Printf(", medians of %d runs of each server, taken in turn", *repeat)
	}
	fmt.Printf("\n\n")
	header := func() {
		fmt.Printf("%-30s %12s %10s %10s %10s %10s %12s %9s\n", "server", "first diags", "edit p50", "edit p90", "edit p95", "edit max", "CPU/edit", "peak RSS")
	}
	if *repeat <= 1 {
		header()
	}
	results := make(map[string][]*result)
	for round := 1; round <= max(*repeat, 1); round++ {
		for _, r := range runs {
			if !slices.ContainsFunc(strings.Split(*only, ","), func(s string) bool { return strings.Contains(r.name, s) }) {
				continue
			}
			name := r.name
			if *repeat > 1 {
				name = fmt.Sprintf("%s #%d", r.name, round)
			}
			res, err := measure(*dir, r.cmd, r.settings, r.want, *edits)
			if err != nil {
				fmt.Printf("%-30s error: %v\n", name, err)
				continue
			}
			results[r.name] = append(results[r.name], res)
			printRow(name, res)
		}
	}
	if *repeat <= 1 {
		return
	}
	fmt.Printf("\nmedians\n")
	header()
	for _, r := range runs {
		if rs := results[r.name]; len(rs) > 0 {
			printRow(r.name, median(rs))
		}
	}
}

func printRow(name string, res *result) {
	fmt.Printf("%-30s %12s %10s %10s %10s %10s %12s %6d MB", name, ms(res.first), ms(res.p50), ms(res.p90), ms(res.p95), ms(res.max), ms(res.cpu), res.rssKB/1024)
	if res.scan > 0 {
		fmt.Printf("  (workspace checked after %s)", ms(res.scan))
	}
	fmt.Println()
}

// median returns the median of each measure over runs, taken separately.
func median(runs []*result) *result {
	mid := func(get func(*result) time.Duration) time.Duration {
		vs := make([]time.Duration, len(runs))
		for i, r := range runs {
			vs[i] = get(r)
		}
		slices.Sort(vs)
		return vs[len(vs)/2]
	}
	return &result{
		first: mid(func(r *result) time.Duration { return r.first }),
		p50:   mid(func(r *result) time.Duration { return r.p50 }),
		p90:   mid(func(r *result) time.Duration { return r.p90 }),
		p95:   mid(func(r *result) time.Duration { return r.p95 }),
		max:   mid(func(r *result) time.Duration { return r.max }),
		cpu:   mid(func(r *result) time.Duration { return r.cpu }),
		scan:  mid(func(r *result) time.Duration { return r.scan }),
		rssKB: int(mid(func(r *result) time.Duration { return time.Duration(r.rssKB) })),
	}
}

func isOurs(d protocol.Diagnostic) bool {
	return d.Source == "gopitfalls" && d.Code == "unchecked-type-assertion" && strings.Contains(d.Message, "v.(string)")
}

func isPrintf(d protocol.Diagnostic) bool {
	return strings.Contains(d.Message, "Sprintf format %d has arg")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }

type result struct {
	first, p50, p90, p95, max time.Duration
	cpu                       time.Duration // the server's CPU time per edit
	scan                      time.Duration // until the workspace scan ended
	rssKB                     int
}

// progressEnded reports whether a $/progress "end" arrived (called with
// the client locked).
func progressEnded(c *lspclient.Client) bool {
	for _, p := range c.ProgressLocked() {
		if m, ok := p.Value.(map[string]any); ok && m["kind"] == "end" {
			return true
		}
	}
	return false
}

// measure runs one server on one workspace.
func measure(dir string, cmdline []string, settings any, want func(protocol.Diagnostic) bool, edits int) (*result, error) {
	cmd := exec.Command(cmdline[0], cmdline[1:]...)
	cmd.Dir = dir
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c := lspclient.New(ctx, struct {
		io.Reader
		io.WriteCloser
	}{stdout, stdin})
	c.SetSettings(settings)

	path := filepath.Join(dir, filepath.FromSlash(file))
	uri := protocol.URIFromPath(path)
	var mu sync.Mutex
	arrived := make(map[int32]time.Time) // version → first publication with the new finding
	var first time.Time
	c.OnPublish = func(p protocol.PublishDiagnosticsParams, at time.Time) {
		if p.URI != uri {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if first.IsZero() {
			first = at
		}
		if p.Version == nil {
			return
		}
		if _, ok := arrived[*p.Version]; !ok && slices.ContainsFunc(p.Diagnostics, want) {
			arrived[*p.Version] = at
		}
	}
	if _, err := c.Initialize(ctx, dir, "en", nil); err != nil {
		return nil, err
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text := string(src)
	opened := time.Now()
	if _, err := c.Open(ctx, path, text); err != nil {
		return nil, err
	}
	if err := c.WaitFor(ctx, "first diagnostics", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return !first.IsZero()
	}); err != nil {
		return nil, err
	}
	res := &result{first: first.Sub(opened)}
	time.Sleep(500 * time.Millisecond) // let a workspace scan get going, as a user would type

	lines := strings.Count(text, "\n")
	prev := ""
	var lat []time.Duration
	cpu0 := cpuTime(cmd.Process.Pid)
	for i := 0; i < edits; i++ {
		v := int32(i + 2)
		fn := fmt.Sprintf("\nfunc benchEdit%d(v interface{}) string { return fmt.Sprintf(\"%%d\", v.(string)+\"%d\") }\n", i, time.Now().UnixNano())
		// Replace the previous insertion at the end of the file.
		start := protocol.Position{Line: uint32(lines)}
		end := start
		if prev != "" {
			end = protocol.Position{Line: uint32(lines + strings.Count(prev, "\n"))}
		}
		sent := time.Now()
		if err := c.Change(ctx, uri, v, protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: start, End: end}, Text: fn}); err != nil {
			return nil, err
		}
		prev = fn
		wctx, wcancel := context.WithTimeout(ctx, 60*time.Second)
		err := c.WaitFor(wctx, fmt.Sprintf("diagnostics of version %d", v), func() bool {
			mu.Lock()
			defer mu.Unlock()
			_, ok := arrived[v]
			return ok
		})
		wcancel()
		if err != nil {
			return nil, err
		}
		mu.Lock()
		lat = append(lat, arrived[v].Sub(sent))
		mu.Unlock()
		time.Sleep(100 * time.Millisecond) // a pause between edits
	}
	res.cpu = (cpuTime(cmd.Process.Pid) - cpu0) / time.Duration(edits)
	slices.Sort(lat)
	res.p50, res.p90, res.p95, res.max = lat[len(lat)/2], lat[len(lat)*9/10], lat[len(lat)*19/20], lat[len(lat)-1]
	if scope, _ := json.Marshal(settings); strings.Contains(string(scope), `"workspace"`) {
		// Peak memory with the whole workspace analysed.
		if err := c.WaitFor(ctx, "the workspace scan", func() bool { return progressEnded(c) }); err != nil {
			return nil, err
		}
		res.scan = time.Since(opened)
	}
	res.rssKB = peakRSS(cmd.Process.Pid)
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	c.Shutdown(sctx)
	scancel()
	exited := make(chan struct{})
	go func() { cmd.Process.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
	}
	return res, nil
}

// moduleName returns the module path and version of the go.mod in dir
// (the version from the module cache's directory name, when it is one).
func moduleName(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return dir
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "module "); ok {
			return strings.TrimSpace(rest) + " in " + dir
		}
	}
	return dir
}

// cpuTime returns the user and system CPU time a process has used.
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command's name, which ends with ')': state is
	// field 3, utime and stime fields 14 and 15, in clock ticks.
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	var utime, stime int64
	fmt.Sscan(f[11], &utime)
	fmt.Sscan(f[12], &stime)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
}

// peakRSS returns a process's peak resident set size in kB (VmHWM).
func peakRSS(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb
		}
	}
	return 0
}

// fetch copies kratos from the module proxy into a temporary directory
// and downloads its dependencies.
func fetch() (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", module+"@"+version).Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %v", module, version, err)
	}
	var info struct{ Dir string }
	if err := json.Unmarshal(out, &info); err != nil {
		return "", err
	}
	dst, err := os.MkdirTemp("", "kratos-bench-")
	if err != nil {
		return "", err
	}
	if err := os.CopyFS(dst, os.DirFS(info.Dir)); err != nil {
		return "", err
	}
	filepath.WalkDir(dst, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			os.Chmod(p, map[bool]os.FileMode{true: 0o755, false: 0o644}[d.IsDir()])
		}
		return nil
	})
	dl := exec.Command("go", "mod", "download")
	dl.Dir = dst
	if out, err := dl.CombinedOutput(); err != nil {
		return "", fmt.Errorf("downloading dependencies: %v\n%s", err, out)
	}
	return dst, nil
}
