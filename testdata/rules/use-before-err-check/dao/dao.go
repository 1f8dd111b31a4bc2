// Package dao holds the callees: their bodies are in the package, so the
// rule knows what they return when they fail.
package dao

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
)

// ErrNotFound is returned for a missing user.
var ErrNotFound = errors.New("not found")

// User is a stored user.
type User struct {
	ID   int64
	Name string
	Tags map[string]string
	Base
}

// Base is embedded in User.
type Base struct{ Created int64 }

// Age has a value receiver, promoted through the embedded Base.
func (b Base) Age(now int64) int64 { return now - b.Created }

// Display has a value receiver: calling it through a nil *User copies *u.
func (u User) Display() string { return fmt.Sprintf("%d:%s", u.ID, u.Name) }

// Key has a pointer receiver and reads u.ID first thing.
func (u *User) Key() string { return "user:" + strconv.FormatInt(u.ID, 10) } // want Key:"derefs its receiver"

// CacheKey calls Key, which dereferences the receiver.
func (u *User) CacheKey() string { // want CacheKey:"derefs its receiver"
	k := u.Key()
	return "v1:" + k
}

// Hop1 to Hop4 call one another on the receiver, and Hop4 reads it.
// Calls count three deep from the method asked about, whichever method
// was asked about first: Hop2 and Hop3 dereference, Hop1 is too far.
func (u *User) Hop1() int64 { return u.Hop2() }
func (u *User) Hop2() int64 { return u.Hop3() } // want Hop2:"derefs its receiver"
func (u *User) Hop3() int64 { return u.Hop4() } // want Hop3:"derefs its receiver"
func (u *User) Hop4() int64 { return u.ID }     // want Hop4:"derefs its receiver"

// GetName is nil-safe, like a generated getter.
func (u *User) GetName() string {
	if u == nil {
		return ""
	}
	return u.Name
}

// Valid is nil-safe.
func (u *User) Valid() bool { return u != nil && u.ID > 0 }

// Describe looks at the receiver only on some paths.
func (u *User) Describe(verbose bool) string {
	if !verbose {
		return "user"
	}
	return u.Name
}

// Dao is the data access object.
type Dao struct {
	mu    sync.RWMutex
	users map[int64]*User
	ids   []int64
	byKey map[string]int64
}

// User returns the user id, or nil and an error.
func (d *Dao) User(ctx context.Context, id int64) (*User, error) { // want User:"derefs its receiver"
	d.mu.RLock()
	defer d.mu.RUnlock()
	u, ok := d.users[id]
	if !ok {
		return nil, ErrNotFound
	}
	return u, nil
}

// Profile always returns a non-nil user, with an error when it is a default.
func (d *Dao) Profile(ctx context.Context, id int64) (*User, error) { // want Profile:"derefs its receiver"
	if u, ok := d.users[id]; ok {
		return u, nil
	}
	return &User{ID: id}, ErrNotFound
}

// IDs returns the user ids.
func (d *Dao) IDs(ctx context.Context) ([]int64, error) { // want IDs:"derefs its receiver"
	if len(d.ids) == 0 {
		return nil, ErrNotFound
	}
	return d.ids, nil
}

// Index returns the name index.
func (d *Dao) Index(ctx context.Context) (map[string]int64, error) { // want Index:"derefs its receiver"
	if d.byKey == nil {
		return nil, ErrNotFound
	}
	return d.byKey, nil
}

// Window returns a fixed window.
func (d *Dao) Window(ctx context.Context) (*[4]int64, error) { // want Window:"derefs its receiver"
	if len(d.ids) < 4 {
		return nil, ErrNotFound
	}
	var w [4]int64
	copy(w[:], d.ids)
	return &w, nil
}

// Scorer returns the scoring function.
func (d *Dao) Scorer(ctx context.Context) (func(*User) int64, error) { // want Scorer:"derefs its receiver"
	if d.users == nil {
		return nil, ErrNotFound
	}
	return func(u *User) int64 { return u.ID }, nil
}

// Settings is a value, never nil.
type Settings struct{ Level int }

// Settings returns settings by value.
func (d *Dao) Settings(ctx context.Context) (Settings, error) {
	return Settings{Level: 1}, nil
}

// Lookup forwards the results of another call.
func (d *Dao) Lookup(ctx context.Context, id int64) (*User, error) { // want Lookup:"derefs its receiver"
	return d.User(ctx, id)
}

// --- positives: the callee is in this package and returns nil on failure ---

