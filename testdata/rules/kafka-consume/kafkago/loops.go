package kafkago

import (
	"context"
	"errors"
	"io"
	"log"
	"time"

	"github.com/segmentio/kafka-go"
)

// eofCompare compares ReadMessage's wrapped error with io.EOF.
func eofCompare(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.ReadMessage(ctx)
		if err == io.EOF { // want `r.ReadMessage wraps io.EOF`
			return nil
		}
		if err != nil {
			log.Printf("read: %v", err)
			continue
		}
		log.Printf("offset %d", m.Offset)
	}
}

// fetchEOF is fine: FetchMessage returns io.EOF itself.
func fetchEOF(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		log.Printf("offset %d", m.Offset)
	}
}

// errorsIs is fine: the branch tells io.EOF apart.
func errorsIs(ctx context.Context, r *kafka.Reader) {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return
			}
			log.Printf("read: %v", err)
			continue
		}
		log.Printf("offset %d", m.Offset)
	}
}

// backoff sleeps before retrying: no busy loop, but it never ends.
func backoff(ctx context.Context, r *kafka.Reader) {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil { /* information */ // want `the loop retries any error reading from r`
			log.Printf("fetch: %v", err)
			time.Sleep(time.Second)
			continue
		}
		log.Printf("offset %d", m.Offset)
	}
}

// watched is fine: the loop watches the context.
func watched(ctx context.Context, r *kafka.Reader) {
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		m, err := r.FetchMessage(ctx)
		if err != nil {
			continue
		}
		log.Printf("offset %d", m.Offset)
	}
}

// conditional is fine: the loop has a condition of its own.
func conditional(ctx context.Context, r *kafka.Reader, running *bool) {
	for *running {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			continue
		}
		log.Printf("offset %d", m.Offset)
	}
}

// forever reads a reader nothing here closes with a context that never
// ends: the errors are the network's, and going on is the point.
func forever(brokers []string) {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: "audit", GroupID: "audit"})
	for {
		m, err := r.FetchMessage(context.Background())
		if err != nil { /* information */ // want `the loop goes on after any error reading from r`
			log.Printf("fetch: %v", err)
			continue
		}
		log.Printf("offset %d", m.Offset)
	}
}

// configVar sets the GroupID through a local configuration.
func configVar(ctx context.Context, brokers []string) error {
	cfg := kafka.ReaderConfig{Brokers: brokers, Topic: "orders", GroupID: "orders"}
	r := kafka.NewReader(cfg)
	defer r.Close()
	for {
		m, err := r.ReadMessage(ctx) // want `r.ReadMessage commits m before returning it \(the reader`
		if err != nil {
			return err
		}
		if err := handle(ctx, event{ID: len(m.Value)}); err != nil {
			return err
		}
	}
}

// configChanged assigns the GroupID later: not known here.
func configChanged(ctx context.Context, brokers []string, group string) error {
	cfg := kafka.ReaderConfig{Brokers: brokers, Topic: "orders"}
	cfg.GroupID = group
	r := kafka.NewReader(cfg)
	if err := r.CommitMessages(ctx); err != nil {
		return err
	}
	m, err := r.ReadMessage(ctx)
	if err != nil {
		return err
	}
	return handle(ctx, event{ID: int(m.Offset)})
}

// passedIn reads a reader made elsewhere: its GroupID is not visible.
func passedIn(ctx context.Context, r *kafka.Reader) error {
	m, err := r.ReadMessage(ctx)
	if err != nil {
		return err
	}
	return handle(ctx, event{ID: int(m.Offset)})
}

// deferredClose closes the reader only when the function returns, which
// the loop never does: with a context that never ends, nothing ends the
// reads.
func deferredClose(brokers []string) {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: "audit"})
	defer r.Close()
	for {
		m, err := r.FetchMessage(context.Background())
		if err != nil { /* information */ // want `the loop goes on after any error reading from r`
			log.Printf("fetch: %v", err)
			continue
		}
		log.Printf("offset %d", m.Offset)
	}
}

// switchEOF switches on ReadMessage's wrapped error.
func switchEOF(ctx context.Context, r *kafka.Reader) {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			switch err {
			case io.EOF: // want `r.ReadMessage wraps io.EOF`
				log.Printf("closed")
			default:
				log.Printf("read: %v", err)
			}
			break
		}
		log.Printf("offset %d", m.Offset)
	}
}
