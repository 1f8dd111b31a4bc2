// Package pmap provides a persistent hash map: copying one is free, and
// a copy and its original share what they have in common. A dataflow
// analysis that keeps a map of facts at every point of a function then
// stores the few facts that change from point to point, not every fact
// at every point: memory grows with the size of the function, not with
// its square. Joining two maps and comparing them skip what they share,
// so their cost grows with how much the maps differ.
//
// It is a compressed hash array-mapped prefix tree (CHAMP; Steindorfer
// and Vinju, OOPSLA 2015): a node has 32 slots, each empty, an entry or a
// child node, indexed by 5 bits of the key's hash. Its shape depends only
// on the keys it holds (an entry sits at the shallowest level where no
// other key shares its hash's prefix), so equal maps have equal shapes.
package pmap

import (
	"hash/maphash"
	"iter"
	"math/bits"
	"slices"
)

// A Map maps keys to values. The zero Map is empty and ready to use.
// Assigning a Map copies it (in constant time); Set and Delete change
// only the Map they are called on.
type Map[K, V comparable] struct {
	root *node[K, V]
}

const (
	slotBits = 5
	maxShift = 64 // nodes at this shift hold keys whose hashes are equal
)

type entry[K, V comparable] struct {
	hash uint64
	key  K
	val  V
}

// A node is never changed once made. Below maxShift, data holds the
// entries of the slots set in dataMap, and kids the nodes of those set in
// kidMap, in slot order; at maxShift, data holds colliding entries.
type node[K, V comparable] struct {
	dataMap, kidMap uint32
	data            []entry[K, V]
	kids            []*node[K, V]
	size            int // entries in the subtree
}

var seed = maphash.MakeSeed()

// hashMask is all ones but in tests, which make hashes collide.
var hashMask = ^uint64(0)

func hashOf[K comparable](k K) uint64 { return maphash.Comparable(seed, k) & hashMask }

func slot(h uint64, shift uint) uint32 { return 1 << ((h >> shift) & (1<<slotBits - 1)) }

// index returns the position, among those set in m, of bit.
func index(m, bit uint32) int { return bits.OnesCount32(m & (bit - 1)) }

// Len returns the number of entries of m.
func (m Map[K, V]) Len() int {
	if m.root == nil {
		return 0
	}
	return m.root.size
}

// Get returns the value of k in m, and whether m has it.
func (m Map[K, V]) Get(k K) (V, bool) {
	var zero V
	if m.root == nil {
		return zero, false
	}
	e := m.root.find(hashOf(k), k, 0)
	if e == nil {
		return zero, false
	}
	return e.val, true
}

func (n *node[K, V]) find(h uint64, k K, shift uint) *entry[K, V] {
	for {
		if shift >= maxShift {
			for i := range n.data {
				if n.data[i].key == k {
					return &n.data[i]
				}
			}
			return nil
		}
		bit := slot(h, shift)
		switch {
		case n.dataMap&bit != 0:
			e := &n.data[index(n.dataMap, bit)]
			if e.hash == h && e.key == k {
				return e
			}
			return nil
		case n.kidMap&bit != 0:
			n, shift = n.kids[index(n.kidMap, bit)], shift+slotBits
		default:
			return nil
		}
	}
}

// Set sets the value of k in m to v.
func (m *Map[K, V]) Set(k K, v V) {
	e := entry[K, V]{hashOf(k), k, v}
	if m.root == nil {
		m.root = &node[K, V]{dataMap: slot(e.hash, 0), data: []entry[K, V]{e}, size: 1}
		return
	}
	m.root = m.root.set(e, 0)
}

// set returns n with e set; n itself when it holds e already.
func (n *node[K, V]) set(e entry[K, V], shift uint) *node[K, V] {
	if shift >= maxShift {
		for i, d := range n.data {
			if d.key == e.key {
				if d.val == e.val {
					return n
				}
				c := n.clone()
				c.data[i] = e
				return c
			}
		}
		c := n.clone()
		c.data = append(c.data, e)
		c.size++
		return c
	}
	bit := slot(e.hash, shift)
	switch {
	case n.dataMap&bit != 0:
		i := index(n.dataMap, bit)
		d := n.data[i]
		if d.hash == e.hash && d.key == e.key {
			if d.val == e.val {
				return n
			}
			c := n.clone()
			c.data[i] = e
			return c
		}
		// Two keys in one slot: a child node for both.
		c := n.clone()
		c.dataMap &^= bit
		c.data = slices.Delete(c.data, i, i+1)
		c.kidMap |= bit
		c.kids = slices.Insert(c.kids, index(c.kidMap, bit), pair(d, e, shift+slotBits))
		c.size++
		return c
	case n.kidMap&bit != 0:
		i := index(n.kidMap, bit)
		kid := n.kids[i].set(e, shift+slotBits)
		if kid == n.kids[i] {
			return n
		}
		c := n.clone()
		c.kids[i] = kid
		c.size += kid.size - n.kids[i].size
		return c
	}
	c := n.clone()
	c.dataMap |= bit
	c.data = slices.Insert(c.data, index(c.dataMap, bit), e)
	c.size++
	return c
}

