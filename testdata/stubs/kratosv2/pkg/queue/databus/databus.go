// Package databus is a LOOK-ALIKE, not a kratos v2 package: go-common's
// databus API under the v2 module path, so that fixtures can prove that
// rules never match github.com/go-kratos/kratos/v2/... (see README.md).
package databus

import "encoding/json"

type Config struct{ Topic, Group string }

type Message struct {
	Key   string
	Value json.RawMessage
}

func (m *Message) Commit() error { return nil }

type Databus struct{ msgs chan *Message }

func New(c *Config) *Databus                 { return &Databus{msgs: make(chan *Message)} }
func (d *Databus) Messages() <-chan *Message { return d.msgs }
func (d *Databus) Close() error              { close(d.msgs); return nil }
