package server

import (
	"runtime"
	"testing"
)

var sink [][]byte

// TestCollectorBetweenEdits: after a busy spell that allocated more than
// the heap has left before the runtime would start a collection, idle
// collects (a forced collection); after one that allocated next to
// nothing, it does not.
func TestCollectorBetweenEdits(t *testing.T) {
	forced := func() uint32 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.NumForcedGC
	}
	c := newCollector()

	runtime.GC()
	c.busy()
	_, _, goal, _ := c.read()
	for n := uint64(0); n < 2*goal; n += 1 << 16 {
		sink = append(sink, make([]byte, 1<<16)) // an edit's garbage
		if len(sink) > 16 {
			sink = sink[:0]
		}
	}
	before := forced()
	c.idle()
	if forced() == before {
		t.Errorf("a spell that allocated twice the heap goal was not followed by a collection")
	}

	runtime.GC()
	c.busy()
	before = forced()
	c.idle()
	if forced() != before {
		t.Errorf("a spell that allocated nothing was followed by a collection")
	}
}
