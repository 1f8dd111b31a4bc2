package parse

import (
	"strings"
	"testing"
)

// hostOf fails the test through a helper that never returns (tb.Fatal,
// called through testing.TB), so parts[1] is read only with two parts.
func hostOf(tb testing.TB, addr string) string {
	parts := strings.Split(addr, ":")
	if len(parts) != 2 {
		fail(tb, "bad address "+addr)
	}
	return parts[1] // fail never returns
}

func fail(tb testing.TB, msg string) {
	tb.Helper()
	tb.Fatal(msg)
}
