package svc

import "sync"

// Sum has no ctx and no logger: the kratos group would hide recovered
// panics in a discarded error, so no fix is offered.
func Sum(parts [][]int) int {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
	)
	for _, p := range parts {
		wg.Add(1)
		go func() { /* information */ // want `joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			n := 0
			for _, v := range p {
				n += v
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}

// Check has no ctx but returns an error: a zero kratos Group is valid.
func Check(parts [][]int) error {
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Add(1)
		go func() { /* information */ // want `joined by wg.Wait; a panic in one crashes the process`
			defer wg.Done()
			_ = len(p)
		}()
	}
	wg.Wait()
	return nil
}
