// Package blademaster is a stub of kratos pkg/net/http/blademaster.
package blademaster

import "context"

type Context struct {
	context.Context
	Keys map[string]interface{}
}

func (c *Context) JSON(data interface{}, err error) {}
func (c *Context) Bind(obj interface{}) error       { return nil }
func (c *Context) Get(key string) (interface{}, bool) {
	v, ok := c.Keys[key]
	return v, ok
}

type HandlerFunc func(*Context)

type ServerConfig struct{ Addr string }

type Engine struct{}

func DefaultServer(conf *ServerConfig) *Engine              { return &Engine{} }
func (e *Engine) GET(path string, handlers ...HandlerFunc)  {}
func (e *Engine) POST(path string, handlers ...HandlerFunc) {}
func (e *Engine) Start() error                              { return nil }
func (e *Engine) Shutdown(ctx context.Context) error        { return nil }
