// Package dao is the data layer of the fixture: every call to the
// database can fail.
package dao

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
)

// ErrNotFound is returned for a missing account.
var ErrNotFound = errors.New("not found")

// DB is the database the Dao talks to.
type DB interface {
	Exec(ctx context.Context, query string, args ...any) (int64, error)
	QueryRow(ctx context.Context, query string, args ...any) (string, error)
	Begin(ctx context.Context) (*sql.Tx, error)
}

// Dao reads and writes accounts.
type Dao struct {
	db     DB
	limits map[int64]int
}

// --- positives ---

func (d *Dao) AddBalance(ctx context.Context, uid, amount int64) error { // want AddBalance:"never fails"
	d.db.Exec(ctx, "UPDATE account SET balance = balance + ? WHERE uid = ?", amount, uid) // want `error returned by d.db.Exec is not checked`
	return nil
}

func (d *Dao) Name(ctx context.Context, uid int64) (string, error) { // want Name:"never fails"
	name, _ := d.db.QueryRow(ctx, "SELECT name FROM account WHERE uid = ?", uid) // want `error returned by d.db.QueryRow is discarded; name may be empty when it fails`
	return name, nil
}

func (d *Dao) Transfer(ctx context.Context, from, to, amount int64) error {
	_, err := d.db.Exec(ctx, "UPDATE account SET balance = balance - ? WHERE uid = ?", amount, from) // want `err from d.db.Exec is overwritten at line \d+ before it is checked`
	_, err = d.db.Exec(ctx, "UPDATE account SET balance = balance + ? WHERE uid = ?", amount, to)
	return err
}

func (d *Dao) Level(ctx context.Context, uid int64) (int32, error) {
	s, err := d.db.QueryRow(ctx, "SELECT level FROM account WHERE uid = ?", uid)
	if err != nil {
		return 0, err
	}
	lv, err := strconv.Atoi(s) // want `err from strconv.Atoi is never checked`
	return int32(lv), nil
}

// Rename reuses err: its value is dead where the dropped call stands.
func (d *Dao) Rename(ctx context.Context, uid int64, name string) error {
	old, err := d.db.QueryRow(ctx, "SELECT name FROM account WHERE uid = ?", uid)
	if err != nil {
		return err
	}
	d.db.Exec(ctx, "INSERT INTO history (uid, name) VALUES (?, ?)", uid, old) // want `error returned by d.db.Exec is not checked`
	_, err = d.db.Exec(ctx, "UPDATE account SET name = ? WHERE uid = ?", name, uid)
	return err
}

// Sync has a named err that a deferred function reads: the fix must not
// touch it.
func (d *Dao) Sync(ctx context.Context, uid int64) (err error) { // no fact: the deferred function may set err
	defer func() {
		if err != nil {
			delete(d.limits, uid)
		}
	}()
	d.db.Exec(ctx, "CALL sync_account(?)", uid) // want `error returned by d.db.Exec is not checked`
	return nil
}

// Profile discards an error while err of the same block is dead.
func (d *Dao) Profile(ctx context.Context, uid int64) (string, int, error) {
	name, err := d.db.QueryRow(ctx, "SELECT name FROM account WHERE uid = ?", uid)
	if err != nil {
		return "", 0, err
	}
	// information: an empty age is a value, not a crash (and Atoi rejects it)
	age, _ := d.db.QueryRow(ctx, "SELECT age FROM account WHERE uid = ?", uid) /* information */ // want `error returned by d.db.QueryRow is discarded; age may be empty when it fails`
	n, err := strconv.Atoi(age)
	if err != nil {
		return "", 0, err
	}
	return name, n, nil
}

// Nick discards an error in a nested block while the outer err is read
// later: the fix binds a name of its own.
func (d *Dao) Nick(ctx context.Context, uid int64) (string, error) {
	name, err := d.db.QueryRow(ctx, "SELECT name FROM account WHERE uid = ?", uid)
	if uid > 1000 {
		// information: an empty nick is a value, not a crash
		nick, _ := d.db.QueryRow(ctx, "SELECT nick FROM account WHERE uid = ?", uid) /* information */ // want `error returned by d.db.QueryRow is discarded; nick may be empty when it fails`
		name = nick
	}
	return name, err
}

func (d *Dao) Limits(raw []byte) map[string]int {
	var limits map[string]int
	json.Unmarshal(raw, &limits) // want `error returned by json.Unmarshal is not checked`
	return limits
}

