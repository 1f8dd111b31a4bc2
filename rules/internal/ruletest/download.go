package ruletest

import (
	"os"
	"os/exec"
	"testing"
)

// DownloadOrSkip makes the modules that the packages of the fixture
// module in dir need available in the module cache, fetching them through
// the module proxy (GOPROXY as configured) if they are not cached, and
// skips the test with a message when they cannot be fetched. Fixtures
// that require real framework modules (not stubs) call it before Run: the
// analysis itself runs with GOPROXY=off.
func DownloadOrSkip(t *testing.T, dir string) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped in -short mode: needs real modules from the module cache or proxy")
	}
	cmd := exec.Command("go", "list", "-deps", "-test", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=on", "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("the modules of %s cannot be downloaded (%v); skipping:\n%s", dir, err, out)
	}
}
