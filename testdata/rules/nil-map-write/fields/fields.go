// Package fields writes to map fields of structs.
package fields

import "sync"

// Stats counts events.
type Stats struct {
	mu     sync.Mutex
	name   string
	counts map[string]int
	byUID  map[int64]int
}

// Config nests a struct with a map.
type Config struct {
	Name   string
	Labels Labels
}

// Labels holds a map.
type Labels struct {
	values map[string]string
}

// --- positives ---

// ZeroVar writes to a field of a zero struct.
func ZeroVar() Stats {
	var s Stats
	s.counts["start"] = 1 // want `assignment to entry in nil map s.counts; s.counts is never made`
	return s
}

// LiteralWithout builds the struct without the map.
func LiteralWithout(name string) *Stats {
	s := &Stats{
		name:  name,
		byUID: make(map[int64]int),
	}
	s.counts[name]++ // want `assignment to entry in nil map s.counts`
	return s
}

// EmptyLiteral builds an empty struct.
func EmptyLiteral(uid int64) *Stats {
	st := &Stats{}
	st.byUID[uid] = 1 // want `assignment to entry in nil map st.byUID`
	return st
}

// OneLineLiteral builds the struct on one line.
func OneLineLiteral(uid int64) Stats {
	s := Stats{name: "x"}
	s.byUID[uid] += 2 // want `assignment to entry in nil map s.byUID`
	return s
}

// Nested writes to a map of a nested struct.
func Nested(k, v string) Config {
	var c Config
	c.Labels.values[k] = v // want `assignment to entry in nil map c.Labels.values`
	return c
}

// SometimesMade sets the field on one branch only.
func SometimesMade(warm bool) *Stats {
	s := &Stats{name: "warm"}
	if warm {
		s.counts = make(map[string]int)
	}
	s.counts["hit"]++ // want `s.counts is not made on every path to here`
	return s
}

// Method builds a struct in a method.
func (s *Stats) Clone() *Stats {
	c := &Stats{name: s.name}
	for k, v := range s.counts {
		c.counts[k] = v // want `assignment to entry in nil map c.counts`
	}
	return c
}

// Registry maps names to ids.
type Registry struct {
	name   string
	byName map[string]int
}

// rename sets the name only.
func (r *Registry) rename(name string) { r.name = name }

// Configured calls a method that does not touch the map: no function of
// the package sets byName on a Registry it did not just build.
func Configured(name string) *Registry {
	r := new(Registry)
	r.rename(name)
	r.byName[name] = 0 // want `assignment to entry in nil map r.byName; r.byName is never made`
	return r
}

var registry = map[string]*Stats{}

func register(s *Stats) { registry[s.name] = s }

// EscapesAfter hands the struct on only after writing to it.
func EscapesAfter(name string) *Stats {
	s := &Stats{name: name}
	s.counts["created"] = 1 // want `assignment to entry in nil map s.counts`
	register(s)
	return s
}

// --- negatives ---

// WithField builds the struct with the map.
func WithField() *Stats {
	s := &Stats{counts: make(map[string]int)}
	s.counts["a"] = 1 // made in the literal
	return s
}

// SetAfter sets the field before writing.
func SetAfter() Stats {
	var s Stats
	s.counts = map[string]int{}
	s.counts["a"] = 1 // set just above
	return s
}

// (s *Stats) init makes the maps.
func (s *Stats) init() {
	s.counts = make(map[string]int)
	s.byUID = make(map[int64]int)
}

// InitMethod lets a method set the field.
func InitMethod() *Stats {
	var s Stats
	s.init()
	s.counts["a"] = 1 // init got &s and made it
	return &s
}

// FromParam writes to a field of a struct the caller built.
func FromParam(s *Stats, k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[k]++ // a struct built elsewhere
}

// Lazy makes the field when it is nil.
func Lazy(k string) *Stats {
	s := &Stats{}
	if s.counts == nil {
		s.counts = make(map[string]int)
	}
	s.counts[k] = 1 // made by the nil check just above
	return s
}

func newStats() Stats { return Stats{counts: map[string]int{}} }

// Reassigned replaces the zero struct with a built one.
func Reassigned() Stats {
	var s Stats
	s = newStats()
	s.counts["a"] = 1 // s now holds newStats's result
	return s
}

// Shared hands the struct to a goroutine that may set the field.
func Shared(ready chan *Stats) {
	s := &Stats{}
	ready <- s
	s.counts["a"] = 1 // sent away first: the receiver may have made it
}

// BothBranches sets the field in both branches.
func BothBranches(big bool) *Stats {
	s := &Stats{}
	if big {
		s.byUID = make(map[int64]int, 1024)
	} else {
		s.byUID = make(map[int64]int)
	}
	s.byUID[1] = 1 // made on every path
	return s
}
