package pmap

// Intersect returns a map of the keys that a and b both have, with the
// value join returns for the two values, where it says to keep one. The
// parts a and b share are kept as they are, so join must keep a value
// both maps have: join(k, v, v) = v, true.
func Intersect[K, V comparable](a, b Map[K, V], join func(k K, x, y V) (V, bool)) Map[K, V] {
	r := intersect(a.root, b.root, 0, join)
	if r != nil && r.size == 0 {
		r = nil
	}
	return Map[K, V]{r}
}

// intersect returns the node at shift for the keys of both a and b (nil
// for none); a itself when that is all of a, unchanged.
func intersect[K, V comparable](a, b *node[K, V], shift uint, join func(K, V, V) (V, bool)) *node[K, V] {
	switch {
	case a == b:
		return a
	case a == nil || b == nil:
		return nil
	case shift >= maxShift:
		r := &node[K, V]{}
		for _, e := range a.data {
			if f := b.find(e.hash, e.key, shift); f != nil {
				if v, keep := join(e.key, e.val, f.val); keep {
					r.data = append(r.data, entry[K, V]{e.hash, e.key, v})
				}
			}
		}
		r.size = len(r.data)
		switch {
		case r.size == 0:
			return nil
		case r.size == a.size && sameData(r.data, a.data):
			return a
		}
		return r
	}
	r := &node[K, V]{}
	same := true // r holds what a holds
	keep := func(bit uint32, e entry[K, V], x, y V) {
		v, ok := join(e.key, x, y)
		if !ok {
			same = false
			return
		}
		same = same && v == x
		e.val = v
		r.dataMap |= bit
		r.data = append(r.data, e)
		r.size++
	}
	common := (a.dataMap | a.kidMap) & (b.dataMap | b.kidMap)
	if common != a.dataMap|a.kidMap {
		same = false
	}
	for m := common; m != 0; m &= m - 1 {
		bit := m & -m
		switch {
		case a.dataMap&bit != 0 && b.dataMap&bit != 0:
			ea, eb := a.data[index(a.dataMap, bit)], b.data[index(b.dataMap, bit)]
			if ea.hash == eb.hash && ea.key == eb.key {
				keep(bit, ea, ea.val, eb.val)
			} else {
				same = false
			}
		case a.dataMap&bit != 0:
			ea := a.data[index(a.dataMap, bit)]
			if f := b.kids[index(b.kidMap, bit)].find(ea.hash, ea.key, shift+slotBits); f != nil {
				keep(bit, ea, ea.val, f.val)
			} else {
				same = false
			}
		case b.dataMap&bit != 0:
			same = false // a's child of two or more entries cannot stay
			eb := b.data[index(b.dataMap, bit)]
			if f := a.kids[index(a.kidMap, bit)].find(eb.hash, eb.key, shift+slotBits); f != nil {
				keep(bit, *f, f.val, eb.val)
			}
		default:
			ak := a.kids[index(a.kidMap, bit)]
			kid := intersect(ak, b.kids[index(b.kidMap, bit)], shift+slotBits, join)
			if kid != ak {
				same = false
			}
			if kid == nil {
				continue
			}
			if e, ok := kid.single(); ok {
				r.dataMap |= bit
				r.data = append(r.data, e)
				r.size++
				continue
			}
			r.kidMap |= bit
			r.kids = append(r.kids, kid)
			r.size += kid.size
		}
	}
	if same {
		return a
	}
	if r.size == 0 {
		return nil
	}
	return r
}

func sameData[K, V comparable](a, b []entry[K, V]) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Conflict reports whether a and b have a key in common whose values
// clash. The parts a and b share are skipped, so a value must not clash
// with itself: clash(k, v, v) = false.
func Conflict[K, V comparable](a, b Map[K, V], clash func(k K, x, y V) bool) bool {
	return conflict(a.root, b.root, 0, clash)
}

func conflict[K, V comparable](a, b *node[K, V], shift uint, clash func(K, V, V) bool) bool {
	switch {
	case a == b, a == nil, b == nil:
		return false
	case shift >= maxShift:
		for _, e := range a.data {
			if f := b.find(e.hash, e.key, shift); f != nil && clash(e.key, e.val, f.val) {
				return true
			}
		}
		return false
	}
	for m := (a.dataMap | a.kidMap) & (b.dataMap | b.kidMap); m != 0; m &= m - 1 {
		bit := m & -m
		switch {
		case a.dataMap&bit != 0 && b.dataMap&bit != 0:
			ea, eb := a.data[index(a.dataMap, bit)], b.data[index(b.dataMap, bit)]
			if ea.hash == eb.hash && ea.key == eb.key && clash(ea.key, ea.val, eb.val) {
				return true
			}
		case a.dataMap&bit != 0:
			ea := a.data[index(a.dataMap, bit)]
			if f := b.kids[index(b.kidMap, bit)].find(ea.hash, ea.key, shift+slotBits); f != nil && clash(ea.key, ea.val, f.val) {
				return true
			}
		case b.dataMap&bit != 0:
			eb := b.data[index(b.dataMap, bit)]
			if f := a.kids[index(a.kidMap, bit)].find(eb.hash, eb.key, shift+slotBits); f != nil && clash(eb.key, f.val, eb.val) {
				return true
			}
		default:
			if conflict(a.kids[index(a.kidMap, bit)], b.kids[index(b.kidMap, bit)], shift+slotBits, clash) {
				return true
			}
		}
	}
	return false
}
