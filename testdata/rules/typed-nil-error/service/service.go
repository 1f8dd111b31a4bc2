// Package service holds typed-nil-error fixtures in a service layer.
package service

import (
	"context"
	"fmt"
)

// ValidationError says which field is wrong.
type ValidationError struct{ Field string }

func (e *ValidationError) Error() string { return "invalid " + e.Field }

// Request is a request.
type Request struct {
	UID  int64
	Name string
}

func validate(req *Request) *ValidationError {
	if req.UID <= 0 {
		return &ValidationError{Field: "uid"}
	}
	if req.Name == "" {
		return &ValidationError{Field: "name"}
	}
	return nil
}

// Service is the business logic.
type Service struct{}

// --- Positives ---

// Create returns validate's result as an error.
func (s *Service) Create(ctx context.Context, req *Request) error {
	return validate(req) // want `validate\(req\) can return a nil \*ValidationError; returned as error it is not nil`
}

// Update returns a value and validate's result.
func (s *Service) Update(ctx context.Context, req *Request) (int64, error) {
	uid := req.UID
	return uid, validate(req) // want `validate\(req\) can return a nil \*ValidationError; returned as error it is not nil`
}

// Check is the notes' example.
func (s *Service) Check(req *Request) error {
	var verr *ValidationError
	if req.UID <= 0 {
		verr = &ValidationError{Field: "uid"}
	}
	return verr // want `verr can be a nil \*ValidationError here; returned as error it is not nil`
}

// --- Negatives ---

// CreateChecked checks validate's result.
func (s *Service) CreateChecked(ctx context.Context, req *Request) error {
	if err := validate(req); err != nil {
		return err // not nil here
	}
	return nil
}

// Wrap wraps whatever it gets.
func (s *Service) Wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("service: %w", err) // fmt.Errorf never returns nil
}

// Self returns the receiver.
func (e *ValidationError) Self() error {
	return e // a receiver: not shown to be nil
}

// Pass returns a parameter.
func pass(e *ValidationError) error {
	return e // a parameter: the caller decides
}

// Stringer results are not errors but interfaces all the same; this one
// always has a value.
func (s *Service) Describe(req *Request) fmt.Stringer {
	return &reqString{req} // &T{} is not nil
}

type reqString struct{ r *Request }

func (r *reqString) String() string { return fmt.Sprint(r.r.UID) }

// Any is empty: typed nils in any are common and rarely compared.
func (s *Service) Any(req *Request) any {
	return validate(req) // an empty interface
}
