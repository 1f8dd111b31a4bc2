// Package cache is reduced from a redis client and a Kratos dao: writes
// into a bufio.Writer whose error the next Flush reports, a cache filled
// in the background, and form and config parsing.
package cache

import (
	"bufio"
	"net"
	"strconv"

	"github.com/pkg/errors"
)

type conn struct {
	conn    net.Conn
	bw      *bufio.Writer
	scratch []byte
}

// writeLen writes into the buffer: its error is the buffer's, which is
// sticky and comes back from Flush.
func (c *conn) writeLen(prefix byte, n int) error {
	c.scratch = append(c.scratch[:0], prefix)
	c.scratch = strconv.AppendInt(c.scratch, int64(n), 10)
	_, err := c.bw.Write(c.scratch)
	return errors.WithStack(err)
}

func (c *conn) writeString(s string) error {
	c.writeLen('$', len(s)) // the buffer's error comes back from Flush
	c.bw.WriteString(s)     // so does this one's
	_, err := c.bw.WriteString("\r\n")
	return errors.WithStack(err)
}

// writeRaw writes to the connection itself: its error is lost for good.
func (c *conn) writeRaw(p []byte) error {
	_, err := c.conn.Write(p)
	return err
}

func (c *conn) send(cmd string) error {
	c.writeRaw([]byte("*1\r\n")) // want `error returned by c.writeRaw is not checked`
	if err := c.writeString(cmd); err != nil {
		return err
	}
	return c.bw.Flush()
}
