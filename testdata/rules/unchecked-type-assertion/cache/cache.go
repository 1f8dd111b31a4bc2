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

func (c *LRU) Get(k string) int {
	if e, ok := c.items[k]; ok {
		return e.Value.(*entry).val // want `unchecked type assertion e.Value.\(\*entry\)`
	}
	return 0
}

func (c *LRU) Oldest() string {
	e := c.ll.Back()
	return c.ll.Remove(e).(*entry).key // want `unchecked type assertion c.ll.Remove\(e\).\(\*entry\)`
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
	return v.(int) // want `unchecked type assertion v.\(int\)`
}

func (c *LRU) Keys() []string {
	var keys []string
	c.seen.Range(func(k, v any) bool {
		keys = append(keys, k.(string)) // want `unchecked type assertion k.\(string\)`
		return true
	})
	return keys
}

func (c *LRU) Other() int {
	return c.other.(int) // want `unchecked type assertion c.other.\(int\)`
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
