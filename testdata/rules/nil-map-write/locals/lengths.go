package locals

// Maps made only when a slice is not empty, written in a loop over that
// slice: the loop body runs only when the slice is not empty.

// Item is an owned, scored thing.
type Item struct {
	Owner int64
	Score float64
}

// --- negatives ---

// Weights makes w only for a non-empty page; the range body needs one.
func Weights(items []Item) map[int64]float64 {
	var w map[int64]float64
	if len(items) > 0 {
		w = make(map[int64]float64, len(items))
	}
	for _, it := range items {
		w[it.Owner] += it.Score // the body runs only if len(items) > 0
	}
	return w
}

// NotZero says it with != 0.
func NotZero(items []Item) map[int64]int {
	var n map[int64]int
	if len(items) != 0 {
		n = make(map[int64]int)
	}
	for i := range items {
		n[items[i].Owner]++ // len(items) != 0 here
	}
	return n
}

// Counting uses a counting loop.
func Counting(items []Item) map[int64]bool {
	var seen map[int64]bool
	if 0 < len(items) {
		seen = map[int64]bool{}
	}
	for i := 0; i < len(items); i++ {
		seen[items[i].Owner] = true // i < len(items) with i >= 0
	}
	return seen
}

// EmptyReturns returns early on an empty page, after the map was made
// only for a non-empty one.
func EmptyReturns(items []Item, owner int64) map[int64]int {
	var m map[int64]int
	if len(items) >= 1 {
		m = make(map[int64]int)
	}
	if len(items) == 0 {
		return nil
	}
	m[owner] = len(items) // len(items) == 0 returned above
	return m
}

// Text ranges over the bytes of a string by index.
func Text(s string) map[byte]int {
	var counts map[byte]int
	if len(s) > 0 {
		counts = make(map[byte]int)
	}
	for i := 0; i < len(s); i++ {
		counts[s[i]]++ // i < len(s)
	}
	return counts
}

// --- positives ---

// Other ranges over another slice than the one checked.
func Other(items, extra []Item) map[int64]float64 {
	var w map[int64]float64
	if len(items) > 0 {
		w = make(map[int64]float64)
	}
	for _, it := range extra {
		w[it.Owner] += it.Score // want `assignment to entry in nil map w; w is not made on every path to here`
	}
	return w
}

// Big makes the map only for more than one item.
func Big(items []Item) map[int64]int {
	var m map[int64]int
	if len(items) > 1 {
		m = make(map[int64]int)
	}
	for _, it := range items {
		m[it.Owner]++ // want `assignment to entry in nil map m; m is not made on every path to here`
	}
	return m
}

// Trimmed checks the page, then ranges over a shorter one.
func Trimmed(items []Item) map[int64]int {
	var m map[int64]int
	if len(items) > 0 {
		m = make(map[int64]int)
	}
	items = items[1:]
	for _, it := range items {
		m[it.Owner]++ // want `assignment to entry in nil map m; m is not made on every path to here`
	}
	return m
}

// FromStart counts from a start that may be negative: the loop may run
// over an empty page.
func FromStart(items []Item, start int) map[int]int {
	var m map[int]int
	if len(items) > 0 {
		m = make(map[int]int)
	}
	for i := start; i < len(items); i++ {
		m[i]++ // want `assignment to entry in nil map m; m is not made on every path to here`
	}
	return m
}
