// Package bag reads keyed bags: context values and a framework's request
// context. What a key holds is pinned by the code that sets it.
package bag

import (
	"context"

	"example.com/uta/web"
)

type ctxKey struct{}

type traceKey struct{}

// TokenKey is this package's exported key: its writers follow its contract.
type TokenKey struct{}

// WithUID is the one place uids go in.
func WithUID(ctx context.Context, uid int64) context.Context {
	return context.WithValue(ctx, ctxKey{}, uid)
}

func UID(ctx context.Context) int64 {
	return ctx.Value(ctxKey{}).(int64) /* information */ // want `unchecked type assertion ctx.Value\(ctxKey\{\}\).\(int64\)`
}

func WithTrace(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, traceKey{}, id)
}

// The package stores a string under traceKey: an int never comes out.
func TraceID(ctx context.Context) int {
	return ctx.Value(traceKey{}).(int) // want `unchecked type assertion ctx.Value\(traceKey\{\}\).\(int\)`
}

func Token(ctx context.Context) string {
	return ctx.Value(TokenKey{}).(string) /* information */ // want `unchecked type assertion ctx.Value\(TokenKey\{\}\).\(string\)`
}

// "user" is set by code out of sight, with no type the package pins.
func User(ctx context.Context) string {
	return ctx.Value("user").(string) // want `unchecked type assertion ctx.Value\("user"\).\(string\)`
}

// The module's own framework key, set by its server on every request.
func replacer(ctx context.Context) *web.Replacer {
	return ctx.Value(web.ReplacerKey).(*web.Replacer) /* information */ // want `unchecked type assertion ctx.Value\(web.ReplacerKey\).\(\*web.Replacer\)`
}

var _ = replacer

// The module's middleware sets "mid" as an int64, in this package.
func auth(c *web.Context) {
	var mid int64 = 42
	c.Set("mid", mid)
}

func profile(c *web.Context) {
	mid, _ := c.Get("mid")
	_ = mid.(int64) /* information */ // want `unchecked type assertion mid.\(int64\)`
}

// "name" is set nowhere in sight.
func greet(c *web.Context) {
	_ = c.MustGet("name").(string) // want `unchecked type assertion c.MustGet\("name"\).\(string\)`
}

var _ = []web.HandlerFunc{auth, profile, greet}

// A bag inside a bag: the vars map is the one value stored under varsKey;
// what its keys hold is another matter.
type varsKey struct{}

func withVars(ctx context.Context) context.Context {
	return context.WithValue(ctx, varsKey{}, map[string]any{})
}

func getVar(ctx context.Context, key string) any {
	m, ok := ctx.Value(varsKey{}).(map[string]any)
	if !ok {
		return nil
	}
	return m[key]
}

func clientIP(ctx context.Context) string {
	return getVar(ctx, "ip").(string) /* information */ // want `unchecked type assertion getVar\(ctx, "ip"\).\(string\)`
}

// A context type with its own WithValue, and a constant key of the package.
type Ctx struct{ context.Context }

func (c Ctx) WithValue(key, value any) Ctx { return Ctx{context.WithValue(c.Context, key, value)} }

const matcherNameKey = "matcher_name"

func named(c Ctx, name string) Ctx { return c.WithValue(matcherNameKey, name) }

func matcherName(c Ctx) string {
	return c.Value(matcherNameKey).(string) /* information */ // want `unchecked type assertion c.Value\(matcherNameKey\).\(string\)`
}

var _, _, _, _ = withVars, clientIP, named, matcherName

// SafeMap is a general keyed bag: Set(key, value any) and Get(key).
type SafeMap struct{ m map[any]any }

func (s *SafeMap) Set(key, value any) { s.m[key] = value }

func (s *SafeMap) Get(key any) (any, bool) {
	v, ok := s.m[key]
	return v, ok
}

type position struct{ pos int }

// A timing wheel keeps its timers in a bag held by an unexported field,
// by keys its callers choose.
type wheel struct {
	timers *SafeMap // only *position goes in
	labels *SafeMap // a string and an int go in
}

func (w *wheel) set(key any, pos int) {
	w.timers.Set(key, &position{pos: pos})
	w.labels.Set(key, "label")
	w.labels.Set(pos, pos)
}

// The key is a parameter: every value the package stores in w.timers is
// a *position, whatever the key.
func (w *wheel) remove(key any) int {
	val, ok := w.timers.Get(key)
	if !ok {
		return -1
	}
	return val.(*position).pos /* information */ // want `unchecked type assertion val.\(\*position\)`
}

// w.labels holds strings and ints: the key decides which comes out.
func (w *wheel) label(key any) string {
	val, _ := w.labels.Get(key)
	return val.(string) // want `unchecked type assertion val.\(string\)`
}

var _ = []any{(*wheel).set, (*wheel).remove, (*wheel).label}
