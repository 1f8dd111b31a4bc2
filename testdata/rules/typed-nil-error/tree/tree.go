// Package tree holds typed-nil-error fixtures with interfaces other than
// error.
package tree

import "errors"

// Node is a tree node.
type Node interface {
	Key() string
}

type leaf struct{ key string }

func (l *leaf) Key() string { return l.key }

type index map[string]*leaf

// Find returns the leaf for key.
func (ix index) Find(key string) Node {
	var found *leaf
	for k, l := range ix {
		if k == key {
			found = l
		}
	}
	return found // want `found can be a nil \*leaf here; returned as Node it is not nil`
}

func lookup(ix index, key string) *leaf {
	if l, ok := ix[key]; ok {
		return l
	}
	return nil
}

// Get returns lookup's result as a Node.
func (ix index) Get(key string) Node {
	return lookup(ix, key) // want `lookup\(ix, key\) can return a nil \*leaf; returned as Node it is not nil`
}

// GetChecked checks it.
func (ix index) GetChecked(key string) Node {
	l := lookup(ix, key)
	if l == nil {
		return nil
	}
	return l // checked
}

func build(ok bool) (*leaf, error) {
	if !ok {
		return nil, errors.New("no leaf")
	}
	return &leaf{key: "k"}, nil
}

// Build returns build's results: a nil *leaf comes only with an error.
func Build(ok bool) (Node, error) {
	return build(ok) // (nil, err): callers look at err first
}

// Open returns a nil *leaf only with an error.
func Open(ok bool) (Node, error) {
	var l *leaf
	if !ok {
		return l, errors.New("closed") // (nil, err): callers look at err first
	}
	l = &leaf{key: "open"}
	return l, nil
}
