package jobs

import (
	"context"
	"sync"
	"testing"
)

// TestParallel reports each failure with t.Error: no error is lost, so
// x/sync's errgroup would improve nothing and no fix is offered.
func TestParallel(t *testing.T) {
	jobs := []Job{{ID: 1, Payload: []byte("a")}, {ID: 2, Payload: []byte("b")}}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() { /* information */ // want `goroutines fanned out in a loop and joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			if err := run(context.Background(), j); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func TestFireAndForget(t *testing.T) {
	for _, j := range []Job{{ID: 1}, {ID: 2}} {
		// information only: tests start goroutines to exercise concurrency
		go run(context.Background(), j) /* information */ // want `goroutines fanned out in a loop drop the error of run; nothing waits for them`
	}
}
