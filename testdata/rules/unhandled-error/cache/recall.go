package cache

// Errors of a concrete type, `var r, _ = f()`, an error read from a
// field: reduced from gorm-style data access.

// ValidationError is a concrete error type.
type ValidationError struct{ Field string }

func (e *ValidationError) Error() string { return e.Field + " is invalid" }

func validate(name string) *ValidationError {
	if name == "" {
		return &ValidationError{Field: "name"}
	}
	return nil
}

// Reply is an error type whose methods build it.
type Reply struct{ msg string }

func (r *Reply) Error() string { return r.msg }

// WithMessage returns its receiver: a builder, not a call that fails.
func (r *Reply) WithMessage(m string) *Reply {
	r.msg = m
	return r
}

// Record is a stored record.
type Record struct{ Name string }

func lookup(name string) (*Record, error) {
	if name == "" {
		return nil, ErrNotFound
	}
	return &Record{Name: name}, nil
}

// Context records errors, as gin's does.
type Context struct{ errs []*ValidationError }

// Error records err and hands it back: not a call that fails.
func (c *Context) Error(err error) *ValidationError {
	e := &ValidationError{Field: err.Error()}
	c.errs = append(c.errs, e)
	return e
}

// DB is a gorm-like handle: each call keeps its error in a field.
type DB struct{ Error error }

func (db *DB) Create(v any) *DB { return db }
func (db *DB) Save(v any) *DB   { return db }

// Register drops a concrete error and builds a reply.
func Register(name string) *Reply {
	// information: a concrete error type; such calls more often build or
	// record an error, or are called with arguments that rule it out
	validate(name) /* information */ // want `error returned by validate is not checked`
	r := &Reply{}
	r.WithMessage("registered") // a builder returning its receiver
	c := &Context{}
	c.Error(r) // records the error it is given
	return r
}

// Load uses the result of a var declaration that dropped the error.
func Load(name string) string {
	var r, _ = lookup(name) // want `error returned by lookup is discarded; r may be nil when it fails`
	return r.Name
}

// Create overwrites the error read from a field before reading it.
func Create(db *DB, r *Record) error {
	err := db.Create(r).Error // want `err from db.Create\(r\).Error is overwritten at line \d+ before it is checked`
	err = db.Save(r).Error
	return err
}
