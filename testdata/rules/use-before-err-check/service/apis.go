package service

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"os"

	"google.golang.org/grpc"
)

// --- positives: methods of other packages known to dereference a nil receiver ---

// Names closes rows that are nil when the query fails.
func Names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM user")
	defer rows.Close() // want `rows used before err is checked; rows may be nil when db.QueryContext fails`
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// Connect closes a connection that is nil when Dial fails.
func Connect(target string) error {
	conn, err := grpc.Dial(target)
	defer conn.Close() // want `conn used before err is checked; conn may be nil when grpc.Dial fails`
	if err != nil {
		return err
	}
	return nil
}

// QueryOf reads the query of a URL that is nil when Parse fails.
func QueryOf(raw string) (url.Values, error) {
	u, err := url.Parse(raw)
	q := u.Query() // want `u used before err is checked; u may be nil when url.Parse fails`
	if err != nil {
		return nil, err
	}
	return q, nil
}

// WithTimeout derives a request from one that is nil when NewRequest fails.
func WithTimeout(ctx context.Context, target string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, target, nil)
	req = req.WithContext(ctx) // want `req used before err is checked`
	return req, err
}

// StoreError is a concrete error type.
type StoreError struct{ Code int }

func (e *StoreError) Error() string { return "store error" }

type node struct{ value string }

func find(m map[string]*node, key string) (*node, *StoreError) {
	n, ok := m[key]
	if !ok {
		return nil, &StoreError{Code: 100}
	}
	return n, nil
}

// Value uses a result whose error has a concrete pointer type.
func Value(m map[string]*node, key string) (string, error) {
	n, serr := find(m, key)
	v := n.value // want `n used before err is checked; n is nil when find fails`
	if serr != nil {
		return "", serr
	}
	return v, nil
}

// --- negatives ---

// ReadConfig defers Close of an *os.File: its methods check for nil.
func ReadConfig(path string) error {
	f, err := os.Open(path)
	defer f.Close() // (*os.File).Close returns ErrInvalid on a nil file
	return err
}

// Redacted calls a nil-safe method of url.URL.
func Redacted(raw string) (string, error) {
	u, err := url.Parse(raw)
	s := u.Redacted() // Redacted returns "" for a nil URL
	return s, err
}

// TypedNil stores an *os.File in an io.Reader: the interface is never nil.
func TypedNil(path string) error {
	var r interface{ Read([]byte) (int, error) }
	var err error
	r, err = os.Open(path)
	_, _ = r.Read(nil) // r holds a (*os.File)(nil), whose Read checks for nil
	return err
}
