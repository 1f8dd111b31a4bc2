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

// Stage is a pipeline stage, as alertmanager's notify.Stage.
type Stage interface {
	Exec(n int) int
}

// Fanout runs its stages in turn; a nil Fanout runs none.
type Fanout []Stage

func (f Fanout) Exec(n int) int {
	for _, s := range f {
		n = s.Exec(n)
	}
	return n
}

// Tags maps keys to stages; a nil Tags has none.
type Tags map[string]Stage

func (t Tags) Exec(n int) int { return n + len(t) }

// NewFanout returns a nil Fanout when there are no stages: as a Stage it
// is not nil, but it is a working stage that does nothing, as a nil slice
// is an empty one. Only a caller that compares the Stage with nil is
// surprised: information.
func NewFanout(stages []Stage) Stage {
	var f Fanout
	for _, s := range stages {
		f = append(f, s)
	}
	return f /* information */ // want `f can be a nil Fanout here; returned as Stage it is not nil`
}

// NewTags returns a nil map as a Stage: reading it works too.
func NewTags(n int) Stage {
	var t Tags
	if n > 0 {
		t = make(Tags, n)
	}
	return t /* information */ // want `t can be a nil Tags here; returned as Stage it is not nil`
}

// Errs is a list of errors.
type Errs []error

func (e Errs) Error() string { return "errors" }

// Validate returns a nil Errs as an error: the classic typed nil, which
// every caller's err != nil sees as a failure. A warning.
func Validate(items []string) error {
	var errs Errs
	for _, it := range items {
		if it == "" {
			errs = append(errs, errors.New("empty"))
		}
	}
	return errs // want `errs can be a nil Errs here; returned as error it is not nil`
}
