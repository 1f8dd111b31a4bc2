// Package dao holds typed-nil-error fixtures around a custom error type.
package dao

import (
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Error is the data layer's error.
type Error struct {
	Code int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("dao: %d %s", e.Code, e.Msg) }

// Errors collects several errors.
type Errors []error

func (es Errors) Error() string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.Error())
	}
	return b.String()
}

// newError always returns a non-nil *Error.
func newError(code int, msg string) *Error { return &Error{Code: code, Msg: msg} }

// check returns nil when the key is fine.
func check(key string) *Error {
	if key == "" {
		return &Error{Code: 400, Msg: "empty key"}
	}
	return nil
}

// Dao is the data access object.
type Dao struct {
	lastErr *Error
	closed  bool
}

// --- Positives ---

// Get is the classic: e is set only when something is wrong.
func (d *Dao) Get(key string) error {
	var e *Error
	if d.closed {
		e = &Error{Code: 500, Msg: "closed"}
	}
	return e // want `e can be a nil \*Error here; returned as error it is not nil`
}

// Validate returns the helper's *Error as an error.
func (d *Dao) Validate(key string) error {
	return check(key) // want `check\(key\) can return a nil \*Error; returned as error it is not nil`
}

// Save keeps the helper's result in a variable first.
func (d *Dao) Save(key string) (int, error) {
	cerr := check(key)
	return 0, cerr // want `cerr can be a nil \*Error from check; returned as error it is not nil`
}

// Never assigned at all.
func (d *Dao) Ping() error {
	var e *Error
	return e // want `e is a nil \*Error here; returned as error it is not nil`
}

// Explicit conversion.
func (d *Dao) Close() error {
	d.closed = true
	return (*Error)(nil) // want `\(\*Error\)\(nil\) is a nil \*Error here; returned as error it is not nil`
}

// Batch collects errors in a slice type that implements error.
func Batch(keys []string) error {
	var errs Errors
	for _, k := range keys {
		if k == "" {
			errs = append(errs, errors.New("empty key"))
		}
	}
	return errs // want `errs can be a nil Errors here; returned as error it is not nil`
}

// Named result set from a variable, returned bare.
func (d *Dao) Delete(key string) (err error) {
	var e *Error
	if key == "" {
		e = newError(400, "empty key")
	}
	err = e
	return // want `err can be a nil \*Error here; returned as error it is not nil`
}

// The comma-ok assertion leaves e nil when err holds something else.
func asDaoError(err error) error {
	e, _ := err.(*Error)
	return e // want `e is a nil \*Error when the type assertion fails; returned as error it is not nil`
}

// A switch that sets e in some cases only.
func codeError(code int) error {
	var e *Error
	switch code {
	case 404:
		e = newError(code, "not found")
	case 500:
		e = newError(code, "internal")
	}
	return e // want `e can be a nil \*Error here; returned as error it is not nil`
}

// A loop that may never set e.
func firstBad(keys []string) error {
	var e *Error
	for _, k := range keys {
		if bad := check(k); bad != nil {
			e = bad
			break
		}
	}
	return e // want `e can be a nil \*Error here; returned as error it is not nil`
}

// A closure returning error.
func (d *Dao) Loader() func(string) error {
	return func(key string) error {
		var e *Error
		if !strings.HasPrefix(key, "k") {
			e = newError(400, "bad key")
		}
		return e // want `e can be a nil \*Error here; returned as error it is not nil`
	}
}

// With a deferred call, go/ssa returns through a result slot.
func (d *Dao) Locked(mu *sync.Mutex, key string) error {
	mu.Lock()
	defer mu.Unlock()
	return check(key) // want `check\(key\) can return a nil \*Error; returned as error it is not nil`
}

// --- Negatives: a naive checker flags each of these ---

// Checked, with a deferred call.
func (d *Dao) LockedChecked(mu *sync.Mutex, key string) error {
	mu.Lock()
	defer mu.Unlock()
	if e := check(key); e != nil {
		return e // e != nil here
	}
	return nil
}

// Nil is nil.
func (d *Dao) Open() error {
	return nil // the untyped nil: a nil error
}

// A fresh value is never nil.
func (d *Dao) Fail() error {
	return &Error{Code: 500} // &T{} is not nil
}

// errors.New and fmt.Errorf return non-nil errors.
func (d *Dao) Other(key string) error {
	if key == "" {
		return errors.New("empty key") // an error value already
	}
	return fmt.Errorf("key %q: %w", key, d.Open()) // an error value already
}

// Checked before returning.
func (d *Dao) GetChecked(key string) error {
	if e := check(key); e != nil {
		return e // e != nil here
	}
	return nil
}

// Checked the other way round.
func (d *Dao) SaveChecked(key string) error {
	e := check(key)
	if e == nil {
		return nil
	}
	return e // e == nil returned above
}

// Assigned on every path.
func (d *Dao) Status(ok bool) error {
	var e *Error
	if ok {
		e = newError(200, "ok")
	} else {
		e = &Error{Code: 500}
	}
	return e // newError never returns nil, &Error{} is not nil
}

// The constructor never returns nil.
func (d *Dao) NotFound() error {
	return newError(404, "not found") // newError always returns &Error{}
}

// Stored into an error variable only when non-nil.
func (d *Dao) Merge(key string) error {
	var err error
	if e := check(key); e != nil {
		err = e
	}
	return err // a nil error, or a non-nil *Error
}

// The same condition decides both.
func (d *Dao) Correlated(strict bool) error {
	var e *Error
	if strict {
		e = newError(400, "strict")
	}
	if !strict {
		return nil
	}
	return e // strict: e was set
}

// errors.As fills the target through its address.
func unwrapDao(err error) error {
	var de *Error
	if errors.As(err, &de) {
		return de // errors.As found one: de is not nil
	}
	return err
}

// The comma-ok assertion checked.
func asChecked(err error) error {
	if e, ok := err.(*Error); ok {
		return e // ok: err held an *Error
	}
	return nil
}

// Fields are not tracked: whoever set lastErr decided.
func (d *Dao) Last() error {
	if d.lastErr == nil {
		return nil
	}
	return d.lastErr // checked, and a field anyway
}

// A concrete result type is no interface.
func (d *Dao) Raw(key string) *Error { // want Raw:"may return nil results \\[0\\]"
	return check(key) // *Error result: a nil *Error is what the caller expects
}

// Collected errors returned only when there are some.
func BatchChecked(keys []string) error {
	var errs Errors
	for _, k := range keys {
		if k == "" {
			errs = append(errs, errors.New("empty key"))
		}
	}
	if len(errs) > 0 {
		return errs // not empty: not nil
	}
	return nil
}

// Exits when nothing was set.
func mustGet(key string) error {
	e := check(key)
	if e == nil {
		panic("no error for " + key)
	}
	return e // the nil path panicked
}
