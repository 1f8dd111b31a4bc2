package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/topics"
	"github.com/gopitfalls/gopitfalls/server"
	"github.com/gopitfalls/gopitfalls/server/features"
)

// serve implements `gopitfalls serve`: the language server on stdin and
// stdout. stdout carries the protocol only; logs go to stderr or -logfile.
func serve(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	syntaxOnly := fs.Bool("syntax-only", false, "run only the rules that need no types, never the go command (untrusted workspaces)")
	logfile := fs.String("logfile", "", "write logs to `file` instead of stderr")
	loglevel := fs.String("loglevel", "info", "log `level`: debug, info, warn or error")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the session to `file` (go tool pprof reads it; samples are labelled task=diagnose|facts|scan, phase=parse|typecheck|rules|publish and rule=<analyzer>: see go tool pprof -tags)")
	memprofile := fs.String("memprofile", "", "write a heap profile to `file` when the session ends")
	fs.Bool("stdio", false, "talk LSP on stdin/stdout (the default; accepted for vscode-languageclient)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gopitfalls serve [-syntax-only] [-logfile file] [-loglevel level] [-cpuprofile file] [-memprofile file]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(strings.ToLower(*loglevel))); err != nil {
		fmt.Fprintf(stderr, "gopitfalls serve: bad -loglevel %q (want debug, info, warn or error)\n", *loglevel)
		return 2
	}
	out := stderr
	if *logfile != "" {
		f, err := os.OpenFile(*logfile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "gopitfalls serve: %v\n", err)
			return 2
		}
		defer f.Close()
		out = f
	}
	log := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: level}))
	stop, err := startProfiles(*cpuprofile, *memprofile, log)
	if err != nil {
		fmt.Fprintf(stderr, "gopitfalls serve: %v\n", err)
		return 2
	}
	defer stop()
	log.Info("gopitfalls serve", "version", Version(), "pid", os.Getpid(), "syntaxOnly", *syntaxOnly)
	return server.Serve(ctx, stdio{}, server.Options{Log: log, Version: Version(), Rules: all.Rules, SyntaxOnly: *syntaxOnly, Topics: topicLookup})
}

// startProfiles starts the CPU profile, if asked for, and returns the
// function that ends it and writes the heap profile, if asked for, when
// the session ends (after the client's exit: the profile covers the
// whole session).
func startProfiles(cpu, mem string, log *slog.Logger) (stop func(), err error) {
	var cpuFile *os.File
	if cpu != "" {
		if cpuFile, err = os.Create(cpu); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpuFile); err != nil {
			cpuFile.Close()
			return nil, err
		}
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if err := cpuFile.Close(); err != nil {
				log.Error("writing the CPU profile", "error", err)
			}
		}
		if mem == "" {
			return
		}
		runtime.GC() // the heap of live objects, up to date
		f, err := os.Create(mem)
		if err == nil {
			err = pprof.WriteHeapProfile(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			log.Error("writing the heap profile", "error", err)
		}
	}, nil
}

// stdio is the process's stdin and stdout as one connection.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error                { return os.Stdin.Close() }

// topicLookup gives the language server the notes that belong to no rule.
func topicLookup(id, lang string) (features.Topic, bool) {
	t := topics.Lookup(id)
	if t == nil {
		return features.Topic{}, false
	}
	return features.Topic{Title: t.TitleIn(lang), Summary: t.Summary(lang), URL: t.URL(lang)}, true
}
