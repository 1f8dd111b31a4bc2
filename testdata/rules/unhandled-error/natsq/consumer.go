// Package natsq consumes messages as go-zero's go-queue natsq does: its
// errors go to logx.Errorf, and the standard log only ends the program.
package natsq

import (
	"log"

	"example.com/unhandled/logx"
)

// A Conn is a connection to the server.
type Conn interface {
	Publish(subject string, data []byte) error
	Subscribe(subject string, f func(m *Msg)) (int, error)
}

// Msg is a received message.
type Msg struct {
	Reply string
	conn  Conn
}

// Ack acknowledges the message.
func (m *Msg) Ack() error {
	return m.conn.Publish(m.Reply, []byte("+ACK"))
}

// Handler handles a message.
type Handler func(m *Msg) error

// Consume logs errors with logx.Errorf beside a log.Fatalf: the fixes log
// with logx.Errorf, not with the standard log.
func Consume(conn Conn, subjects []string, h Handler) {
	if len(subjects) == 0 {
		log.Fatalf("no subjects")
	}
	for _, subject := range subjects {
		conn.Subscribe(subject, func(m *Msg) { // want `error returned by conn.Subscribe is not checked`
			if err := h(m); err != nil {
				logx.Errorf("error handling message: %v", err)
			} else {
				m.Ack() // want `error returned by m.Ack is not checked`
			}
		})
	}
}

// Drain logs with nothing itself; the file's errors go to logx.Errorf,
// so its fix does too.
func Drain(m *Msg) {
	m.Ack() // want `error returned by m.Ack is not checked`
}

// AckAll acknowledges the messages: the package checks Ack's error.
func AckAll(ms []*Msg) error {
	for _, m := range ms {
		if err := m.Ack(); err != nil {
			return err
		}
	}
	return nil
}
