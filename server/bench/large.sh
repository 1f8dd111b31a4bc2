#!/usr/bin/env bash
# make bench-large: how the cost grows with the module. check beside
# staticcheck v0.8.2 (its cache emptied before every run) on discovery,
# gin, kratos v0.6.0, kratos v2.9.2, etcd server and prometheus, then the
# language server editing prometheus' tsdb/db.go (both scopes) beside
# gopls v0.23.0. The modules are fetched once into $BENCH_WORK (default
# ~/.cache/gopitfalls/bench; prometheus and its dependencies take a few
# GB) and the Go build cache is warmed before anything is timed.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${BENCH_WORK:-$HOME/.cache/gopitfalls/bench}
mkdir -p "$work"
go run ./internal/bench/check -n 3 -modules discovery,gin,kratos,kratos2,etcd -work "$work"
go run ./internal/bench/check -n 1 -modules prometheus -work "$work"
dir=$(go run ./internal/bench/check -fetch -work "$work" -modules prometheus)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gopitfalls" .
GOBIN="$tmp" GOFLAGS= go install golang.org/x/tools/gopls@v0.23.0
go run ./server/bench -server "$tmp/gopitfalls" -gopls "$tmp/gopls" -dir "$dir" -file tsdb/db.go \
	-edits 20 -timeout 30m -repeat 3 -run "gopitfalls,gopls diagnosticsDelay"
