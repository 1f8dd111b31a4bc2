package parse

import (
	"strings"
	"sync"
)

// Table parses under a lock: a guard that returned or continued there
// would leave the mutex locked, so the finding gets no guard.
type Table struct {
	mu   sync.Mutex
	rows map[string]string
}

func (t *Table) Add(line string) {
	t.mu.Lock()
	kv := strings.Split(line, "=")
	t.rows[kv[0]] = kv[1] // want `kv\[1\] panics when line contains no "="`
	t.mu.Unlock()
}

func (t *Table) AddAll(lines []string) {
	for _, l := range lines {
		t.mu.Lock()
		kv := strings.Split(l, "=")
		t.rows[kv[0]] = kv[1] // want `kv\[1\] panics when l contains no "="`
		t.mu.Unlock()
	}
}
