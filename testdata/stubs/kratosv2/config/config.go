// Package config is a stub of kratos v2 config. Scan before a successful
// Load decodes an empty document and returns nil; Watch before Load
// returns ErrNotFound.
package config

import (
	"encoding/json"
	"errors"
	"time"
)

// ErrNotFound is key not found.
var ErrNotFound = errors.New("key not found")

// Observer is config observer.
type Observer func(string, Value)

// Config is a config interface.
type Config interface {
	Load() error
	Scan(v any) error
	Value(key string) Value
	Watch(key string, o Observer) error
	Close() error
}

// KeyValue is config key value.
type KeyValue struct {
	Key    string
	Value  []byte
	Format string
}

// Source is config source.
type Source interface {
	Load() ([]*KeyValue, error)
	Watch() (Watcher, error)
}

// Watcher watches a source for changes.
type Watcher interface {
	Next() ([]*KeyValue, error)
	Stop() error
}

// Value is config value interface.
type Value interface {
	Bool() (bool, error)
	Int() (int64, error)
	Float() (float64, error)
	String() (string, error)
	Duration() (time.Duration, error)
	Scan(any) error
	Load() any
}

// Option is config option.
type Option func(*options)

type options struct{ sources []Source }

// WithSource with config source.
func WithSource(s ...Source) Option { return func(o *options) { o.sources = s } }

type config struct {
	opts   options
	values map[string]any
}

// New a config with options.
func New(opts ...Option) Config {
	o := options{}
	for _, opt := range opts {
		opt(&o)
	}
	return &config{opts: o, values: map[string]any{}}
}

func (c *config) Load() error {
	for _, src := range c.opts.sources {
		kvs, err := src.Load()
		if err != nil {
			return err
		}
		for _, kv := range kvs {
			if err := json.Unmarshal(kv.Value, &c.values); err != nil {
				return err
			}
		}
	}
	return nil
}

type errValue struct{ err error }

func (v errValue) Bool() (bool, error)              { return false, v.err }
func (v errValue) Int() (int64, error)              { return 0, v.err }
func (v errValue) Float() (float64, error)          { return 0, v.err }
func (v errValue) String() (string, error)          { return "", v.err }
func (v errValue) Duration() (time.Duration, error) { return 0, v.err }
func (v errValue) Scan(any) error                   { return v.err }
func (v errValue) Load() any                        { return nil }

func (c *config) Value(key string) Value { return errValue{err: ErrNotFound} }

func (c *config) Scan(v any) error {
	data, err := json.Marshal(c.values)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func (c *config) Watch(key string, o Observer) error {
	if v := c.Value(key); v.Load() == nil {
		return ErrNotFound
	}
	return nil
}

func (c *config) Close() error { return nil }
