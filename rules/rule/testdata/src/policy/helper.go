package policy

import "testing"

// mustLoud is a test helper outside a _test.go file: it takes a
// *testing.T, so it runs only under a test, and is capped as test code.
func mustLoud(t testing.TB) {
	t.Helper()
	loud() // want "loud"
}

// fuzzSeed takes a *testing.F: test code too.
func fuzzSeed(f *testing.F) {
	loud2() // want "loud2"
}

func loud2() {}
