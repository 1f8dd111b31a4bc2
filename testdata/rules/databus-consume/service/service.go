// Package service consumes the account topic, in the ways the team notes
// warn about and in the ways they recommend.
package service

import (
	"context"
	"encoding/json"
	"errors"

	"go-common/library/log"
	"go-common/library/queue/databus"
)

// Service consumes account events.
type Service struct {
	consumer *databus.Databus
	closed   bool
}

type stat struct{ UID int64 }

func (s *Service) handle(ctx context.Context, v *stat) error {
	if v.UID == 0 {
		return errors.New("no uid")
	}
	return nil
}

func (s *Service) wait() {}

// consumeproc is the loop of the notes with a plain receive: once the
// consumer is closed msg is nil.
func (s *Service) consumeproc() {
	msgs := s.consumer.Messages()
	for {
		msg := <-msgs // want `receive from msgs without ok: after the consumer is closed the channel is closed, msg is nil and the loop spins or panics`
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			log.Error("json.Unmarshal(%s) error(%v)", msg.Value, err)
			continue
		}
		s.handle(context.Background(), &v)
		msg.Commit()
	}
}

// consumeSelect receives in a select: break would only leave the select.
func (s *Service) consumeSelect(ctx context.Context) {
	msgs := s.consumer.Messages()
	for {
		select {
		case <-ctx.Done():
			return
		case msg := <-msgs: // want `receive from msgs without ok`
			log.Info("offset %d", msg.Offset)
			msg.Commit()
		}
	}
}

// consumeDirect receives from the Messages call itself.
func (s *Service) consumeDirect() {
	for {
		msg := <-s.consumer.Messages() // want `receive from s.consumer.Messages\(\) without ok`
		log.Info("got %s", msg.Key)
		msg.Commit()
	}
}

// consumeAfterWait receives after another statement: only the ok check,
// which leaves the loop for the log line after it.
func (s *Service) consumeAfterWait() {
	msgs := s.consumer.Messages()
	for {
		s.wait()
		msg := <-msgs // want `receive from msgs without ok`
		log.Info("key %s", msg.Key)
		msg.Commit()
	}
	log.Info("account databus consumer exit")
}

// consumeBlankOK discards ok: the same mistake.
func (s *Service) consumeBlankOK() {
	msgs := s.consumer.Messages()
	for {
		msg, _ := <-msgs // want `receive from msgs without ok`
		msg.Commit()
	}
}

// consumeInline receives inside an expression.
func (s *Service) consumeInline() {
	msgs := s.consumer.Messages()
	for !s.closed {
		s.commit(<-msgs) // want `receive from msgs without ok: after the consumer is closed the channel is closed, the message is nil`
	}
}

func (s *Service) commit(m *databus.Message) { m.Commit() }

// run ends its function with the loop: the fix returns.
func (s *Service) run() error {
	msgs := s.consumer.Messages()
	for {
		msg := <-msgs // want `receive from msgs without ok`
		if err := msg.Commit(); err != nil {
			return err
		}
	}
}

// consumeVar declares the message with var.
func (s *Service) consumeVar() {
	msgs := s.consumer.Messages()
	for {
		var msg = <-msgs // want `receive from msgs without ok`
		msg.Commit()
	}
}

// consumeN reads a fixed number of messages.
func (s *Service) consumeN(n int) {
	msgs := s.consumer.Messages()
	for i := 0; i < n; i++ {
		msg := <-msgs // want `receive from msgs without ok`
		msg.Commit()
	}
}

// consumeSwitch receives in a switch case: break would leave the switch.
func (s *Service) consumeSwitch(mode int) {
	msgs := s.consumer.Messages()
	for {
		switch mode {
		case 1:
			msg := <-msgs // want `receive from msgs without ok`
			msg.Commit()
		default:
			return
		}
	}
}

// consumeAssign assigns to a variable declared outside the loop.
func (s *Service) consumeAssign() {
	var msg *databus.Message
	msgs := s.consumer.Messages()
	for {
		msg = <-msgs // want `receive from msgs without ok`
		msg.Commit()
	}
}
