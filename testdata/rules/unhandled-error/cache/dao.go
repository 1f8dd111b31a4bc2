package cache

import (
	"context"
	"errors"
	"net/http"
	"os"
	"regexp"

	"github.com/go-kratos/kratos/pkg/log"
	"github.com/go-kratos/kratos/pkg/sync/pipeline/fanout"
)

// ErrNotFound is the store's "no such key".
var ErrNotFound = errors.New("not found")

// Dao reads through a cache.
type Dao struct {
	cache *fanout.Fanout
	store map[string]string
}

// AddCacheArticle fills the cache.
func (d *Dao) AddCacheArticle(ctx context.Context, id string, v string) error {
	if v == "" {
		return errors.New("empty article")
	}
	d.store[id] = v
	return nil
}

// Article fills the cache in the background: a failed fill is best
// effort by design, and the next read misses again.
func (d *Dao) Article(ctx context.Context, id string) string {
	v := d.store[id]
	// information: fanout drops the work when its queue is full, by design
	d.cache.Do(ctx, func(ctx context.Context) { /* information */ // want `error returned by d.cache.Do is not checked`
		// information: a background cache fill
		d.AddCacheArticle(ctx, id, v) /* information */ // want `error returned by d.AddCacheArticle is not checked`
	})
	return v
}

// Strip removes constant patterns: each Compile fails on every run or
// never.
func Strip(tag string) string {
	for _, p := range []string{"required *,*", "omitempty *,*"} {
		re, _ := regexp.Compile(p) // compiles a constant
		tag = re.ReplaceAllString(tag, "")
	}
	return tag
}

// StripAll does the same with the list in a variable.
func StripAll(tag string) string {
	patterns := []string{"required *,*", "omitempty *,*"}
	for _, p := range patterns {
		re, _ := regexp.Compile(p) // compiles a constant
		tag = re.ReplaceAllString(tag, "")
	}
	return tag
}

// StripSome compiles patterns from a list it changes: not constants.
func StripSome(tag, extra string) string {
	patterns := []string{"required *,*"}
	patterns[0] = extra
	for _, p := range patterns {
		re, _ := regexp.Compile(p) // want `error returned by regexp.Compile is discarded; re may be nil when it fails`
		tag = re.ReplaceAllString(tag, "")
	}
	return tag
}

// Handle parses the form: a malformed one is left empty, as FormValue
// leaves it.
func Handle(w http.ResponseWriter, r *http.Request) {
	r.ParseForm() // the handler sees the parameters missing
	w.Write([]byte(r.FormValue("id")))
}

// Save writes and syncs a file: what Close could still lose is on disk.
func Save(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	// information: the file is synced
	f.Close() /* information */ // want `error returned by f.Close is not checked`
	return err
}

// Lookup compares the error with one sentinel only: any other failure
// is lost.
func (d *Dao) Lookup(ctx context.Context, id string) (string, bool) {
	v, err := d.get(ctx, id) // want `err from d.get is only compared with ErrNotFound before it is overwritten at line \d+; other failures are lost`
	if err == ErrNotFound {
		return "", false
	}
	v, err = d.get(ctx, "default")
	if err != nil {
		log.Error("default: %v", err)
	}
	return v, true
}

func (d *Dao) get(ctx context.Context, id string) (string, error) {
	v, ok := d.store[id]
	if !ok {
		return "", ErrNotFound
	}
	if v == "" {
		return "", errors.New("empty value")
	}
	return v, nil
}

// Exists asks whether a file exists: the probe's other failures count as
// "it exists", which is what the caller asked.
func Exists(path string) bool {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return false
	}
	return true
}