func (d *Dao) Snapshot(v map[string]any) string {
	// information: a nil []byte is an empty one
	b, _ := json.Marshal(v) /* information */ // want `error returned by json.Marshal is discarded; b may be nil when it fails`
	return string(b)
}

func (d *Dao) Export(path string, rows []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := fmt.Fprintln(f, r); err != nil {
			return err
		}
	}
	f.Close() // want `error returned by f.Close is not checked`
	return nil
}

func (d *Dao) Lock(ctx context.Context, uid int64) error {
	var err error
	for i := 0; i < 3; i++ {
		switch {
		case i > 0:
			_, err = d.db.Exec(ctx, "SELECT GET_LOCK(?, 1)", uid) // want `err from d.db.Exec is overwritten at line \d+ before it is checked`
		}
	}
	if err = d.Ping(ctx); err != nil {
		return err
	}
	return nil
}

// --- negatives a naive checker would flag ---

// Ping is a stub that will fail one day.
func (d *Dao) Ping(ctx context.Context) error { return nil }

// count never fails: it does its work and every return gives a nil error.
func (d *Dao) count(uid int64) error {
	d.limits[uid]++
	return nil
}

func (d *Dao) Explicit(ctx context.Context, uid int64) {
	_, _ = d.db.Exec(ctx, "DELETE FROM cache WHERE uid = ?", uid) // explicit: the drop is written down
	d.count(uid)                                                  // count cannot fail
}

func (d *Dao) Health(ctx context.Context) bool {
	d.Ping(ctx) // want `error returned by d.Ping is not checked`
	return true
}

func (d *Dao) Refund(ctx context.Context, uid, amount int64) error {
	tx, err := d.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback() // deferred cleanup
	if _, err := tx.ExecContext(ctx, "UPDATE account SET balance = balance + ? WHERE uid = ?", amount, uid); err != nil {
		tx.Rollback() // cleanup while another error is being returned
		return err
	}
	if amount > 1e6 {
		tx.Rollback() // cleanup on a branch that returns an error
		return fmt.Errorf("refund of %d is too large", amount)
	}
	return tx.Commit()
}

func (d *Dao) Count(ctx context.Context) (int, error) {
	def, _ := strconv.Atoi("100") // a constant parses the same on every run
	s, err := d.db.QueryRow(ctx, "SELECT COUNT(*) FROM account")
	if err != nil {
		return def, err
	}
	n, _ := strconv.Atoi(s) // the zero value is handled on the next line
	if n <= 0 {
		n = def
	}
	return n, nil
}

type event struct {
	UID    int64  `json:"uid"`
	Action string `json:"action"`
}

func (d *Dao) Event(uid int64) []byte {
	b, _ := json.Marshal(event{UID: uid, Action: "login"}) // nothing in event can fail to marshal
	return b
}

// Normalise is reduced from jaeger's UI config loader: a map that
// json.Unmarshal filled holds only what JSON can say, so encoding it
// again cannot fail.
func Normalise(data []byte) ([]byte, error) {
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	r, _ := json.Marshal(c) // json decoded c: nothing in it can fail to encode
	return append([]byte("CONFIG = "), r...), nil
}

// Stamp adds a value of its own to the decoded map: a NaN can fail.
func Stamp(data []byte, score float64) ([]byte, error) {
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	c["score"] = score
	r, _ := json.Marshal(c) // want `error returned by json.Marshal is discarded; r may be nil when it fails`
	return r, nil
}

func (d *Dao) Debug(ctx context.Context, uid int64) {
	raw, _ := d.db.QueryRow(ctx, "SELECT raw FROM account WHERE uid = ?", uid) // only printed
	fmt.Printf("account %d: %s\n", uid, raw)
}

func (d *Dao) Strict(s string) bool {
	ok, _ := strconv.ParseBool(s) // false is the answer for malformed input
	return ok
}

func (d *Dao) Retry(ctx context.Context, uid int64) error {
	_, err := d.db.Exec(ctx, "UPDATE account SET retries = retries + 1 WHERE uid = ?", uid)
	if uid%2 == 0 {
		return err // read on this path
	}
	_, err = d.db.Exec(ctx, "UPDATE account SET retries = 0 WHERE uid = ?", uid)
	return err
}

func (d *Dao) Watch(ctx context.Context, uid int64) func() error {
	_, err := d.db.Exec(ctx, "LISTEN account") // captured by the closure below
	return func() error { return err }
}

func (d *Dao) Tmp(path string) error {
	os.Remove(path + ".tmp") // cleanup of a temporary file
	return os.WriteFile(path, nil, 0o644)
}
