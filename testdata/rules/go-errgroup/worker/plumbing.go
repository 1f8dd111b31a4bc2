package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Pipeline is a pool of senders started in a counted loop, with the
// WaitGroup added to before the loop, signalled in the worker's own
// method and waited on in stop (etcd rafthttp's pipeline).
type Pipeline struct {
	msgc  chan []byte
	stopc chan struct{}
	wg    sync.WaitGroup
}

func (p *Pipeline) start(n int) {
	p.wg.Add(n)
	for i := 0; i < n; i++ {
		// information only: long-lived workers joined in stop; each handles its errors
		go p.handle() /* information */ // want `goroutines fanned out in a loop and joined by p.wg.Wait in stop; a panic in one crashes the process`
	}
}

func (p *Pipeline) handle() {
	defer p.wg.Done()
	for {
		select {
		case m := <-p.msgc:
			if err := post(m); err != nil {
				fmt.Println("post:", err)
				continue
			}
		case <-p.stopc:
			return
		}
	}
}

func (p *Pipeline) stop() {
	close(p.stopc)
	p.wg.Wait()
}

func post(m []byte) error {
	if len(m) == 0 {
		return errors.New("empty")
	}
	return nil
}

// Senders fan out sends whose errors are lost, joined in stop.
func (p *Pipeline) Senders(ms [][]byte) {
	for _, m := range ms {
		p.wg.Add(1)
		go p.send(m) // want `goroutines fanned out in a loop and joined by p.wg.Wait in stop drop the error of p.send; it reaches no one`
	}
}

func (p *Pipeline) send(m []byte) error {
	defer p.wg.Done()
	return post(m)
}

// Group is an errgroup: its workers run tasks under a recover (kratos
// pkg/sync/errgroup), and Wait waits for them.
type Group struct {
	wg   sync.WaitGroup
	ch   chan func(context.Context) error
	err  error
	once sync.Once
}

func (g *Group) do(f func(ctx context.Context) error) {
	var err error
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("errgroup: panic recovered: %v", r)
		}
		if err != nil {
			g.once.Do(func() { g.err = err })
		}
		g.wg.Done()
	}()
	err = f(context.Background())
}

// GOMAXPROCS starts n workers.
func (g *Group) GOMAXPROCS(n int) {
	g.ch = make(chan func(context.Context) error, n)
	for i := 0; i < n; i++ {
		// no report: the workers recover panics in do and lose no error
		go func() {
			for f := range g.ch {
				g.do(f)
			}
		}()
	}
}

// Go runs f.
func (g *Group) Go(f func(ctx context.Context) error) {
	g.wg.Add(1)
	// no report: do recovers and keeps the error for Wait
	go g.do(f)
}

// Wait waits for every task.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

// Fanout runs callbacks on a pool of workers; each callback runs under a
// recover (kratos pkg/sync/pipeline/fanout).
type Fanout struct {
	ch     chan func(context.Context)
	waiter sync.WaitGroup
	ctx    context.Context
}

// NewFanout starts the workers.
func NewFanout(n int) *Fanout {
	c := &Fanout{ch: make(chan func(context.Context), 1024), ctx: context.Background()}
	c.waiter.Add(n)
	for i := 0; i < n; i++ {
		// no report: the work runs under wrapFunc's recover; Close waits
		go c.proc()
	}
	return c
}

func (c *Fanout) proc() {
	defer c.waiter.Done()
	for {
		select {
		case f := <-c.ch:
			wrapFunc(f)(c.ctx)
		case <-c.ctx.Done():
			return
		}
	}
}

func wrapFunc(f func(c context.Context)) (res func(context.Context)) {
	res = func(ctx context.Context) {
		defer func() {
			if r := recover(); r != nil {
				fmt.Println("panic in fanout proc:", r)
			}
		}()
		f(ctx)
	}
	return
}

// Close waits for the workers.
func (c *Fanout) Close() { c.waiter.Wait() }

// Proxy copies between two connections until one hangs up (etcd
// tcpproxy): the copies' errors are how a proxy's copy ends.
func Proxy(in, out net.Conn) {
	// information only: the copy's error is unhandled-error's to judge, at the call
	go func() { /* information */ // want `go func literal: a panic in the goroutine crashes the process`
		io.Copy(in, out)
		in.Close()
		out.Close()
	}()
	io.Copy(out, in)
	out.Close()
	in.Close()
}

// Peers serves each peer's listener (etcd embed): Serve returns when the
// listener is closed, and its error says no more than that.
func Peers(ls []net.Listener, h http.Handler) {
	for _, l := range ls {
		srv := &http.Server{Handler: h}
		// information only: a server on a listener it is given
		go srv.Serve(l) /* information */ // want `goroutines fanned out in a loop; a panic in one crashes the process`
	}
}

// Debug serves pprof on a port nobody checks: a failed bind is lost.
func Debug() {
	go http.ListenAndServe("127.0.0.1:6060", nil) // want `goroutine drops the error of http.ListenAndServe; no one sees it fail`
}

// DebugQuiet is Debug where the author has decided, for errcheck, that
// the error goes nowhere (caddy's HTTP/3 server): //nolint:errcheck on
// the line above is that decision for this rule too.
func DebugQuiet() {
	//nolint:errcheck
	go http.ListenAndServe("127.0.0.1:6061", nil)
}

// ReadLoop returns when the connection fails: the read error ends the
// loop, as every connection's does.
func ReadLoop(c net.Conn, out chan<- []byte) {
	// information only: the return ends an endless read loop
	go func() { /* information */ // want `go func literal: a panic in the goroutine crashes the process`
		buf := make([]byte, 512)
		for {
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			out <- buf[:n]
		}
	}()
}

// Retry gives up on a failed attempt and tries again on the next tick:
// a continue in an endless loop drops the error.
func Retry(ctx context.Context, addr string) {
	go func() { // want `goroutine drops the error of net.Dial; no one sees it fail`
		for range time.Tick(time.Second) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				continue
			}
			conn.Close()
		}
	}()
}

// Monitor probes inactive endpoints on every tick, logging each failure
// (etcd tcpproxy's runMonitor).
func Monitor(donec <-chan struct{}, remotes []string) {
	for {
		select {
		case <-time.After(time.Second):
			for _, r := range remotes {
				// information only: fire-and-forget probes that log their errors
				go func(r string) { /* information */ // want `goroutines fanned out in a loop; a panic in one crashes the process`
					if err := probe(r); err != nil {
						fmt.Println("probe:", err)
					}
				}(r)
			}
		case <-donec:
			return
		}
	}
}

func probe(string) error { return nil }

// Stop shuts the server down in the background: Shutdown's error has
// nowhere to go at the end of a server's life.
func Stop(srv *http.Server) {
	// information only: Shutdown is conventionally fire and forget
	go srv.Shutdown(context.Background()) /* information */ // want `go srv.Shutdown\(\): a panic in the goroutine crashes the process`
}
