// Package recall holds the shapes of staticcheck's SA4023 that a
// one-function view misses: another package's function, a pointer field,
// a variable still nil in a multi-value return, a parameter on its own
// nil path.
package recall

import (
	"errors"

	"example.com/typednil/errs"
)

// --- another package's function (facts) ---

// Validate returns the shared package's *Error as an error.
func Validate(code int) error {
	return errs.Check(code) // want `errs.Check\(code\) can return a nil \*errs.Error; returned as error it is not nil`
}

// Keep holds the result first.
func Keep(code int) (int, error) {
	e := errs.Check(code)
	return code, e // want `e can be a nil \*errs.Error from Check; returned as error it is not nil`
}

// Fresh calls a constructor that never returns nil.
func Fresh(code int) error {
	return errs.New(code) // errs.New always returns &Error{}
}

// Coded returns a copy made by a method that dereferences it first.
func Coded(code int) error {
	return errs.New(400).WithCode(code) // WithCode returns nil only for a nil receiver
}

// Parsed returns the value of a (nil, err) pair only when err is nil.
func Parsed(s string) error {
	e, err := errs.Parse(s)
	if err != nil {
		return err
	}
	return e // Parse returns nil only with an error
}

// --- a pointer field ---

// Reply carries its error in a field that the package leaves nil.
type Reply struct {
	Err  *errs.Error
	Data []byte
}

// NewReply builds a reply without an error.
func NewReply(data []byte) *Reply { return &Reply{Data: data} }

// Result returns the field as an error.
func (r *Reply) Result() error {
	return r.Err // want `r.Err can be a nil \*errs.Error; returned as error it is not nil`
}

// Checked checks the field first.
func (r *Reply) Checked() error {
	if r.Err != nil {
		return r.Err // checked on the way
	}
	return nil
}

// Nilled returns the field on its own nil path.
func (r *Reply) Nilled() error {
	if r.Err == nil {
		return r.Err // want `r.Err is a nil \*errs.Error here; returned as error it is not nil`
	}
	return errors.New("failed")
}

// Status keeps an error that every constructor of the package sets.
type Status struct {
	err *errs.Error
}

// NewStatus always sets err.
func NewStatus(code int) *Status { return &Status{err: errs.New(code)} }

// Err returns the field: nothing in the package leaves it nil, so only
// information.
func (s *Status) Err() error {
	return s.err /* information */ // want `s.err can be a nil \*errs.Error; returned as error it is not nil`
}

// Router is a group whose root returns its engine: an invariant of the
// type, not an error (gin's RouterGroup.returnObj).
type Router interface{ Handle(path string) }

// Engine is the root router.
type Engine struct{ group Group }

// Handle registers a path.
func (e *Engine) Handle(path string) {}

// Group is a route group; engine is set right after the literal.
type Group struct {
	engine *Engine
	root   bool
}

// NewEngine builds an engine and points its group at it.
func NewEngine() *Engine {
	e := &Engine{group: Group{root: true}}
	e.group.engine = e
	return e
}

// Handle registers a path.
func (g *Group) Handle(path string) {}

// returnObj returns the engine for the root group.
func (g *Group) returnObj() Router {
	if g.root {
		return g.engine // a field returned as another interface than error
	}
	return g
}

// --- a variable still nil in a multi-value return ---

// Lookup sets e only when the key is missing.
func Lookup(m map[string]int, key string) (int, error) {
	var e *errs.Error
	v, ok := m[key]
	if !ok {
		e = errs.New(404)
	}
	return v, e // want `e can be a nil \*errs.Error here; returned as error it is not nil`
}

// --- a parameter on its own nil path ---

// Wrap returns its parameter where it is nil.
func Wrap(e *errs.Error) error {
	if e == nil {
		return e // want `e is a nil \*errs.Error here; returned as error it is not nil`
	}
	return errors.New("wrapped")
}

// Pass returns its parameter: whoever calls it decides.
func Pass(e *errs.Error) error {
	return e // a parameter: not known to be nil here
}
