package dao

import (
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"os"
	"sync"

	"github.com/go-kratos/kratos/pkg/log"
)

// Conns holds what the account dao opens at start and closes at stop.
type Conns struct {
	db       *sql.DB
	member   net.Conn
	relation net.Conn
	pub      io.WriteCloser
	pw       *io.PipeWriter
	flushFn  func() error
}

// --- positives: a Close dropped as a statement ---

// Close releases the connections; nothing reports a failed Close.
func (c *Conns) Close() {
	if c.member != nil {
		// information: closing a connection only releases it
		c.member.Close() /* information */ // want `error returned by c.member.Close is not checked`
	}
	if err := c.relation.Close(); err != nil {
		log.Error("relation.Close error(%v)", err)
	}
	_ = c.pw.Close()                // an explicit discard
	c.pw.CloseWithError(io.EOF)     // closing a pipe always returns nil
	c.flushFn()                     // a step of Close other than closing: best effort
	c.pub.Close()                   // want `error returned by c.pub.Close is not checked`
	defer c.relation.Close()        // deferred
	defer func() { c.db.Close() }() // in a deferred function
	// information: closing a pool only releases it
	c.db.Close() /* information */ // want `error returned by c.db.Close is not checked`
}

// Stop closes the producer and then the database: a failed first Close
// is logged, not returned, so that the database is still closed.
func (c *Conns) Stop() error {
	c.pub.Close() // want `error returned by c.pub.Close is not checked`
	return c.db.Close()
}

// Idle holds idle connections and the requests waiting for one.
type Idle struct {
	mu   sync.Mutex
	idle []net.Conn
	reqs []chan net.Conn
}

// Close closes the idle connections under the lock: a failed Close is
// logged, not returned, so that the rest are closed and the lock released.
func (p *Idle) Close() error { // want Close:"never fails"
	p.mu.Lock()
	for _, c := range p.idle {
		// information: closing a connection only releases it
		c.Close() /* information */ // want `error returned by c.Close is not checked`
	}
	p.idle = nil
	for _, r := range p.reqs {
		close(r)
	}
	p.mu.Unlock()
	return nil
}

// Archive compresses data into a file created here: both Closes finish
// writing.
func Archive(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write(data); err != nil {
		zw.Close() // cleanup while the write error is returned
		f.Close()  // the same
		return fmt.Errorf("archive %s: %w", path, err)
	}
	zw.Close() // want `error returned by zw.Close is not checked`
	f.Close()  // want `error returned by f.Close is not checked`
	return nil
}

// Head reads the first line of a file opened for reading.
func Head(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	buf := make([]byte, 64)
	n, err := f.Read(buf)
	// information: a file opened for reading
	f.Close() /* information */ // want `error returned by f.Close is not checked`
	return string(buf[:n]), err
}

// CloseOrder closes an order: business logic, not a resource.
func (d *Dao) CloseOrder(ctx context.Context, id int64) error {
	_, err := d.db.Exec(ctx, "UPDATE orders SET closed = 1 WHERE id = ?", id)
	return err
}

// Expire closes the expired orders and drops each error: a warning, not a
// Close that only releases something.
func (d *Dao) Expire(ctx context.Context, ids []int64) {
	for _, id := range ids {
		d.CloseOrder(ctx, id) // want `error returned by d.CloseOrder is not checked`
	}
}

// --- an err overwritten before it is read, with a deferred reader ---

// UpdateSign runs two statements; the deferred rollback reads err only
// when the function returns, so the first error is lost.
func (d *Dao) UpdateSign(ctx context.Context, tx *sql.Tx, uid int64, sign string) (err error) {
	defer func() {
		if err != nil {
			tx.Rollback() // in a deferred function
		}
	}()
	_, err = tx.ExecContext(ctx, "UPDATE user SET sign = ? WHERE uid = ?", sign, uid) // want `err from tx.ExecContext is overwritten at line \d+ before it is checked`
	_, err = tx.ExecContext(ctx, "UPDATE user SET mtime = NOW() WHERE uid = ?", uid)
	return
}

// Probe logs its error from a deferred function: a plain variable read at
// the end of the function.
func (d *Dao) Probe(ctx context.Context, tx *sql.Tx) {
	var err error
	defer func() {
		if err != nil {
			log.Error("ping error(%v)", err)
		}
	}()
	_, err = tx.ExecContext(ctx, "SELECT 1") // want `err from tx.ExecContext is overwritten at line \d+ before it is checked`
	_, err = tx.ExecContext(ctx, "SELECT 2")
}

// --- negatives: the deferred function reads the value ---

// UpdateChecked checks the first err; the second is read by the deferred
// function when the bare return hands it over.
func (d *Dao) UpdateChecked(ctx context.Context, tx *sql.Tx, uid int64) (err error) {
	defer func() {
		if err != nil {
			tx.Rollback() // in a deferred function
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE user SET sign = '' WHERE uid = ?", uid); err != nil {
		return
	}
	_, err = tx.ExecContext(ctx, "UPDATE user SET mtime = NOW() WHERE uid = ?", uid) // read by the deferred function at the bare return
	return
}

// PingLast assigns err last: the deferred function reads it when the
// function falls off its end.
func (d *Dao) PingLast(ctx context.Context, tx *sql.Tx) {
	var err error
	defer func() {
		if err != nil {
			log.Error("ping error(%v)", err)
		}
	}()
	_, err = tx.ExecContext(ctx, "SELECT 1") // read by the deferred function at the end
}

// PingEarly returns between the assignments: the deferred function reads
// the first value on that path.
func (d *Dao) PingEarly(ctx context.Context, tx *sql.Tx, twice bool) {
	var err error
	defer func() {
		if err != nil {
			log.Error("ping error(%v)", err)
		}
	}()
	_, err = tx.ExecContext(ctx, "SELECT 1") // read by the deferred function when !twice returns
	if !twice {
		return
	}
	_, err = tx.ExecContext(ctx, "SELECT 2")
}

// Report reads err through a closure it calls, not a deferred one: the
// rule cannot tell when, and assumes it does.
func (d *Dao) Report(ctx context.Context, tx *sql.Tx) {
	var err error
	report := func() {
		if err != nil {
			log.Error("report error(%v)", err)
		}
	}
	_, err = tx.ExecContext(ctx, "SELECT 1") // read by report below
	report()
	_, err = tx.ExecContext(ctx, "SELECT 2")
	report()
}
