package service

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"
)

// Reward is a reward to pay out.
type Reward struct {
	UID    int64
	Amount int64
}

// Message is a queue message.
type Message struct {
	Key   string
	Value []byte
}

// Pool holds the background state the fan-outs below use.
type Pool struct {
	s        *Service
	batches  chan []int64
	failures atomic.Int64
}

// WarmUp loads accounts into the cache in the background and gives up
// silently on each failure.
func (p *Pool) WarmUp(ctx context.Context, uids []int64) {
	for _, uid := range uids {
		go func(uid int64) { // want `goroutines fanned out in a loop drop the error of p.s.dao.Account; nothing waits for them and the error reaches no one`
			a, err := p.s.dao.Account(ctx, uid)
			if err != nil {
				return
			}
			p.s.remember(a)
		}(uid)
	}
}

// Prefetch is WarmUp in a function that returns an error: the fix waits
// and returns the error the goroutines gave up on.
func (p *Pool) Prefetch(ctx context.Context, uids []int64) error {
	for _, uid := range uids {
		go func() { // want `goroutines fanned out in a loop drop the error of p.s.dao.Account; nothing waits for them`
			a, err := p.s.dao.Account(ctx, uid)
			if err != nil {
				return
			}
			p.s.remember(a)
		}()
	}
	return nil
}

// Spawn touches every account in the background; Touch returns no error:
// only a panic is at stake.
func (p *Pool) Spawn(uids []int64) {
	for _, uid := range uids {
		go func() { /* information */ // want `goroutines fanned out in a loop; a panic in one crashes the process`
			p.s.dao.Touch(uid)
		}()
	}
}

// Double doubles the amounts in goroutines and collects them by hand.
func (p *Pool) Double(rewards []*Reward) int64 {
	out := make(chan int64)
	for _, r := range rewards {
		go func(r *Reward) { /* information */ // want `goroutines fanned out in a loop and collected from out by hand; a panic in one crashes the process`
			out <- r.Amount * 2
		}(r)
	}
	var total int64
	for range rewards {
		total += <-out
	}
	return total
}

// Workers starts one worker per channel, keyed by the caller.
func (p *Pool) Workers(n int, handle func(*Message)) []chan *Message {
	chs := make([]chan *Message, n)
	for i := range chs {
		chs[i] = make(chan *Message, 128)
		// information only: long-lived workers that lose no error
		go func(ch chan *Message) { /* information */ // want `goroutines fanned out in a loop; a panic in one crashes the process`
			for m := range ch {
				handle(m)
			}
		}(chs[i])
	}
	return chs
}

// Shards starts a fixed number of shard loops: a range over an integer.
func (p *Pool) Shards(n int) {
	for i := range n {
		go p.shard(i) /* information */ // want `goroutines fanned out in a loop; a panic in one crashes the process`
	}
}

func (p *Pool) shard(i int) {}

// Batches fans each batch out: the finite inner loop is a fan-out even
// inside the endless outer one.
func (p *Pool) Batches() {
	for {
		batch := <-p.batches
		for _, uid := range batch {
			go p.s.dao.Touch(uid) /* information */ // want `goroutines fanned out in a loop; a panic in one crashes the process`
		}
	}
}

// Remember caches one account in the background and gives up silently.
func (p *Pool) Remember(ctx context.Context, uid int64) {
	go func() { // want `goroutine drops the error of p.s.dao.Account; no one sees it fail`
		a, err := p.s.dao.Account(ctx, uid)
		if err != nil {
			return
		}
		p.s.remember(a)
	}()
}

// RememberFound caches the account only when it loads.
func (p *Pool) RememberFound(ctx context.Context, uid int64) {
	go func() { // want `goroutine drops the error of p.s.dao.Account; no one sees it fail`
		if a, err := p.s.dao.Account(ctx, uid); err == nil {
			p.s.remember(a)
		}
	}()
}

// Consume starts one goroutine per message; each gives up silently on a
// failure, which makes it a warning even in a range over a channel.
func (p *Pool) Consume(ctx context.Context, msgs <-chan *Message) {
	for m := range msgs {
		go func(m *Message) { // want `goroutine drops the error of p.s.dao.SetCache; no one sees it fail`
			if err := p.s.dao.SetCache(ctx, &Account{Name: m.Key}); err != nil {
				return
			}
			fmt.Println("cached", m.Key)
		}(m)
	}
}

// Serve starts one goroutine per connection that logs its error.
func (p *Pool) Serve(ctx context.Context, l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		// information only: per-connection goroutine in an endless loop that logs its error
		go func() { /* information */ // want `go func literal: a panic`
			defer conn.Close()
			if err := p.s.dao.SetCache(ctx, &Account{Name: conn.RemoteAddr().String()}); err != nil {
				fmt.Println("serve:", err)
			}
		}()
	}
}

// Count counts the failures: the goroutine acts on its error.
func (p *Pool) Count(ctx context.Context, a *Account) {
	// information only: the failure is counted, not swallowed
	go func() { /* information */ // want `go func literal: a panic`
		if err := p.s.dao.SetCache(ctx, a); err != nil {
			p.failures.Add(1)
			return
		}
	}()
}

// Report hands the error to a channel before it gives up.
func (p *Pool) Report(ctx context.Context, a *Account, errc chan<- error) {
	// information only: the error goes out on errc
	go func() { /* information */ // want `go func literal: a panic`
		if err := p.s.dao.SetCache(ctx, a); err != nil {
			errc <- err
			return
		}
	}()
}

// Either uses the value when it loads and logs the error otherwise.
func (p *Pool) Either(ctx context.Context, uid int64) {
	// information only: the else branch logs the error
	go func() { /* information */ // want `go func literal: a panic`
		if a, err := p.s.dao.Account(ctx, uid); err == nil {
			p.s.remember(a)
		} else {
			fmt.Println("account:", err)
		}
	}()
}

func (s *Service) remember(a *Account) {
	s.mu.Lock()
	s.cache[a.UID] = a
	s.mu.Unlock()
}
