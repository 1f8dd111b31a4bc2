package driver_test

import (
	"maps"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/all"
)

// TestDependencySource analyses a package whose dependency is loaded
// from export data, where no fact exists: the positions export data
// keeps lead to the dependency's source, and unhandled-error reads how
// its functions fail there. A function that never fails, a constructor
// that fails only through options when none is passed, and one that
// hands back what it made are not warned about; a function that may
// fail, and the constructor given an option, are.
func TestDependencySource(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module m\n\ngo 1.22\n",
		"dep/dep.go": `package dep

import "errors"

type Store struct{ n int }

// Set never fails.
func (s *Store) Set(n int) error {
	s.n = n
	return nil
}

// Get may fail.
func (s *Store) Get() (int, error) {
	if s.n == 0 {
		return 0, errors.New("empty")
	}
	return s.n, nil
}

type Option func(*Store) error

// New fails only when an option does.
func New(opts ...Option) (*Store, error) {
	s := &Store{}
	for _, o := range opts {
		if err := o(s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Open hands back the store it made, failing or not.
func Open(n int) (*Store, error) {
	s := &Store{n: n}
	if n < 0 {
		return s, errors.New("negative")
	}
	return s, nil
}

func Bad(*Store) error { return errors.New("bad") }
`,
		"use/use.go": `package use

import "m/dep"

func Use() int {
	s, _ := dep.New()
	s.Set(1)
	t, _ := dep.New(dep.Bad)
	u, _ := dep.Open(-1)
	u.Set(2)
	s.Get()
	n, _ := t.Get()
	return n
}
`,
	}
	writeFiles(t, dir, files)
	res := analyze(t, dir, &driver.Selection{Rules: all.Rules, Only: []string{"unhandled-error"}}, "./use")
	for _, e := range res.PackageErrors {
		t.Errorf("package error: %v", e)
	}
	found := make(map[int]string)
	for _, f := range res.Findings {
		start, _ := f.Posn()
		found[start.Line] = f.Message("")
	}
	// Line 6: New without an option cannot fail; 7 and 10: Set never
	// fails. The others are reported (at the level the severity policy
	// gives a package like this one), 9 as a fallback.
	want := map[int]string{
		8:  "error returned by dep.New is discarded; t may be nil when it fails",
		9:  "error returned by dep.Open is discarded; u holds its fallback when it fails",
		11: "error returned by s.Get is not checked, here or anywhere else in this package",
		12: "error returned by t.Get is discarded; n may be 0 when it fails",
	}
	if !maps.Equal(found, want) {
		t.Errorf("findings %v,\nwant %v", found, want)
	}
}
