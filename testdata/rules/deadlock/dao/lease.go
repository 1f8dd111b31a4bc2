package dao

import "sync"

type Lease struct {
	mu    sync.Mutex
	items map[string]bool
}

type Lessor struct {
	mu     sync.RWMutex
	leases map[int64]*Lease
}

// Attach forgets to unlock the lease: a local pointer reaches a shared
// mutex.
func (le *Lessor) Attach(id int64, item string) error {
	le.mu.Lock()
	defer le.mu.Unlock()
	l := le.leases[id]
	if l == nil {
		return ErrNotFound
	}
	l.mu.Lock() // want `l.mu.Lock\(\) is never unlocked on the return at line 26`
	l.items[item] = true
	return nil
}

// closeUnlocked closes the lease; the caller holds l.mu. Its name says
// what the caller holds, not that it unlocks.
func (l *Lease) closeUnlocked() bool {
	l.items = nil
	return true
}

// Close forgot its deferred Unlock.
func (l *Lease) Close() bool {
	l.mu.Lock() // want `l.mu.Lock\(\) is never unlocked on the return at line 39`
	return l.closeUnlocked()
}

// Batch is a write batch with its own lock methods.
type Batch struct{ mu sync.Mutex }

func (b *Batch) Lock()   { b.mu.Lock() }
func (b *Batch) Unlock() { b.mu.Unlock() }

// Save unlocks the batch, not the lessor.
func (le *Lessor) Save(b *Batch) {
	le.mu.Lock() // want `le.mu.Lock\(\) is never unlocked when the function ends at line 54`
	b.Lock()
	defer b.Unlock()
	le.leases = nil
}

// ReleaseTo releases file locks (its doc speaks of holding locks, not of
// returning with le.mu held).
// For example, if the lessor is holding lock 1,2,3, ReleaseTo(2) keeps 3.
func (le *Lessor) ReleaseTo(index int64) error {
	le.mu.Lock() // want `le.mu.Lock\(\) is not unlocked on the return at line 62`
	if len(le.leases) == 0 {
		return nil
	}
	delete(le.leases, index)
	le.mu.Unlock()
	return nil
}

var (
	statusMu sync.Mutex
	status   func() string
)

// Publish registers a callback that returns with statusMu held.
func Publish(register func(func() any)) {
	register(func() any {
		statusMu.Lock() // want `statusMu.Lock\(\) is not unlocked on the return at line 79`
		if status == nil {
			return nil
		}
		s := status()
		statusMu.Unlock()
		return s
	})
}
