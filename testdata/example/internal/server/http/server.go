// Package http is the account service's HTTP interface.
package http

import (
	bm "github.com/go-kratos/kratos/pkg/net/http/blademaster"

	"github.com/example/account/internal/service"
)

var svc *service.Service

// New starts the HTTP server.
func New(s *service.Service) (*bm.Engine, error) {
	svc = s
	engine := bm.DefaultServer(&bm.ServerConfig{Addr: "0.0.0.0:8000"})
	engine.GET("/account/ping", ping)
	if err := engine.Start(); err != nil {
		return nil, err
	}
	return engine, nil
}

func ping(c *bm.Context) {
	c.JSON(nil, svc.Ping(c))
}
