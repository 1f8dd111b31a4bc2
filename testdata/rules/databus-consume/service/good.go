package service

import (
	"context"
	"encoding/json"
	"time"

	"go-common/library/log"
	"go-common/library/queue/databus"
)

// consumeOK checks ok.
func (s *Service) consumeOK() {
	msgs := s.consumer.Messages()
	for {
		msg, ok := <-msgs
		if !ok {
			log.Info("databus consumer exit")
			return
		}
		msg.Commit()
	}
}

// consumeRange ranges: it ends when the channel is closed.
func (s *Service) consumeRange() {
	for msg := range s.consumer.Messages() {
		msg.Commit()
	}
}

// consumeNotes is the receive of the team notes: msg and ok declared
// before the loop.
func (s *Service) consumeNotes() {
	var (
		msg *databus.Message
		ok  bool
	)
	msgs := s.consumer.Messages()
	for {
		if msg, ok = <-msgs; !ok {
			log.Info("arc databus Consumer exit")
			break
		}
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			continue
		}
		msg.Commit()
	}
}

// consumeNil compares with nil, which is what a closed channel gives.
func (s *Service) consumeNil() {
	msgs := s.consumer.Messages()
	for {
		msg := <-msgs
		if msg == nil {
			return
		}
		msg.Commit()
	}
}

// first takes one message outside any loop.
func (s *Service) first() *databus.Message {
	return <-s.consumer.Messages()
}

// consumeSelectOK checks ok in a select.
func (s *Service) consumeSelectOK(ctx context.Context) {
	msgs := s.consumer.Messages()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done(): // not a databus channel
			return
		case <-tick.C: // not a databus channel
			log.Info("tick")
		case msg, ok := <-msgs:
			if !ok {
				return
			}
			msg.Commit()
		}
	}
}
