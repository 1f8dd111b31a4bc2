// Package proxy holds the fixture's infrastructure code: files, proxies,
// iterations and the shapes where a naive checker is loudest.
package proxy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"text/template"
)

var defaultPort = "8080" // a constant in all but name

var errClosed = errors.New("proxy closed")

type Proxy struct {
	ln      net.Listener
	closeFn func() error
	peers   map[string]int
}

// --- positives ---

func (p *Proxy) Report(path string, stats map[string]int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for k, v := range stats {
		fmt.Fprintf(f, "%s %d\n", k, v) // want `error returned by fmt.Fprintf is not checked`
	}
	return nil
}

func (p *Proxy) Greet(conn net.Conn) {
	fmt.Fprintf(conn, "HELLO %s\r\n", conn.LocalAddr()) // want `error returned by fmt.Fprintf is not checked`
}

func (p *Proxy) Port(s string) int {
	// information: port 0 is a value, not a crash, and not returned as a success
	port, _ := strconv.Atoi(s) /* information */ // want `error returned by strconv.Atoi is discarded; port may be 0 when it fails`
	return port
}

func (p *Proxy) Serve(ctx context.Context) error {
	for {
		conn, err := p.ln.Accept()
		if err != nil {
			return err
		}
		go func() {
			// information: as `go p.handshake(conn)`, nothing receives the error
			p.handshake(conn) /* information */ // want `error returned by p.handshake is not checked`
		}()
	}
}

func (p *Proxy) handshake(conn net.Conn) error {
	_, err := conn.Write([]byte("HELLO\r\n"))
	return err
}

// --- negatives a naive checker would flag ---

func (p *Proxy) Pipe(in, out net.Conn) {
	go func() {
		io.Copy(in, out) // a proxy's copy ends with an error when one side hangs up
		// information: closing a connection only releases it
		in.Close() /* information */ // want `error returned by in.Close is not checked`
	}()
	io.Copy(out, in) // the same, the other way
}

func (p *Proxy) Usage(w io.Writer) {
	fmt.Fprintf(w, "usage: proxy -port %s\n", defaultPort) // formatted help for a writer the caller owns
}

func (p *Proxy) DefaultPort() int {
	n, _ := strconv.Atoi(defaultPort) // defaultPort is never assigned: a constant
	return n
}

func (p *Proxy) Tree(root string) []string {
	var files []string
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error { // the callback returns only nil
		if err == nil && !info.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	return files
}

func (p *Proxy) Banner() string {
	t, _ := template.New("banner").Parse("proxy on {{.}}") // parses a constant
	return t.Name()
}

func (p *Proxy) Stop() error {
	// information: a close function kept in a field
	p.closeFn()                     /* information */ // want `error returned by p.closeFn is not checked`
	os.Setenv("PROXY_STOPPED", "1") // fails only for a malformed name
	if len(p.peers) > 0 {
		p.ln.Close() // cleanup on the way to returning another error
		return fmt.Errorf("%d peers still connected", len(p.peers))
	}
	// information: closing a listener only releases it
	p.ln.Close() /* information */ // want `error returned by p.ln.Close is not checked`
	return nil
}

func (p *Proxy) Reject(ctx context.Context, conn net.Conn) error { // want Reject:"fails with proxy.errClosed"
	p.handshake(conn) // best effort on the way to a definite error
	return errClosed
}

// Close releases the proxy: its steps are best effort.
func (p *Proxy) Close() error {
	p.handshake(nil) // a step of Close
	return p.ln.Close()
}
