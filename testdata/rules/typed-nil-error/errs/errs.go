// Package errs is a shared error package: its functions are called from
// another package, which sees what they return through facts.
package errs

import "fmt"

// Error is a coded error.
type Error struct{ Code int }

func (e *Error) Error() string { return fmt.Sprintf("code %d", e.Code) }

// Check returns nil when code is fine.
func Check(code int) *Error { // want Check:"may return nil results \\[0\\]"
	if code >= 400 {
		return &Error{Code: code}
	}
	return nil
}

// New never returns nil.
func New(code int) *Error { return &Error{Code: code} }

// Parse returns nil with its error, by convention not looked at.
func Parse(s string) (*Error, error) {
	if s == "" {
		return nil, fmt.Errorf("empty")
	}
	return &Error{Code: len(s)}, nil
}