// UserName reads a field before the check.
func (d *Dao) UserName(ctx context.Context, id int64) (string, error) { // want UserName:"derefs its receiver"
	u, err := d.User(ctx, id)
	name := u.Name // want `u used before err is checked; u is nil when d.User fails`
	if err != nil {
		return "", err
	}
	return name, nil
}

// DisplayName calls a value-receiver method through the pointer.
func (d *Dao) DisplayName(ctx context.Context, id int64) (string, error) { // want DisplayName:"derefs its receiver"
	u, err := d.User(ctx, id)
	// The display form is what the page shows.
	s := u.Display() // want `u used before err is checked; u is nil when d.User fails`

	if err != nil {
		return "", err
	}
	return s, nil
}

// KeyOf calls a pointer-receiver method whose body dereferences u.
func (d *Dao) KeyOf(ctx context.Context, id int64) (string, error) { // want KeyOf:"derefs its receiver"
	u, err := d.User(ctx, id)
	k := u.CacheKey() // want `u used before err is checked; u is nil when d.User fails`
	if err != nil {
		return "", err
	}
	return k, nil
}

// Age calls a method promoted through an embedded value field.
func (d *Dao) Age(ctx context.Context, id, now int64) (int64, error) { // want Age:"derefs its receiver"
	u, err := d.User(ctx, id)
	age := u.Age(now) // want `u used before err is checked`
	if err != nil {
		return 0, err
	}
	return age, nil
}

// FirstID indexes a nil slice.
func (d *Dao) FirstID(ctx context.Context) (int64, error) { // want FirstID:"derefs its receiver"
	ids, err := d.IDs(ctx)
	first := ids[0] // want `ids used before err is checked; ids is nil when d.IDs fails`
	if err != nil {
		return 0, err
	}
	return first, nil
}

// Remember writes to a nil map.
func (d *Dao) Remember(ctx context.Context, name string, id int64) error { // want Remember:"derefs its receiver"
	idx, err := d.Index(ctx)
	idx[name] = id // want `idx used before err is checked; idx is nil when d.Index fails`
	if err != nil {
		return err
	}
	return nil
}

// Bump increments an element of a nil map.
func (d *Dao) Bump(ctx context.Context, name string) error { // want Bump:"derefs its receiver"
	var idx, err = d.Index(ctx)
	idx[name]++ // want `idx used before err is checked`
	if err != nil {
		return err
	}
	return nil
}

// Copy dereferences the pointer.
func (d *Dao) Copy(ctx context.Context, id int64) (User, error) { // want Copy:"derefs its receiver"
	u, err := d.User(ctx, id)
	cp := *u // want `u used before err is checked; u is nil when d.User fails`
	if err != nil {
		return User{}, err
	}
	return cp, nil
}

// Third indexes through a pointer to an array.
func (d *Dao) Third(ctx context.Context) (int64, error) { // want Third:"derefs its receiver"
	w, err := d.Window(ctx)
	x := w[2] // want `w used before err is checked`
	if err != nil {
		return 0, err
	}
	return x, nil
}

// Score calls a nil func.
func (d *Dao) Score(ctx context.Context, u *User) (int64, error) { // want Score:"derefs its receiver"
	score, err := d.Scorer(ctx)
	s := score(u) // want `score used before err is checked`
	if err != nil {
		return 0, err
	}
	return s, nil
}

// NameOrErr returns a field together with the error: it panics first.
func (d *Dao) NameOrErr(ctx context.Context, id int64) (string, error) { // want NameOrErr:"derefs its receiver"
	u, err := d.User(ctx, id)
	return u.Name, err // want `u used before err is checked`
}

// Forwarded goes through Lookup, which forwards another call's results:
// the rule cannot tell, so it says "may be nil".
func (d *Dao) Forwarded(ctx context.Context, id int64) (int64, error) { // want Forwarded:"derefs its receiver"
	u, err := d.Lookup(ctx, id)
	uid := u.ID // want `u used before err is checked; u may be nil when d.Lookup fails`
	if err != nil {
		return 0, err
	}
	return uid, nil
}

// --- negatives a naive checker would flag ---

// ProfileName: Profile never returns nil, even when it fails.
func (d *Dao) ProfileName(ctx context.Context, id int64) string { // want ProfileName:"derefs its receiver"
	p, err := d.Profile(ctx, id)
	name := p.Name // Profile returns &User{…} on every failing path
	if err != nil {
		return "guest"
	}
	return name
}

