// Package web stands in for a web framework's request context
// (blademaster's, gin's): a keyed bag with Set and Get.
package web

type Context struct{ keys map[string]any }

func (c *Context) Set(key string, value any) { c.keys[key] = value }

func (c *Context) Get(key string) (value any, exists bool) {
	value, exists = c.keys[key]
	return
}

func (c *Context) MustGet(key string) any { return c.keys[key] }

type HandlerFunc func(c *Context)

// CtxKey is the framework's own type of context key; its server sets
// ReplacerKey on every request.
type CtxKey string

const ReplacerKey CtxKey = "replacer"

type Replacer struct{}
