#!/usr/bin/env bash
# Builds gopitfalls, installs gopls v0.23.0 into a temporary GOBIN, and
# runs the language server benchmark on kratos v0.6.0 with both: each
# server three times, in turn, and the medians.
# Extra arguments go to the harness (e.g. -dir, -edits, -run).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gopitfalls" .
GOBIN="$tmp" GOFLAGS= go install golang.org/x/tools/gopls@v0.23.0
go run ./server/bench -server "$tmp/gopitfalls" -gopls "$tmp/gopls" -repeat 3 "$@"
