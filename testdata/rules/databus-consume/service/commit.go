package service

import (
	"context"
	"encoding/json"

	"go-common/library/log"
	"go-common/library/queue/databus"
)

func (s *Service) process(msg *databus.Message) error { return nil }

// commitThenProcess commits, then hands the message on.
func (s *Service) commitThenProcess() {
	for msg := range s.consumer.Messages() {
		msg.Commit() /* information */ // want `msg is committed before it is processed`
		if err := s.process(msg); err != nil {
			log.Error("process error(%v)", err)
		}
	}
}

// commitThenSend commits, then sends the message to a worker.
func (s *Service) commitThenSend(work chan<- *databus.Message) {
	for msg := range s.consumer.Messages() {
		msg.Commit() /* information */ // want `msg is committed before it is processed`
		work <- msg
	}
}

// commitInSelect commits in a select case, then reads the key.
func (s *Service) commitInSelect(ctx context.Context) {
	msgs := s.consumer.Messages()
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-msgs:
			if !ok {
				return
			}
			msg.Commit() /* information */ // want `msg is committed before it is processed`
			log.Info("key %s", msg.Key)
			s.counter(msg.Key)
		}
	}
}

func (s *Service) counter(key string) {}

// commitChecked checks the commit's error, then decodes.
func (s *Service) commitChecked() {
	for msg := range s.consumer.Messages() {
		if err := msg.Commit(); err != nil { /* information */ // want `msg is committed before it is processed`
			log.Error("commit error(%v)", err)
		}
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			continue
		}
		s.handle(context.Background(), &v)
	}
}

// commitThenBranch processes in one branch only: still after the commit.
func (s *Service) commitThenBranch(verbose bool) {
	for msg := range s.consumer.Messages() {
		msg.Commit() /* information */ // want `msg is committed before it is processed`
		if verbose {
			s.counter(msg.Key)
		}
	}
}

// commitHandler commits first in a handler without a loop.
func (s *Service) commitHandler(msg *databus.Message) error {
	msg.Commit() /* information */ // want `msg is committed before it is processed`
	return s.process(msg)
}

// commitThenGo commits, then processes in a goroutine.
func (s *Service) commitThenGo() {
	for msg := range s.consumer.Messages() {
		msg.Commit() /* information */ // want `msg is committed before it is processed`
		go s.counter(msg.Key)
	}
}

// commitThenCopy commits, then keeps the message for later.
func (s *Service) commitThenCopy() []*databus.Message {
	var kept []*databus.Message
	for msg := range s.consumer.Messages() {
		msg.Commit() /* information */ // want `msg is committed before it is processed`
		last := msg
		kept = append(kept, last)
	}
	return kept
}

// Negatives.

// commitAfter commits at the end of each iteration: the reads of the next
// message come before the next commit.
func (s *Service) commitAfter() {
	for msg := range s.consumer.Messages() {
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			log.Error("json.Unmarshal(%s) error(%v)", msg.Value, err)
			msg.Commit() // a bad message is committed and skipped: nothing after it
			continue
		}
		s.handle(context.Background(), &v)
		msg.Commit()
	}
}

// commitBadThenLog is go-common's usual error branch: commit the bad
// message, log its value, skip it.
func (s *Service) commitBadThenLog() {
	for msg := range s.consumer.Messages() {
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			msg.Commit()
			log.Error("json.Unmarshal(%s) error(%v)", string(msg.Value), err)
			continue
		}
		s.handle(context.Background(), &v)
		msg.Commit()
	}
}

// commitBadForever is the same in a for loop without condition, whose
// next iteration starts at the top of its body.
func (s *Service) commitBadForever() {
	var (
		msg *databus.Message
		ok  bool
	)
	msgs := s.consumer.Messages()
	for {
		if msg, ok = <-msgs; !ok {
			log.Info("account databus consumer exit")
			return
		}
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			msg.Commit()
			log.Error("json.Unmarshal(%s) error(%v)", msg.Value, err)
			continue
		}
		s.counter(msg.Key)
		msg.Commit()
	}
}

// commitThenLog only logs metadata and the message after the commit.
func (s *Service) commitThenLog() {
	for msg := range s.consumer.Messages() {
		s.counter(msg.Key)
		msg.Commit()
		log.Info("committed topic(%s) partition(%d) offset(%d)", msg.Topic, msg.Partition, msg.Offset)
		log.Info("message %+v", msg)
	}
}

// commitDeferred commits when the handler returns.
func (s *Service) commitDeferred(msg *databus.Message) error {
	defer msg.Commit()
	return s.process(msg)
}

// commitReturns commits, then leaves.
func (s *Service) commitReturns(msg *databus.Message, done bool) error {
	if done {
		msg.Commit()
		return nil
	}
	return s.process(msg)
}