// pair returns the node at shift holding the entries a and b.
func pair[K, V comparable](a, b entry[K, V], shift uint) *node[K, V] {
	if shift >= maxShift {
		return &node[K, V]{data: []entry[K, V]{a, b}, size: 2}
	}
	sa, sb := slot(a.hash, shift), slot(b.hash, shift)
	if sa == sb {
		return &node[K, V]{kidMap: sa, kids: []*node[K, V]{pair(a, b, shift+slotBits)}, size: 2}
	}
	if sb < sa {
		a, b = b, a
	}
	return &node[K, V]{dataMap: sa | sb, data: []entry[K, V]{a, b}, size: 2}
}

func (n *node[K, V]) clone() *node[K, V] {
	c := *n
	c.data = slices.Clone(n.data)
	c.kids = slices.Clone(n.kids)
	return &c
}

// single returns the entry of a node that holds one entry and no child.
func (n *node[K, V]) single() (entry[K, V], bool) {
	if n.size == 1 && len(n.data) == 1 {
		return n.data[0], true
	}
	return entry[K, V]{}, false
}

// Delete removes k from m.
func (m *Map[K, V]) Delete(k K) {
	if m.root == nil {
		return
	}
	m.root = m.root.remove(hashOf(k), k, 0)
	if m.root != nil && m.root.size == 0 {
		m.root = nil
	}
}

// remove returns n without k (n itself when it does not hold k). A child
// left with a single entry is replaced by the entry, to keep the shape
// canonical.
func (n *node[K, V]) remove(h uint64, k K, shift uint) *node[K, V] {
	if shift >= maxShift {
		for i, d := range n.data {
			if d.key == k {
				c := n.clone()
				c.data = slices.Delete(c.data, i, i+1)
				c.size--
				return c
			}
		}
		return n
	}
	bit := slot(h, shift)
	switch {
	case n.dataMap&bit != 0:
		i := index(n.dataMap, bit)
		if d := n.data[i]; d.hash != h || d.key != k {
			return n
		}
		c := n.clone()
		c.dataMap &^= bit
		c.data = slices.Delete(c.data, i, i+1)
		c.size--
		return c
	case n.kidMap&bit != 0:
		i := index(n.kidMap, bit)
		kid := n.kids[i].remove(h, k, shift+slotBits)
		if kid == n.kids[i] {
			return n
		}
		c := n.clone()
		c.size--
		if e, ok := kid.single(); ok {
			c.kidMap &^= bit
			c.kids = slices.Delete(c.kids, i, i+1)
			c.dataMap |= bit
			c.data = slices.Insert(c.data, index(c.dataMap, bit), e)
			return c
		}
		c.kids[i] = kid
		return c
	}
	return n
}

// All returns the entries of m, in no particular order.
func (m Map[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		if m.root != nil {
			m.root.all(yield)
		}
	}
}

func (n *node[K, V]) all(yield func(K, V) bool) bool {
	for _, e := range n.data {
		if !yield(e.key, e.val) {
			return false
		}
	}
	for _, kid := range n.kids {
		if !kid.all(yield) {
			return false
		}
	}
	return true
}

// Equal reports whether a and b hold the same entries.
func Equal[K, V comparable](a, b Map[K, V]) bool {
	return equal(a.root, b.root, 0)
}

func equal[K, V comparable](a, b *node[K, V], shift uint) bool {
	switch {
	case a == b:
		return true
	case a == nil || b == nil || a.size != b.size || a.dataMap != b.dataMap || a.kidMap != b.kidMap:
		return false
	case shift >= maxShift:
		for _, e := range a.data {
			if f := b.find(e.hash, e.key, shift); f == nil || f.val != e.val {
				return false
			}
		}
		return true
	}
	for i := range a.data {
		if a.data[i] != b.data[i] {
			return false
		}
	}
	for i := range a.kids {
		if !equal(a.kids[i], b.kids[i], shift+slotBits) {
			return false
		}
	}
	return true
}
