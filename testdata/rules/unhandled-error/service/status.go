package service

import "errors"

type Status struct{ msg string }

func (s *Status) Error() string { return s.msg }

// WithDetails returns a copy of s with details, or an error.
func (s *Status) WithDetails(details ...string) (*Status, error) {
	if len(details) > 8 {
		return nil, errors.New("too many details")
	}
	return &Status{msg: s.msg}, nil
}

// The other result is named err: the fix must not bind the error to err too.
func denied(s *Status) error {
	err, _ := s.WithDetails("denied") // want `error returned by s.WithDetails is discarded; err may be nil when it fails`
	return err
}
