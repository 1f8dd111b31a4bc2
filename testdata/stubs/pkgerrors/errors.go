// Package errors is a stub of github.com/pkg/errors (v0.9.1): WithStack,
// WithMessage and Wrap return nil for a nil error.
package errors

import "fmt"

// New returns an error with the message.
func New(message string) error { return fmt.Errorf("%s", message) }

// Errorf formats an error.
func Errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// WithStack annotates err with a stack trace; nil for nil.
func WithStack(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w", err)
}

// WithMessage annotates err with a message; nil for nil.
func WithMessage(err error, message string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", message, err)
}

// Wrap annotates err with a message and a stack trace; nil for nil.
func Wrap(err error, message string) error { return WithMessage(err, message) }

// Wrapf is Wrap with a format.
func Wrapf(err error, format string, args ...any) error {
	return WithMessage(err, fmt.Sprintf(format, args...))
}
