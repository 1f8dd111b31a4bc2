// Package service is the business layer of the fixture: kratos logging,
// databus, goroutines and HTTP handlers.
package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"example.com/unhandled/dao"
	"github.com/go-kratos/kratos/pkg/log"
	"go-common/library/queue/databus"
)

type Service struct {
	dao *dao.Dao
	bus *databus.Databus
}

type stat struct {
	UID int64 `json:"uid"`
}

// --- positives ---

func (s *Service) Deposit(ctx context.Context, uid, amount int64) error { // want Deposit:"never fails"
	s.dao.Transfer(ctx, 0, uid, amount) // want `error returned by s.dao.Transfer is not checked`
	s.dao.AddBalance(ctx, uid, amount)  // AddBalance never returns an error (its dropped Exec is reported in dao)
	log.Info("deposit %d to %d", amount, uid)
	s.bus.Send(ctx, strconv.FormatInt(uid, 10), &stat{uid}) // want `error returned by s.bus.Send is not checked`
	return nil
}

// Notify has no error result: the fix logs with the file's kratos log.
func (s *Service) Notify(ctx context.Context, uids []int64) {
	for _, uid := range uids {
		if uid > 0 {
			s.bus.Send(ctx, strconv.FormatInt(uid, 10), &stat{uid}) // want `error returned by s.bus.Send is not checked`
		}
	}
}

func (s *Service) Consume(ctx context.Context) {
	go func() {
		for msg := range s.bus.Messages() {
			var st stat
			err := json.Unmarshal(msg.Value, &st) // want `err from json.Unmarshal is overwritten at line \d+ before it is checked`
			st.UID, err = strconv.ParseInt(msg.Key, 10, 64)
			if err != nil {
				log.Error("bad key %q: %v", msg.Key, err)
				continue
			}
			msg.Commit() // want `error returned by msg.Commit is not checked`
			log.Info("consumed %d", st.UID)
		}
	}()
}

func (s *Service) Limit(r *http.Request) (int, error) { // want Limit:"never fails"
	n, _ := strconv.Atoi(r.FormValue("limit")) // want `error returned by strconv.Atoi is discarded; n may be 0 when it fails`
	return n * 10, nil
}

func (s *Service) Batch(ctx context.Context, uids []int64) error {
	for _, uid := range uids {
		switch {
		case uid > 100:
			err := s.dao.Transfer(ctx, uid, 1, 1) // want `err from s.dao.Transfer is overwritten at line \d+ before it is checked`
			err = s.dao.Transfer(ctx, 1, uid, 1)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Service) Hook(ctx context.Context) func(int64) error {
	return func(uid int64) error {
		if uid != 0 {
			s.dao.Rename(ctx, uid, "") // want `error returned by s.dao.Rename is not checked`
		}
		return nil
	}
}

func (s *Service) Pipe(w io.WriteCloser, data []byte) error {
	if _, err := w.Write(data); err != nil {
		return err
	}
	w.Close() // want `error returned by w.Close is not checked`
	return nil
}

// --- negatives a naive checker would flag ---

func (s *Service) Render(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok"))                             // a failed write means the client has gone
	fmt.Fprintf(w, "uid=%s\n", r.FormValue("uid"))    // the same
	json.NewEncoder(w).Encode(map[string]int{"a": 1}) // encoding for the response
}

func (s *Service) Digest(parts []string) string {
	var buf bytes.Buffer
	var sb strings.Builder
	h := sha256.New()
	for _, p := range parts {
		buf.WriteString(p)         // bytes.Buffer never fails
		sb.WriteString(p)          // nor does strings.Builder
		h.Write([]byte(p))         // nor a hash
		fmt.Fprintf(&buf, "%s", p) // nor formatting into a buffer
	}
	fmt.Println(buf.Len(), sb.Len()) // standard output
	fmt.Fprintln(os.Stderr, "done")  // standard error
	return fmt.Sprintf("%x", h.Sum(nil))
}

func (s *Service) Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	// information: closing a body that was read only releases it
	resp.Body.Close()              /* information */ // want `error returned by resp.Body.Close is not checked`
	io.Copy(io.Discard, resp.Body) // draining is best effort
	return body, err
}

func (s *Service) Close() {
	defer s.bus.Close() // deferred
	defer func() {
		s.bus.Send(context.Background(), "closing", nil) // in a deferred function
	}()
}

func (s *Service) Stop(ctx context.Context, srv *http.Server, conn net.Conn, rows *sql.Rows) {
	conn.SetDeadline(time.Now().Add(time.Second)) // a closed connection fails the next Read anyway
	// information: rows whose work is done
	rows.Close() /* information */ // want `error returned by rows.Close is not checked`
	// information: a connection being abandoned
	conn.Close()             /* information */ // want `error returned by conn.Close is not checked`
	srv.Shutdown(ctx)        // graceful stop at the end of the server's life
	host, _ := os.Hostname() // does not fail in practice
	log.Info("%s stopped", host)
}

func (s *Service) Validate(ctx context.Context, uid int64) error {
	if uid <= 0 {
		s.bus.Send(ctx, "invalid", &stat{uid}) // best effort while returning an error
		return fmt.Errorf("invalid uid %d", uid)
	}
	return nil
}
