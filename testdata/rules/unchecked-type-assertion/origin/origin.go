// Package origin traces asserted values to where they come from.
package origin

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"

	"example.com/uta/logx"
	"example.com/uta/registry"
)

type Message interface{ ProtoMessage() }

// ProtoBuf's Data is set by callers only: anything can be in it.
type ProtoBuf struct{ Data any }

func (r ProtoBuf) Render() ([]byte, error) {
	m := r.Data.(Message) // want `unchecked type assertion r.Data.\(Message\)`
	_ = m
	return nil, nil
}

// Config's Gate is set by NewConfig; callers could replace it.
type Gate interface{ Enabled(string) bool }

type MutableGate interface {
	Gate
	Set(string) error
}

type gate struct{}

func (gate) Enabled(string) bool { return true }
func (gate) Set(string) error    { return nil }

func NewGate() MutableGate { return gate{} }

type Config struct{ Gate Gate }

func NewConfig() *Config { return &Config{Gate: NewGate()} }

func (c *Config) SetGates(s string) error {
	return c.Gate.(MutableGate).Set(s) /* information */ // want `unchecked type assertion c.Gate.\(MutableGate\)`
}

// Decoded data holds whatever the input held.
func Decode(b []byte) (string, error) {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return "", err
	}
	m := v.(map[string]any)        // want `unchecked type assertion v.\(map\[string\]any\)`
	return m["name"].(string), nil // want `unchecked type assertion m\["name"\].\(string\)`
}

// strconv documents its errors as *NumError.
func parse(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil && err.(*strconv.NumError).Err == strconv.ErrRange /* information */ { // want `unchecked type assertion err.\(\*strconv.NumError\)`
		return 0, false
	}
	return n, true
}

// os.Open's errors are not all *os.PathError.
func missing(name string) (bool, error) {
	_, err := os.Open(name)
	if err != nil {
		return err.(*os.PathError).Err == os.ErrNotExist, nil // want `unchecked type assertion err.\(\*os.PathError\)`
	}
	return false, nil
}

var _, _ = parse, missing

// The package's own errors are all *codeErr.
type codeErr struct{ code int }

func (e *codeErr) Error() string { return strconv.Itoa(e.code) }

func check(n int) error {
	if n < 0 {
		return &codeErr{n}
	}
	return nil
}

func code(n int) int {
	if err := check(n); err != nil {
		return err.(*codeErr).code // check returns only *codeErr
	}
	return 0
}

// The program narrows a type parameter first.
func open[T *os.File | *lockedFile](path string) (T, error) {
	if _, locked := any(T(nil)).(*lockedFile); locked {
		return any(&lockedFile{}).(T), nil /* information */ // want `unchecked type assertion any\(&lockedFile\{\}\).\(T\)`
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return any(f).(T), nil /* information */ // want `unchecked type assertion any\(f\).\(T\)`
}

type lockedFile struct{}

var _ = open[*os.File]

// An unexported helper gets what its callers pass.
func describe(v any) string {
	return v.(fmt.Stringer).String() // every caller passes a stamp, a Stringer
}

type stamp struct{}

func (stamp) String() string { return "stamp" }

func Stamp() string { return describe(stamp{}) }

func label(v any) string {
	return v.(fmt.Stringer).String() // want `unchecked type assertion v.\(fmt.Stringer\)`
}

// Label passes its caller's value on: the caller chooses.
func Label(v any) string { return label(v) }

// A log line is no reason to fail the call: no fix.
func Handle(req any, handle func(any) error) error {
	err := handle(req)
	logx.Infov(logx.KVString("args", req.(fmt.Stringer).String())) // want `unchecked type assertion req.\(fmt.Stringer\)`
	return err
}

// Render cannot report a failure (no error, no ok): no fix.
func Render(v any) string {
	s := v.(string) // want `unchecked type assertion v.\(string\)`
	return s
}

// Run reports failures with its error: the fix returns one.
func Run(v any) error {
	n := v.(int) // want `unchecked type assertion v.\(int\)`
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

// Decoding into an interface that holds a pointer fills the pointee: the
// type stays the one stored.
type Conf struct{ Name string }

func load(b []byte) (*Conf, error) {
	var m any = &Conf{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m.(*Conf), nil // m holds the *Conf stored above
}

var _ = load

// A framework calls Provision through its Provisioner interface: the
// interface's contract pins what it passes.
type Module struct{ name string }

func (m *Module) Provision(cfg map[string]any) error {
	m.name = cfg["name"].(string) /* information */ // want `unchecked type assertion cfg\["name"\].\(string\)`
	return nil
}

var _ registry.Provisioner = (*Module)(nil)

// The package's own container type, held where only the package reaches.
type pool struct{ m map[string]any }

func (p *pool) LoadOrStore(key string, val any) (any, bool) {
	if v, ok := p.m[key]; ok {
		return v, true
	}
	p.m[key] = val
	return val, false
}

var listeners = &pool{m: map[string]any{}}

type listener struct{}

func listen(addr string) *listener {
	ln, _ := listeners.LoadOrStore(addr, &listener{})
	return ln.(*listener) // the package stores only *listener in listeners
}

var _ = listen
