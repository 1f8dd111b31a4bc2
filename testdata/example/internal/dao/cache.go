package dao

import (
	"context"
	"sync"
	"time"

	"github.com/example/account/internal/model"
)

// accountTTL is how long a cached account stays fresh.
const accountTTL = time.Minute

// accountCache keeps recently read accounts in memory, in front of the
// accounts table.
type accountCache struct {
	mu     sync.Mutex
	items  map[int64]cachedAccount
	hits   int64
	misses int64
}

type cachedAccount struct {
	account *model.Account
	expire  time.Time
}

var cache = &accountCache{items: make(map[int64]cachedAccount)}

// get returns the cached account of uid, or nil when it is missing or
// stale.
func (c *accountCache) get(uid int64) *model.Account {
	c.mu.Lock() // pitfall: deadlock
	it, ok := c.items[uid]
	if !ok || time.Now().After(it.expire) {
		c.misses++
		return nil
	}
	c.hits++
	c.mu.Unlock()
	return it.account
}

// set caches a for accountTTL.
func (c *accountCache) set(a *model.Account) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[a.UID] = cachedAccount{account: a, expire: time.Now().Add(accountTTL)}
}

// CachedAccount returns the account of uid, from the cache when it can.
func (d *Dao) CachedAccount(ctx context.Context, uid int64) (*model.Account, error) {
	if a := cache.get(uid); a != nil {
		return a, nil
	}
	a, err := d.Account(ctx, uid)
	if err != nil {
		return nil, err
	}
	cache.set(a)
	return a, nil
}
