package service

import "errors"

// ExitFailedStartup is the exit code of a command that failed to start.
const ExitFailedStartup = 1

type termState struct{ mode int }

func getState(fd int) (*termState, error) {
	if fd < 0 {
		return nil, errors.New("bad fd")
	}
	return &termState{mode: fd}, nil
}

// hashPassword is a command: it returns an exit code with its error, and
// every failure says ExitFailedStartup (caddy's commands). The fix must
// return that too: 0 with an error would exit as a success.
func hashPassword(fd int, plaintext string) (int, error) {
	if plaintext == "" {
		return ExitFailedStartup, errors.New("empty password")
	}
	state, _ := getState(fd) // want `error returned by getState is discarded; state may be nil when it fails`
	if state.mode == 0 {
		return ExitFailedStartup, errors.New("not a terminal")
	}
	return 0, nil
}

// mixed returns different codes on its failures: no agreement, so the
// fix returns the zero value.
func mixed(fd int, name string) (int, error) {
	if name == "" {
		return 2, errors.New("no name")
	}
	state, _ := getState(fd) // want `error returned by getState is discarded; state may be nil when it fails`
	if state.mode == 0 {
		return 3, errors.New("not a terminal")
	}
	return 0, nil
}

// restore checks getState's error, as the package does elsewhere: the
// drops above are not the package's habit.
func restore(fd int) error {
	s, err := getState(fd)
	if err != nil {
		return err
	}
	s.mode = 0
	return nil
}
