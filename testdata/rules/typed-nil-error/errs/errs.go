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

// Clone returns nil only for a nil err: nil in, nil out.
func Clone(err *Error) *Error {
	if err == nil {
		return nil
	}
	c := *err
	return &c
}

// WithCode returns a copy with another code; the copy is dereferenced
// before it is returned, so it is not nil.
func (e *Error) WithCode(code int) *Error {
	err := Clone(e)
	err.Code = code
	return err
}
