package server

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/gopitfalls/gopitfalls/server/protocol"
)

var progressTokens atomic.Int64

// progress reports work-done progress ($/progress) to a client that
// supports it, at most a few times a second.
type progress struct {
	s     *Server
	token string
	last  time.Time
}

// startProgress creates a progress token (window/workDoneProgress/create)
// and begins it; it returns a progress that reports nothing when the
// client does not support progress.
func (s *Server) startProgress(ctx context.Context, title string) *progress {
	if !s.sess.Params().Capabilities.Window.WorkDoneProgress {
		return &progress{}
	}
	token := fmt.Sprintf("gopitfalls-%d", progressTokens.Add(1))
	if err := s.conn.Call(ctx, "window/workDoneProgress/create", protocol.WorkDoneProgressCreateParams{Token: token}, nil); err != nil {
		s.log.Warn("creating progress", "error", err)
		return &progress{}
	}
	zero := 0
	s.notify("$/progress", protocol.ProgressParams{Token: token, Value: protocol.WorkDoneProgress{Kind: "begin", Title: title, Percentage: &zero}})
	return &progress{s: s, token: token}
}

func (p *progress) report(ctx context.Context, msg string, pct int) {
	if p.s == nil || ctx.Err() != nil || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.s.notify("$/progress", protocol.ProgressParams{Token: p.token, Value: protocol.WorkDoneProgress{Kind: "report", Message: msg, Percentage: &pct}})
}

func (p *progress) end(_ context.Context, msg string) {
	if p.s == nil {
		return
	}
	p.s.notify("$/progress", protocol.ProgressParams{Token: p.token, Value: protocol.WorkDoneProgress{Kind: "end", Message: msg}})
}
