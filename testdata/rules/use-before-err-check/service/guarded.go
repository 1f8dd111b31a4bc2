package service

import (
	"log"
	"net/http"
)

// A poster keeps its logger in a field.
type poster struct{ lg *log.Logger }

func (p *poster) request(url string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		if p.lg != nil {
			p.lg.Fatalf("new request: %v", err)
		}
	}
	req.Header.Set("Accept", "application/json") // the err branch means to leave
	return req
}

// logRequest only logs through its guarded logger: the branch goes on.
func logRequest(lg *log.Logger, url string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		if lg != nil {
			lg.Print("new request: ", err)
		}
	}
	req.Header.Set("Accept", "application/json") // want `req used after an err check that does not leave the block`
	return req
}

// otherGuard guards the exit with another variable: when debug is off,
// the branch goes on.
func otherGuard(lg *log.Logger, debug *bool, url string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		if debug != nil {
			lg.Panic(err)
		}
	}
	req.Header.Set("Accept", "application/json") // want `req used after an err check that does not leave the block`
	return req
}
