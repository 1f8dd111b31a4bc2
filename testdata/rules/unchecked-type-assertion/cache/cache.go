// Package cache holds values whose dynamic types the program fixes.
package cache

import (
	"bytes"
	"container/heap"
	"container/list"
	"sync"
	"sync/atomic"
)

type Config struct{ Addr string }

type entry struct {
	key string
	val int
}

type LRU struct {
	ll    *list.List
	items map[string]*list.Element
	seen  sync.Map
	conf  atomic.Value
	pool  sync.Pool
	other any
}

// Add is the only code that puts elements in c.ll, and they are *entry.
func (c *LRU) Add(k string, v int) {
	c.items[k] = c.ll.PushFront(&entry{key: k, val: v})
	c.seen.Store(k, v)
}

func (c *LRU) Get(k string) int {
	if e, ok := c.items[k]; ok {
		return e.Value.(*entry).val // every element of c.ll is an *entry
	}
	return 0
}

func (c *LRU) Oldest() string {
	e := c.ll.Back()
	return c.ll.Remove(e).(*entry).key // every element of c.ll is an *entry
}

func (c *LRU) Config() *Config {
	return c.conf.Load().(*Config) // atomic.Value holds one type
}

func (c *LRU) Buffer() *bytes.Buffer {
	return c.pool.Get().(*bytes.Buffer) // the pool's New fixes the type
}

func (c *LRU) Seen(k string) int {
	v, ok := c.seen.Load(k)
	if !ok {
		return 0
	}
	return v.(int) // the package stores only ints in c.seen
}

func (c *LRU) Keys() []string {
	var keys []string
	c.seen.Range(func(k, v any) bool {
		keys = append(keys, k.(string)) // the package's keys are strings
		return true
	})
	return keys
}

// c.other is never set: nothing says what it holds.
func (c *LRU) Other() int {
	return c.other.(int) /* information */ // want `unchecked type assertion c.other.\(int\)`
}

// A Registry holds what its callers register: anything.
type Registry struct {
	byName sync.Map
	order  *list.List
}

func (r *Registry) Register(name string, v any) {
	r.byName.Store(name, v)
	r.order.PushBack(v)
}

func (r *Registry) Config(name string) (*Config, error) {
	v, _ := r.byName.Load(name)
	return v.(*Config), nil // want `unchecked type assertion v.\(\*Config\)`
}

func (r *Registry) First() *Config {
	return r.order.Front().Value.(*Config) // want `unchecked type assertion r.order.Front\(\).Value.\(\*Config\)`
}

// mixed holds values of two types, both the package's own: which one a
// key holds is the program's business.
type mixed struct{ m sync.Map }

func (x *mixed) fill() {
	x.m.Store("a", 1)
	x.m.Store("b", "two")
}

func (x *mixed) a() int {
	v, _ := x.m.Load("a")
	return v.(int) /* information */ // want `unchecked type assertion v.\(int\)`
}

type item struct{ prio int }

type queue []*item

func (q queue) Len() int           { return len(q) }
func (q queue) Less(i, j int) bool { return q[i].prio < q[j].prio }
func (q queue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }

func (q *queue) Push(x any) {
	*q = append(*q, x.(*item)) // heap.Push only passes what the program pushes
}

func (q *queue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

func Top(q *queue) int {
	return heap.Pop(q).(*item).prio // heap elements are what the program pushed
}

func Pop2(q *queue) int {
	return q.Pop().(*item).prio // the queue's own Pop
}
