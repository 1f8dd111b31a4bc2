package service

import (
	"context"
	"encoding/json"

	"go-common/library/queue/databus"
)

type item struct{ ID int64 }

type other struct{ Value []byte }

// decodeLoop drops the error and commits after processing.
func (s *Service) decodeLoop() {
	for msg := range s.consumer.Messages() {
		var v stat
		json.Unmarshal(msg.Value, &v) // want `error of json.Unmarshal\(msg.Value, &v\) is dropped: a malformed message is processed with v left zero`
		s.handle(context.Background(), &v)
		msg.Commit()
	}
}

// decodeBlank drops the error explicitly, and commits nowhere.
func (s *Service) decodeBlank() {
	for msg := range s.consumer.Messages() {
		var v stat
		_ = json.Unmarshal(msg.Value, &v) // want `error of json.Unmarshal`
		s.handle(context.Background(), &v)
	}
}

// decodeNotes is the loop of the team notes: commit first, then decode
// with the error dropped.
func (s *Service) decodeNotes() {
	var (
		msg        *databus.Message
		ok         bool
		databusVal stat
	)
	msgs := s.consumer.Messages()
	for {
		if msg, ok = <-msgs; !ok {
			break
		}
		msg.Commit()                           /* information */ // want `msg is committed before it is processed: if processing fails or the service stops, the message is lost \(at-most-once delivery\)`
		json.Unmarshal(msg.Value, &databusVal) // want `error of json.Unmarshal\(msg.Value, &databusVal\)`
	}
}

// decodeConv converts the value first.
func (s *Service) decodeConv() {
	for m := range s.consumer.Messages() {
		var it item
		json.Unmarshal([]byte(m.Value), &it) // want `error of json.Unmarshal\(\[\]byte\(m.Value\), &it\)`
		m.Commit()
	}
}

// handleMsg is a handler without a loop and without results.
func (s *Service) handleMsg(msg *databus.Message) {
	var v stat
	json.Unmarshal(msg.Value, &v) // want `error of json.Unmarshal`
	s.handle(context.Background(), &v)
}

// decodeMsg returns an error: the fix returns it.
func decodeMsg(msg *databus.Message) (*stat, error) {
	v := new(stat)
	json.Unmarshal(msg.Value, v) // want `error of json.Unmarshal\(msg.Value, v\) is dropped: a malformed message is processed with v left zero`
	return v, nil
}

// decodeItems decodes in a loop over the message's items: continue would
// skip an item, not the message, so no fix.
func (s *Service) decodeItems(msg *databus.Message, raws [][]byte) {
	for range raws {
		var it item
		json.Unmarshal(msg.Value, &it) // want `error of json.Unmarshal`
	}
}

// Negatives.

// decodeChecked checks the error.
func (s *Service) decodeChecked() {
	for msg := range s.consumer.Messages() {
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			continue
		}
		msg.Commit()
	}
}

// decodeLater keeps the error and checks it below.
func decodeLater(msg *databus.Message) (*stat, error) {
	var v stat
	err := json.Unmarshal(msg.Value, &v)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// decodeOther drops the error of bytes that are not a databus message:
// unhandled-error's business, not this rule's.
func decodeOther(o other, raw []byte) {
	var v stat
	json.Unmarshal(o.Value, &v)
	json.Unmarshal(raw, &v)
}
