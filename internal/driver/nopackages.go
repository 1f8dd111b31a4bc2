package driver

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
)

// A NoPackagesError is Analyze's error when no package matches the
// patterns (errors.Is(err, ErrNoPackages)), with the go command's reason
// when it gave one.
type NoPackagesError struct {
	// Reason is what go list printed, such as "go: updates to go.mod
	// needed; to update it: go mod tidy" after an import that go.mod
	// does not provide for: go/packages drops it when it lists nothing.
	Reason string
}

func (e *NoPackagesError) Error() string {
	if e.Reason == "" {
		return ErrNoPackages.Error()
	}
	return ErrNoPackages.Error() + ": " + e.Reason
}

func (e *NoPackagesError) Is(target error) bool { return target == ErrNoPackages }

// noPackages returns the error of patterns that match nothing, asking
// the go command why.
func noPackages(ctx context.Context, dir string, env, patterns []string) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"list", "-e", "-f", "{{if .Error}}{{.Error}}{{end}}"}, patterns...)...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // its complaint is what is wanted, on either stream
	reason := strings.TrimSpace(stderr.String())
	if reason == "" {
		reason = strings.TrimSpace(stdout.String())
	}
	return &NoPackagesError{Reason: reason}
}

// listFailed returns the error of Analyze when the go command cannot list
// the patterns at all (a go.mod that needs updating, a module it cannot
// resolve): no package matches, for the reason the go command gives. The
// loader's error is returned as it is when the go command gives none (it
// could not run) or the context is done.
func listFailed(ctx context.Context, dir string, env, patterns []string, err error) error {
	if ctx.Err() != nil {
		return err
	}
	var none *NoPackagesError
	if errors.As(noPackages(ctx, dir, env, patterns), &none) && none.Reason != "" {
		return none
	}
	return err
}
