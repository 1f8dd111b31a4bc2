// Package loopvar receives in loops under Go 1.21 loop variable rules,
// where a range variable is shared by all iterations.
package loopvar

import "sync"

// Pool runs jobs from a queue.
type Pool struct {
	wg   sync.WaitGroup
	jobs chan func()
}

// Stop closes the queue.
func (p *Pool) Stop() { close(p.jobs) }

// Run starts a goroutine per job; each closure captures its own job, so a
// shared range variable would change what they run: no range rewrite.
func (p *Pool) Run() {
	for {
		job := <-p.jobs // want `receive from p.jobs without ok in a loop with no exit`
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			job()
		}()
	}
}

// RunInline runs jobs inline: the range rewrite keeps its meaning.
func (p *Pool) RunInline() {
	for {
		job := <-p.jobs // want `receive from p.jobs without ok in a loop with no exit`
		job()
	}
}
