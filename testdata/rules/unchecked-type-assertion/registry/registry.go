// Package registry stands in for other modules' generic containers: a
// wait registry, an interval tree, a lazily filled group.
package registry

// Wait hands each registered id the value triggered for it.
type Wait interface {
	Register(id uint64) <-chan any
	Trigger(id uint64, x any)
}

func New() Wait { return nil }

// Tree maps intervals to values.
type Tree interface {
	Insert(ivl string, val any)
	Find(ivl string) *Item
	Stab(ivl string) []*Item
}

type Item struct {
	Ivl string
	Val any
}

func NewTree() Tree { return nil }

// Group makes a value per key with its New func.
type Group struct{ newFn func() any }

func NewGroup(newFn func() any) *Group { return &Group{newFn} }

func (g *Group) Get(key string) any { return g.newFn() }

// Reset replaces the New func and drops every value made.
func (g *Group) Reset(newFn func() any) { g.newFn = newFn }

// Result is another package's result: its Resp holds the response of the
// request applied.
type Result struct{ Resp any }

func Apply(r any) *Result { return &Result{} }

// Provisioner is a framework's interface: it calls Provision with the
// module's configuration.
type Provisioner interface {
	Provision(cfg map[string]any) error
}
