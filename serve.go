package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/gopitfalls/gopitfalls/server"
)

// serve implements `gopitfalls serve`: the language server on stdin and
// stdout. stdout carries the protocol only; logs go to stderr or -logfile.
func serve(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	syntaxOnly := fs.Bool("syntax-only", false, "run only the rules that need no types, never the go command (untrusted workspaces)")
	logfile := fs.String("logfile", "", "write logs to `file` instead of stderr")
	loglevel := fs.String("loglevel", "info", "log `level`: debug, info, warn or error")
	fs.Bool("stdio", false, "talk LSP on stdin/stdout (the default; accepted for vscode-languageclient)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gopitfalls serve [-syntax-only] [-logfile file] [-loglevel level]")
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
	log.Info("gopitfalls serve", "version", Version(), "pid", os.Getpid(), "syntaxOnly", *syntaxOnly)
	return server.Serve(ctx, stdio{}, server.Options{Log: log, Version: Version(), SyntaxOnly: *syntaxOnly})
}

// stdio is the process's stdin and stdout as one connection.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error                { return os.Stdin.Close() }