// SafeName calls nil-safe pointer methods before the check.
func (d *Dao) SafeName(ctx context.Context, id int64) (string, error) { // want SafeName:"derefs its receiver"
	u, err := d.User(ctx, id)
	name := u.GetName() // GetName checks u == nil
	ok := u.Valid()     // Valid checks u != nil
	desc := u.Describe(false)
	_ = desc // Describe dereferences only when verbose: not a leading statement
	if err != nil || !ok {
		return "", err
	}
	return name, nil
}

// KeyFunc takes a method value: it binds the pointer and calls nothing.
func (d *Dao) KeyFunc(ctx context.Context, id int64) (func() string, error) { // want KeyFunc:"derefs its receiver"
	u, err := d.User(ctx, id)
	f := u.Key // a method value with a pointer receiver does not dereference
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Count uses the slice and the map in ways that cannot panic.
func (d *Dao) Count(ctx context.Context) (int, error) { // want Count:"derefs its receiver"
	ids, err := d.IDs(ctx)
	n := len(ids) // len of a nil slice is 0
	for range ids {
		n++ // ranging over a nil slice does nothing
	}
	idx, err2 := d.Index(ctx)
	n += int(idx["root"]) // reading a nil map gives the zero value
	delete(idx, "stale")  // deleting from a nil map is a no-op
	if err != nil {
		return 0, err
	}
	if err2 != nil {
		return 0, err2
	}
	return n, nil
}

// Level reads a field of a struct value: it cannot be nil.
func (d *Dao) Level(ctx context.Context) (int, error) {
	s, err := d.Settings(ctx)
	lvl := s.Level // Settings is a struct, never nil
	if err != nil {
		return 0, err
	}
	return lvl, nil
}

// Parse reads an int: not nilable.
func Parse(s string) (int, error) {
	n, err := strconv.Atoi(s)
	n++ // an int cannot be nil
	return n, err
}

// Lookup2 uses u only after the check.
func (d *Dao) Lookup2(ctx context.Context, id int64) (string, error) { // want Lookup2:"derefs its receiver"
	u, err := d.User(ctx, id)
	if err != nil {
		return "", err
	}
	return u.Name, nil // after the check
}

// NameIfFound uses u inside the err == nil branch.
func (d *Dao) NameIfFound(ctx context.Context, id int64) string { // want NameIfFound:"derefs its receiver"
	if u, err := d.User(ctx, id); err == nil {
		return u.Name // err == nil here
	}
	return ""
}

// Generic results are not tracked: what panics depends on the type argument.
func First[T any](get func() (T, error)) (T, error) {
	v, err := get()
	_ = any(v) // a type parameter
	return v, err
}

// Build fills a result allocated first thing, and returns it on failure too.
func (d *Dao) Build(ctx context.Context, id int64) (res *User, err error) { // want Build:"derefs its receiver"
	res = &User{ID: id}
	if d.users == nil {
		err = ErrNotFound
		return
	}
	res.Name = d.users[id].Name
	return
}

func newUser(id int64) *User { return &User{ID: id} }

// Fresh returns a variable that always holds a new user.
func (d *Dao) Fresh(ctx context.Context, id int64) (*User, error) { // want Fresh:"derefs its receiver"
	u := newUser(id)
	if _, ok := d.users[id]; !ok {
		return u, ErrNotFound
	}
	return u, nil
}

// Built uses results that are never nil, even on failure.
func (d *Dao) Built(ctx context.Context, id int64) (int64, error) { // want Built:"derefs its receiver"
	b, err := d.Build(ctx, id)
	n := b.ID // Build allocates res before anything can return
	f, err2 := d.Fresh(ctx, id)
	n += f.ID // Fresh returns newUser's &User{…} on every path
	if err != nil {
		return 0, err
	}
	return n, err2
}

// Summary has two uses before the check and an unrelated statement
// between them: both uses move, the statement stays.
func (d *Dao) Summary(ctx context.Context, id int64) (string, error) { // want Summary:"derefs its receiver"
	u, err := d.User(ctx, id)
	name := u.Name // want `u used before err is checked; u is nil when d.User fails`
	prefix := "user"
	tags := len(u.Tags) // reached only if u.Name did not panic: one report per path
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %s (%d tags)", prefix, name, tags), nil
}

// Notes is the team notes' example; the comment above the check moves
// with the check, not with the use.
func (d *Dao) Notes(ctx context.Context, id int64) error { // want Notes:"derefs its receiver"
	res, err := d.User(ctx, id)
	fmt.Println(res.Name) // want `res used before err is checked`
	// fmt.Println(res.xxx) res可能为nil
	if err != nil { // the check
		return err
	}
	fmt.Println(res.ID)
	return nil
}
