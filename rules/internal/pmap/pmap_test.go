package pmap

import (
	"maps"
	"math/rand/v2"
	"testing"
)

// check reports whether m holds what ref holds, and its nodes are well
// formed: sizes add up, and no child below the root holds a single entry.
func check(t *testing.T, m Map[int, int], ref map[int]int) {
	t.Helper()
	if m.Len() != len(ref) {
		t.Fatalf("Len = %d, want %d", m.Len(), len(ref))
	}
	got := maps.Collect(m.All())
	if !maps.Equal(got, ref) {
		t.Fatalf("All = %v, want %v", got, ref)
	}
	for k, v := range ref {
		if w, ok := m.Get(k); !ok || w != v {
			t.Fatalf("Get(%d) = %d, %v; want %d", k, w, ok, v)
		}
	}
	if _, ok := m.Get(-1); ok {
		t.Fatal("Get of a missing key succeeded")
	}
	if m.root != nil {
		wellFormed(t, m.root, 0, true)
	}
}

func wellFormed(t *testing.T, n *node[int, int], shift uint, root bool) int {
	t.Helper()
	size := len(n.data)
	for _, k := range n.kids {
		size += wellFormed(t, k, shift+slotBits, false)
	}
	if size != n.size {
		t.Fatalf("node size %d, holds %d", n.size, size)
	}
	if !root && size < 2 {
		t.Fatalf("a child holds %d entries", size)
	}
	return size
}

func TestMap(t *testing.T) {
	for _, mask := range []uint64{^uint64(0), 0x3ff, 0x7} { // 0x7: most hashes collide
		t.Run("", func(t *testing.T) {
			hashMask = mask
			defer func() { hashMask = ^uint64(0) }()
			r := rand.New(rand.NewPCG(1, mask))
			var m Map[int, int]
			ref := make(map[int]int)
			var snaps []Map[int, int]
			var refs []map[int]int
			for i := 0; i < 3000; i++ {
				k := r.IntN(200)
				if r.IntN(3) == 0 {
					m.Delete(k)
					delete(ref, k)
				} else {
					v := r.IntN(3)
					before := m
					m.Set(k, v)
					if old, ok := ref[k]; ok && old == v && m.root != before.root {
						t.Fatal("setting a key to its value made a new map")
					}
					ref[k] = v
				}
				if i%100 == 0 {
					check(t, m, ref)
					snaps, refs = append(snaps, m), append(refs, maps.Clone(ref))
				}
			}
			// Copies are unchanged by later changes.
			for i := range snaps {
				check(t, snaps[i], refs[i])
			}
			// Equal, Intersect and Conflict against maps.
			join := func(_, x, y int) (int, bool) { return max(x, y), x == y || x+y == 1 }
			clash := func(_, x, y int) bool { return x != y }
			for i := range snaps {
				for j := range snaps {
					a, b := snaps[i], snaps[j]
					if got, want := Equal(a, b), maps.Equal(refs[i], refs[j]); got != want {
						t.Fatalf("Equal(%d, %d) = %v, want %v", i, j, got, want)
					}
					want := make(map[int]int)
					conflicts := false
					for k, x := range refs[i] {
						if y, ok := refs[j][k]; ok {
							if v, keep := join(k, x, y); keep {
								want[k] = v
							}
							conflicts = conflicts || clash(k, x, y)
						}
					}
					in := Intersect(a, b, join)
					check(t, in, want)
					if Equal(in, a) != maps.Equal(want, refs[i]) {
						t.Fatal("Equal disagrees on an intersection")
					}
					if got := Conflict(a, b, clash); got != conflicts {
						t.Fatalf("Conflict(%d, %d) = %v, want %v", i, j, got, conflicts)
					}
				}
			}
		})
	}
}

// TestSharing checks that what two maps share is not copied: a map
// intersected with a copy of itself changed in one key keeps the rest.
func TestSharing(t *testing.T) {
	var a Map[int, int]
	for i := range 1000 {
		a.Set(i, i)
	}
	b := a
	b.Set(5, -5)
	in := Intersect(a, b, func(_, x, y int) (int, bool) { return x, x == y })
	if in.Len() != 999 {
		t.Fatalf("Len = %d", in.Len())
	}
	if got := Intersect(a, a, func(_, x, y int) (int, bool) { return x, true }); got.root != a.root {
		t.Error("a map intersected with itself was copied")
	}
	shared := 0
	for _, k := range in.root.kids {
		for _, l := range a.root.kids {
			if k == l {
				shared++
			}
		}
	}
	if shared < len(a.root.kids)-1 {
		t.Errorf("%d of %d children shared", shared, len(a.root.kids))
	}
}
