// Command gopitfalls finds the Go pitfalls a Kratos team's newcomer notes
// warn about — bare goroutines, values used before err is checked, nil
// maps, channels closed twice, unchecked type assertions, deadlocks,
// dropped errors, warden, paladin and databus misuse — explains each in
// English or Chinese, and fixes what can be fixed safely.
//
// Usage:
//
//	gopitfalls serve [flags]              the language server on stdin/stdout
//	gopitfalls check [flags] [packages]   check packages, like go vet
//	gopitfalls notes [-lang en|zh] [rule] print the notes behind the rules
//	gopitfalls version                    print the version
//	go vet -vettool=$(command -v gopitfalls) ./...
package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/check"
	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = ""

const usage = `gopitfalls finds the Go pitfalls of a Kratos team's newcomer notes.

Usage:

	gopitfalls serve [-syntax-only]        the language server (LSP on stdin/stdout)
	gopitfalls check [flags] [packages]    check packages like go vet (default ./...)
	gopitfalls notes [-lang en|zh] [rule]  print the notes behind the rules
	gopitfalls version                     print the version

It also runs as a vet tool: go vet -vettool=$(command -v gopitfalls) ./...
Run 'gopitfalls check -h' for the checker's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if isVetTool(args) {
		runVetTool() // exits
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return check.ExitFailure
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stderr)
	case "check":
		return check.Main(ctx, args[1:], stdout, stderr, Version())
	case "notes":
		return notes(args[1:], stdout, stderr)
	case "version", "-version", "--version", "-V":
		fmt.Fprintf(stdout, "gopitfalls %s %s\n", Version(), runtime.Version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "gopitfalls: unknown command %q\n\n%s", args[0], usage)
	return check.ExitFailure
}

// Version returns the release version: the one set at link time, else
// the module version go install recorded, else "devel".
func Version() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// isVetTool reports whether go vet is running us as its -vettool: it
// asks for -V=full and -flags, then passes a single *.cfg file.
func isVetTool(args []string) bool {
	if len(args) == 0 {
		return false
	}
	last := args[len(args)-1]
	return strings.HasPrefix(args[0], "-V=") || args[0] == "-flags" || strings.HasSuffix(last, ".cfg")
}

// runVetTool runs the rules enabled by the configuration of the current
// directory under go vet's unitchecker protocol.
func runVetTool() {
	if len(os.Args) == 2 && os.Args[1] == "-V=full" {
		printToolID()
		os.Exit(0)
	}
	cfg, err := config.Load(".")
	if err != nil {
		fmt.Fprintf(os.Stderr, "gopitfalls: %v\n", err)
		os.Exit(1)
	}
	var rules = all.Rules[:0:0]
	for _, r := range all.Rules {
		if cfg.Severity(r) != 0 {
			rules = append(rules, r)
		}
	}
	// go vet prints every diagnostic it gets and fails on any: show what
	// check shows by default, the warnings.
	unitchecker.Main(all.Analyzers(rules, cfg.ThresholdOptions(rule.Warning))...)
}

// printToolID answers go vet's -V=full with an ID that covers both the
// executable and the configuration file, so that go vet's cache of
// results is dropped when either changes.
func printToolID() {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gopitfalls: %v\n", err)
		os.Exit(1)
	}
	h := sha256.New()
	for _, name := range []string{exe, config.Find(".")} {
		if name == "" {
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			continue // no configuration file
		}
		io.Copy(h, f)
		f.Close()
	}
	fmt.Printf("%s version devel gopitfalls-%s buildID=%x\n", exe, Version(), h.Sum(nil))
}
