// Package built drops errors it builds: a call that cannot fail, whose
// value was meant to be returned (nacos-sdk-go's TLS setup).
package built

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
)

// Pool returns an error: the fix returns the one built.
func Pool(caFile string) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	if !pool.AppendCertsFromPEM(pem) {
		fmt.Errorf("no certificates in %s", caFile) // want `fmt.Errorf builds an error and drops it: nothing returns, logs or checks it`
	}
	return pool, nil
}

// Only returns just an error.
func Only(n int) error { // want Only:"fails with built.errTooBig"
	if n < 0 {
		errors.New("negative") // want `errors.New builds an error and drops it`
	}
	if n > 100 {
		return errTooBig
	}
	return nil
}

var errTooBig = errors.New("too big")

// NoErrorResult has nowhere to return it: no fix (logging an error
// nobody meant to log is not what the code asked for).
func NoErrorResult(pem []byte) *x509.CertPool {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		fmt.Errorf("no certificates") // want `fmt.Errorf builds an error and drops it`
	}
	return pool
}

// Locked would leave with the mutex held: no fix.
func Locked(mu *sync.Mutex, n int) error { // want Locked:"fails with built.errTooBig"
	mu.Lock()
	if n < 0 {
		fmt.Errorf("negative: %d", n) // want `fmt.Errorf builds an error and drops it`
	}
	mu.Unlock()
	if n > 100 {
		return errTooBig
	}
	return nil
}

// Wrapped returns nil for nil: a call, not a built error, and it is
// checked where it is used.
func Wrapped(err error) error {
	return fmt.Errorf("wrapped: %w", err)
}

// Project is shaped like kratos's protoc tool: the error is built into
// err, as the function's other failures are, but not returned, and err
// is overwritten below. The fix returns it as the others do, with no
// `if err != nil` around an error that cannot be nil.
func Project(path, mod string) (*Info, error) {
	var err error
	if path == "" {
		err = errors.New("not in project")
		return nil, err
	}
	i := strings.Index(path, mod)
	if i == -1 {
		err = fmt.Errorf("project %s is not inside module %s", path, mod) // want `err from fmt.Errorf is overwritten at line \d+ before it is checked`
	}
	info := &Info{Import: path[i+len(mod):]}
	info.Size, err = size(path)
	return info, err
}

// Info describes a project.
type Info struct {
	Import string
	Size   int64
}

func size(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// Note builds the error before more work in the same block: a return
// right after it would leave that work unreachable, so there is no fix.
func Note(path string) (n int, err error) {
	if path == "" {
		err = errors.New("empty path") // want `err from errors.New is overwritten at line \d+ before it is checked`
		n = -1
	}
	n, err = len(path), check(path)
	return n, err
}

func check(path string) error {
	if strings.Contains(path, "..") {
		return fmt.Errorf("%s leaves the tree", path)
	}
	return nil
}
