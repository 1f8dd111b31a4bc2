package dao

import (
	"errors"
	"os"
	"sync"
)

// Shapes from real code that return with a lock held on purpose.

type DB struct {
	rwlock sync.Mutex
	opened bool
	tx     *Tx
}

type Tx struct{ db *DB }

func (t *Tx) init(db *DB) { t.db = db }

// Close releases the writer lock taken by Begin.
func (t *Tx) Close() { t.db.rwlock.Unlock() }

// Begin unlocks on its error paths and hands the lock to the transaction
// it returns (the shape of bbolt's beginRWTx).
func (db *DB) Begin() (*Tx, error) {
	db.rwlock.Lock() // the returned Tx holds db and releases it in Close: not reported
	if !db.opened {
		db.rwlock.Unlock()
		return nil, errors.New("closed")
	}
	t := &Tx{}
	t.init(db)
	db.tx = t
	return t, nil
}

// BeginCommented says who releases the lock.
func (db *DB) BeginCommented() error {
	// Released by Commit, which the caller must call.
	db.rwlock.Lock() // the comment above says who releases it: not reported
	if !db.opened {
		db.rwlock.Unlock()
		return errors.New("closed")
	}
	return nil
}

type Conn struct {
	mu    sync.Mutex
	addrs []string
}

func (c *Conn) resetAndUnlock() {
	c.addrs = nil
	c.mu.Unlock()
}

// Update unlocks on early returns and hands the lock to a goroutine on the
// last path (the shape of grpc's addrConn.updateAddrs).
func (c *Conn) Update(addrs []string) {
	c.mu.Lock() // released by the goroutine resetAndUnlock: not reported
	if len(addrs) == 0 {
		c.mu.Unlock()
		return
	}
	c.addrs = addrs
	go c.resetAndUnlock()
}

// Range locks only when it must, and remembers it in a flag (the shape of
// etcd's baseReadTx.UnsafeRange).
func (c *Conn) Range(refresh bool) []string {
	locked := false
	if refresh {
		c.mu.Lock() // the flag says the lock is held: not reported
		locked = true
		c.addrs = append(c.addrs[:0], c.addrs...)
	}
	if len(c.addrs) == 0 {
		if locked {
			c.mu.Unlock()
		}
		return nil
	}
	if !locked {
		c.mu.Lock() // only when not locked above: not a double lock
	}
	out := append([]string(nil), c.addrs...)
	c.mu.Unlock()
	return out
}

var exitMu sync.Mutex

// Shutdown's goroutine takes the exit lock for good while the process
// dies (the shape of etcd's osutil.HandleInterrupts).
func Shutdown(sig chan os.Signal) {
	go func() {
		<-sig
		exitMu.Lock() // never released by design: the process is exiting; literals are not reported
		os.Stdout.Sync()
	}()
}

// Add returns its receiver, fluent style, with the lock held on one path.
func (c *Conn) Add(addr string) *Conn {
	c.mu.Lock() // want `c.mu.Lock\(\) is not unlocked on the return at line 110`
	if addr == "" {
		return c
	}
	c.addrs = append(c.addrs, addr)
	c.mu.Unlock()
	return c
}

// Calls runs the calls of one key one after another.
type Calls struct {
	mu sync.Mutex
	m  map[string]*sync.WaitGroup
}

// Do waits for a running call of the key, then hands the lock to
// makeCall, which unlocks it first thing (the shape of go-zero's
// syncx.lockedGroup.Do).
func (g *Calls) Do(key string, fn func() error) error {
begin:
	g.mu.Lock() // makeCall, a method of the owner, releases it before anything else: not reported
	if wg, ok := g.m[key]; ok {
		g.mu.Unlock()
		wg.Wait()
		goto begin
	}
	return g.makeCall(key, fn)
}

func (g *Calls) makeCall(key string, fn func() error) error {
	var wg sync.WaitGroup
	wg.Add(1)
	g.m[key] = &wg
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		delete(g.m, key)
		g.mu.Unlock()
		wg.Done()
	}()
	return fn()
}

// Running returns through a method of the owner that leaves the mutex
// alone: the lock is left held on that path.
func (g *Calls) Running(key string) bool {
	g.mu.Lock() // want `g.mu.Lock\(\) is not unlocked on the return at line \d+`
	if key != "" {
		return g.has(key)
	}
	g.mu.Unlock()
	return false
}

func (g *Calls) has(key string) bool {
	_, ok := g.m[key]
	return ok
}
