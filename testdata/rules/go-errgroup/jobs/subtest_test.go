package jobs

import (
	"context"
	"sync"
	"testing"
)

// TestSubtests fans out in a subtest's function literal and drops each
// job's error: the fix returns it to Wait and fails the subtest on Wait's
// error with the literal's own t.
func TestSubtests(t *testing.T) {
	t.Run("all", func(t *testing.T) {
		jobs := []Job{{ID: 1}, {ID: 2}}
		var wg sync.WaitGroup
		for _, j := range jobs {
			wg.Add(1)
			go func() { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
				defer wg.Done()
				run(context.Background(), j)
			}()
		}
		wg.Wait()
	})
}
