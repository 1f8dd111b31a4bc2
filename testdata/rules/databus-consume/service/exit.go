package service

import (
	"encoding/json"
	stdlog "log"
	"os"

	"go-common/library/log"
)

// Negatives: a path that ends in a call that never returns processes
// nothing after the commit.

// commitBadThenDie commits a bad message and stops through the package's
// own helper, which never returns.
func (s *Service) commitBadThenDie() {
	for msg := range s.consumer.Messages() {
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			msg.Commit() // die never returns: the read of msg.Key below is on another path
			die(err)
		}
		s.counter(msg.Key)
		msg.Commit()
	}
}

// commitBadThenLoggerFatal does the same with a *log.Logger's Fatalf.
func (s *Service) commitBadThenLoggerFatal(lg *stdlog.Logger) {
	for msg := range s.consumer.Messages() {
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			msg.Commit() // (*log.Logger).Fatalf exits
			lg.Fatalf("bad message: %v", err)
		}
		s.counter(msg.Key)
		msg.Commit()
	}
}

func die(err error) {
	stdlog.Print(err)
	os.Exit(1)
}

// commitBadThenFrameworkFatal: go-common's log.Fatal logs and returns, so
// the message is read after its commit.
func (s *Service) commitBadThenFrameworkFatal() {
	for msg := range s.consumer.Messages() {
		var v stat
		if err := json.Unmarshal(msg.Value, &v); err != nil {
			msg.Commit() /* information */ // want `msg is committed before it is processed`
			log.Fatal("bad message: %v", err)
		}
		s.counter(msg.Key)
		msg.Commit()
	}
}
