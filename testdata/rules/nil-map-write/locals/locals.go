// Package locals writes to local maps.
package locals

import (
	"encoding/json"
	"errors"
	"log"
	"os"
	"strings"
)

// --- positives ---

// Example is the example of the team's notes.
func Example() {
	var m map[string]int
	m["a"] = 1 // want `assignment to entry in nil map m; m is declared without make`
}

// CountWords counts with ++.
func CountWords(text string) map[string]int {
	var counts map[string]int
	for _, w := range strings.Fields(text) {
		counts[w]++ // want `assignment to entry in nil map counts; counts is declared without make`
	}
	return counts
}

// Sum adds with +=.
func Sum(keys []string, n int) map[string]int {
	var sums map[string]int
	for _, k := range keys {
		sums[k] += n // want `assignment to entry in nil map sums`
	}
	return sums
}

// OneBranch makes the map only when there are items.
func OneBranch(items []string) map[string]bool {
	var seen map[string]bool
	if len(items) > 0 {
		seen = make(map[string]bool, len(items))
	}
	seen["none"] = true // want `assignment to entry in nil map seen; seen is not made on every path to here`
	return seen
}

// NilConversion declares the map as a typed nil.
func NilConversion() map[string]int {
	m := map[string]int(nil)
	m["b"] = 2 // want `assignment to entry in nil map m; m is declared without make`
	return m
}

// Switch makes the map in some cases only.
func Switch(kind string) map[string]string {
	var labels map[string]string
	switch kind {
	case "a":
		labels = make(map[string]string)
	case "b":
		labels = map[string]string{"b": "B"}
	}
	labels["kind"] = kind // want `labels is not made on every path to here`
	return labels
}

// InGoroutine writes in a function literal run by a goroutine.
func InGoroutine(done chan struct{}) {
	go func() {
		defer close(done)
		var index map[int]string
		index[1] = "one" // want `assignment to entry in nil map index`
	}()
}

// InDefer writes in a deferred function literal.
func InDefer() (err error) {
	defer func() {
		var fields map[string]any
		fields["err"] = err // want `assignment to entry in nil map fields`
		log.Println(fields)
	}()
	return errors.New("failed")
}

// Cache is a method receiver.
type Cache struct{ name string }

// Warm writes to a local map in a method.
func (c *Cache) Warm(ids []int64) map[int64]string {
	var names map[int64]string
	for _, id := range ids {
		names[id] = c.name // want `assignment to entry in nil map names`
	}
	return names
}

// Reset sets the map to nil and writes to it.
func Reset() {
	m := make(map[string]int)
	m["a"] = 1 // fine: made above
	m = nil
	m["b"] = 2 // want `assignment to entry in nil map m; m is nil on every path to here`
}

// --- negatives ---

// BothBranches makes the map in both branches of the if.
func BothBranches(n int) map[int]int {
	var m map[int]int
	if n > 10 {
		m = make(map[int]int, n)
	} else {
		m = map[int]int{}
	}
	m[n] = n // made on every path
	return m
}

// Lazy makes the map when it is nil.
func Lazy(keys []string) map[string]int {
	var m map[string]int
	for _, k := range keys {
		if m == nil {
			m = make(map[string]int)
		}
		m[k]++ // made by the nil check just above
	}
	return m
}

// Correlated makes and writes the map under the same condition.
func Correlated(debug bool, key string) map[string]int {
	var stats map[string]int
	if debug {
		stats = make(map[string]int)
	}
	log.Println("working on", key)
	if debug {
		stats[key]++ // only when debug, which made it
	}
	return stats
}

// Guarded writes only when the map is not nil.
func Guarded(flag bool) {
	var m map[string]int
	if flag {
		m = make(map[string]int)
	}
	if m != nil {
		m["x"] = 1 // the nil check excludes the nil path
	}
}

// Param writes to a map the caller passes.
func Param(m map[string]int) {
	m["x"] = 1 // a parameter: the caller owns it
}

func newIndex() map[string]int { return map[string]int{} }

// FromCall writes to a map a call returns.
func FromCall() {
	m := newIndex()
	m["x"] = 1 // a call result: not known to be nil
}

// FromCallWithErr writes after checking the error.
func FromCallWithErr(data []byte) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	m["seen"] = true // Unmarshal got &m and may have made it
	return nil
}

// Literal uses a map literal.
func Literal() {
	m := map[string]int{}
	m["a"] = 1 // an empty literal is not nil
}

// ReadAndDelete only reads and deletes.
func ReadAndDelete(k string) int {
	var m map[string]int
	delete(m, k)  // delete on a nil map is a no-op
	n := m[k]     // reading a nil map gives the zero value
	for range m { // ranging over a nil map does nothing
	}
	return n + len(m)
}

// Fatal stops the program where the map is not made.
func Fatal(ok bool) map[string]int {
	var m map[string]int
	if ok {
		m = make(map[string]int)
	} else {
		log.Fatal("not ok")
	}
	m["x"] = 1 // log.Fatal never returns
	return m
}

// Captured makes the map in a closure it calls.
func Captured() {
	var m map[string]int
	init := func() { m = make(map[string]int) }
	init()
	m["x"] = 1 // the closure made it
}

// AllCases makes the map in every case, default included.
func AllCases(kind int) map[int]bool {
	var m map[int]bool
	switch kind {
	case 1:
		m = map[int]bool{1: true}
	default:
		m = make(map[int]bool)
	}
	m[kind] = true // every case made it
	return m
}

// EarlyReturn returns on the path that leaves the map nil.
func EarlyReturn(n int) map[int]int {
	var m map[int]int
	if n > 0 {
		m = make(map[int]int)
	}
	if n <= 0 {
		return nil
	}
	m[n] = 1 // n > 0 here, which made it
	return m
}

// SkipPaths makes the map only where it writes to it.
func SkipPaths(notlogged []string) func(string) bool {
	var skip map[string]struct{}
	if length := len(notlogged); length > 0 {
		skip = make(map[string]struct{}, length)
		for _, path := range notlogged {
			skip[path] = struct{}{} // inside the if that made it
		}
	}
	return func(p string) bool {
		_, ok := skip[p] // a read: fine on a nil map
		return ok
	}
}

// fatalf logs and exits.
func fatalf(format string, args ...any) {
	log.Printf(format, args...)
	os.Exit(1)
}

// Wrapper stops through the package's own exit helper.
func Wrapper(path string) map[string]int {
	var m map[string]int
	if path != "" {
		m = map[string]int{path: 1}
	} else {
		fatalf("no path")
	}
	m["seen"]++ // fatalf never returns
	return m
}
