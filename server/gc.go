package server

import (
	"runtime"
	"runtime/metrics"
	"sync"
)

// A collector runs the garbage collector between edits, when the next
// edit would otherwise run into a collection. An edit allocates much
// (type-checking and SSA of its package: 10 MB on a service's package,
// 100 MB and more on a large one) and keeps little, so the heap reaches
// its goal every other edit or so, and the collection that follows runs
// beside the edit's analysis: mark assists and a quarter of the
// processors, on the edit's critical path. Collecting in the pause after
// an edit does the same work a little earlier, off that path. It never
// adds a collection the next edit would not have caused: it collects
// only when the heap plus what the last busy spell allocated would pass
// the point where the runtime starts one. (The pacer starts a collection
// at no less than 70% of the way from the live heap to the goal: the
// point used here.)
type collector struct {
	mu      sync.Mutex
	start   uint64 // bytes allocated when the current busy spell began
	spell   uint64 // bytes the last busy spell allocated
	samples []metrics.Sample
}

const (
	allocsMetric = "/gc/heap/allocs:bytes"
	heapMetric   = "/memory/classes/heap/objects:bytes"
	goalMetric   = "/gc/heap/goal:bytes"
	liveMetric   = "/gc/heap/live:bytes"
)

func newCollector() *collector {
	return &collector{samples: []metrics.Sample{{Name: allocsMetric}, {Name: heapMetric}, {Name: goalMetric}, {Name: liveMetric}}}
}

// read returns the bytes allocated so far, the heap's live and unswept
// objects, the heap goal and the heap the last collection marked live.
func (c *collector) read() (allocs, heap, goal, live uint64) {
	metrics.Read(c.samples)
	v := func(i int) uint64 {
		if c.samples[i].Value.Kind() != metrics.KindUint64 {
			return 0 // not supported by this runtime: never collect
		}
		return c.samples[i].Value.Uint64()
	}
	return v(0), v(1), v(2), v(3)
}

// busy marks the start of a busy spell (runs under way).
func (c *collector) busy() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.start, _, _, _ = c.read()
}

// idle marks its end, and collects if the next spell would have to.
func (c *collector) idle() {
	c.mu.Lock()
	allocs, heap, goal, live := c.read()
	c.spell = allocs - c.start
	due := goal > live && heap+c.spell > live+(goal-live)*7/10
	c.mu.Unlock()
	if due {
		runtime.GC()
	}
}
