// Package footest is test support for package foo, by Go's convention
// (httptest, fstest): its name ends in test and it imports testing.
package footest

import "testing"

func loud() {}

// Serve starts a server for a test.
func Serve(t *testing.T) {
	t.Helper()
}

func start() {
	loud() // want "loud"
}
