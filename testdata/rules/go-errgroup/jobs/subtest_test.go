package jobs

import (
	"context"
	"sync"
	"testing"
)

// TestSubtests fans out in a subtest's function literal: the fix fails
// the subtest on Wait's error with the literal's own t.
func TestSubtests(t *testing.T) {
	t.Run("all", func(t *testing.T) {
		jobs := []Job{{ID: 1}, {ID: 2}}
		var wg sync.WaitGroup
		for _, j := range jobs {
			wg.Add(1)
			go func() { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; use errgroup`
				defer wg.Done()
				if err := run(context.Background(), j); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	})
}
