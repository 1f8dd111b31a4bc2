// Package paladin is a stub of kratos pkg/conf/paladin (v0.6.0). Init reads
// the -conf flag; Get before Init dereferences a nil client.
package paladin

import (
	"context"
	"encoding"
	"errors"
	"flag"
)

var confPath string

func init() { flag.StringVar(&confPath, "conf", "", "config path") }

type Client interface {
	Get(string) *Value
	GetAll() *Map
	Close() error
}

var DefaultClient Client

type Setter interface{ Set(string) error }

type Event struct {
	Event int
	Key   string
	Value string
}

type Value struct{ raw string }

func (v *Value) Bool() (bool, error)                         { return false, nil }
func (v *Value) Int() (int, error)                           { return 0, nil }
func (v *Value) Int64() (int64, error)                       { return 0, nil }
func (v *Value) String() (string, error)                     { return v.raw, nil }
func (v *Value) Raw() (string, error)                        { return v.raw, nil }
func (v *Value) Unmarshal(un encoding.TextUnmarshaler) error { return un.UnmarshalText([]byte(v.raw)) }
func (v *Value) UnmarshalTOML(dst interface{}) error         { return nil }
func (v *Value) UnmarshalJSON(dst interface{}) error         { return nil }
func (v *Value) UnmarshalYAML(dst interface{}) error         { return nil }

type Map struct{ values map[string]*Value }

func (m *Map) Get(key string) *Value           { return m.values[key] }
func (m *Map) Exist(key string) bool           { _, ok := m.values[key]; return ok }
func (m *Map) Keys() []string                  { return nil }
func (m *Map) Set(text string) error           { return nil }
func (m *Map) UnmarshalText(text []byte) error { return nil }

type TOML = Map

func Init(args ...interface{}) (err error) {
	if confPath == "" {
		return errors.New("paladin: -conf is not set")
	}
	return nil
}

func Watch(key string, s Setter) error                            { return DefaultClient.Get(key).Unmarshal(nil) }
func WatchEvent(ctx context.Context, keys ...string) <-chan Event { return nil }
func Get(key string) *Value                                       { return DefaultClient.Get(key) }
func GetAll() *Map                                                { return DefaultClient.GetAll() }
func Keys() []string                                              { return nil }
func Close() error                                                { return DefaultClient.Close() }

// The helpers of helper.go: a value, or def when it is missing or malformed.

func Bool(v *Value, def bool) bool {
	if b, err := v.Bool(); err == nil {
		return b
	}
	return def
}

func Int(v *Value, def int) int {
	if i, err := v.Int(); err == nil {
		return i
	}
	return def
}

func String(v *Value, def string) string {
	if s, err := v.String(); err == nil {
		return s
	}
	return def
}
