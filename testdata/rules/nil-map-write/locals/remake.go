package locals

import "strings"

// Fixes that make the map at its declaration take over a make that
// comes later anyway, and keep the makes that reset the map.

// HintLater sizes the map by a value computed after the declaration: the
// size hint cannot move, and dropping it with the if would leave n
// unused (no fix).
func HintLater(words []string, dedupe bool) map[string]int {
	var counts map[string]int
	n := len(words) / 2
	if dedupe {
		counts = make(map[string]int, n)
	}
	for _, w := range words {
		counts[strings.ToLower(w)]++ // want `assignment to entry in nil map counts; counts is not made on every path to here`
	}
	return counts
}

// Sized keeps a hint that can move: words is never reassigned.
func Sized(words []string, dedupe bool) map[string]int {
	var counts map[string]int
	if dedupe {
		counts = make(map[string]int, len(words))
	}
	counts["total"] = len(words) // want `assignment to entry in nil map counts; counts is not made on every path to here`
	return counts
}

// Cleared empties the map by making a new one after reading it: the
// later make is a reset and stays.
func Cleared(words []string, flush func(map[string]int)) map[string]int {
	var counts map[string]int
	counts["start"] = 1 // want `assignment to entry in nil map counts; counts is declared without make`
	flush(counts)
	counts = make(map[string]int)
	for _, w := range words {
		counts[w]++ // made just above
	}
	return counts
}

// InClosure makes the map in a function literal, which may run before
// the write: a captured map is left alone.
func InClosure(run func(func())) map[string]int {
	var m map[string]int
	run(func() {
		m = make(map[string]int)
	})
	m["ran"] = 1 // captured by the literal that run may call first
	return m
}
