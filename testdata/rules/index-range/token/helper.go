package token

import (
	"strings"
	"testing"
)

// headerPair splits a "Key: value" header given by a test: a helper
// outside a _test.go file (it takes testing.TB), as caddy's caddytest.
// A header without ":" fails the test that wrote it: only a hint.
func headerPair(t testing.TB, header string) (string, string) {
	t.Helper()
	kv := strings.SplitAfterN(header, ":", 2)
	return kv[0], kv[1] /* hint */ // want `kv\[1\] panics when header contains no ":"`
}

// headerPairUnchecked is the same outside a test helper: a warning.
func headerPairUnchecked(header string) (string, string) {
	kv := strings.SplitAfterN(header, ":", 2)
	return kv[0], kv[1] // want `kv\[1\] panics when header contains no ":"`
}
