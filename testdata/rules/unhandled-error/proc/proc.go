// Package proc holds process plumbing reduced from real services.
package proc

import (
	"os"
	"os/signal"
	"syscall"
)

// Reraise stops handling SIGINT and sends it to the process itself, so
// that the default action runs.
func Reraise() {
	signal.Reset()
	syscall.Kill(os.Getpid(), syscall.SIGINT)       // a constant signal to the own pid cannot fail
	syscall.Kill(syscall.Getpid(), syscall.SIGTERM) // the same, with syscall's Getpid
}

// Stop signals another process, which may be gone or not ours.
func Stop(pid int) {
	syscall.Kill(pid, syscall.SIGTERM) // want "error returned by syscall.Kill is not checked"
}
