// Package security checks request signatures as go-zero's rest security
// package does: it logs with logc, whose Errorf takes a context first.
package security

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"

	"example.com/unhandled/logc"
)

// hashBody logs with nothing itself, and the file's logger needs a
// context it does not have: no fix (logc.Errorf("…", err) would not
// build).
func hashBody(r *http.Request) string {
	sha := sha256.New()
	io.Copy(sha, r.Body) // want `error returned by io.Copy is not checked`
	return fmt.Sprintf("%x", sha.Sum(nil))
}

// Verify reports whether the request's body matches its signature.
func Verify(ctx context.Context, r *http.Request, sig string) bool {
	if h := hashBody(r); h != sig {
		logc.Errorf(ctx, "signature mismatch: %s", h)
		return false
	}
	return true
}
