package cache_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/server/cache"
)

// A session is a cache whose analyses wait for the dependencies' facts.
type session struct {
	c     *cache.Cache
	ready chan string
}

func newSession() *session {
	s := &session{ready: make(chan string, 16)}
	s.c = cache.New(cache.Options{Rules: all.Rules, FactsReady: func(id string) { s.ready <- id }})
	return s
}

// analyse returns the findings of path's package with overlays, as
// sorted lines. With newFacts (the session's first analysis, or the
// dependencies changed), it waits for the dependencies' facts and
// analyses again, as the server does when they are ready.
func (s *session) analyse(t *testing.T, overlays map[string]string, path string, newFacts bool) []string {
	t.Helper()
	ctx := t.Context()
	snap := func() *cache.Snapshot {
		o := make(map[string]*cache.Overlay)
		for p, text := range overlays {
			o[p] = &cache.Overlay{Path: p, Version: 1, Content: []byte(text)}
		}
		return s.c.Snapshot(o, nil)
	}
	pkg, err := snap().PackageFor(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if newFacts {
		select {
		case <-s.ready:
		case <-ctx.Done():
			t.Fatal(ctx.Err())
		}
		if pkg, err = snap().PackageFor(ctx, path); err != nil {
			t.Fatal(err)
		}
	}
	if len(pkg.TypeErrors) > 0 {
		t.Fatalf("type errors: %v", pkg.TypeErrors)
	}
	return findingLines(pkg.Findings, "")
}

// TestReuseMatchesFresh edits a main package again and again in one
// session, so that its analyses reuse what was built for its imports
// (ssaflow's program), and changes its dependency: first the facts it
// exports (an unsaved edit), then its types (saved, the build reloaded).
// After each step the findings are those of a fresh session on the same
// contents.
func TestReuseMatchesFresh(t *testing.T) {
	tmp := t.TempDir()
	for _, dir := range []string{"stubs", "lsp/basic"} {
		src, _ := filepath.Abs(filepath.Join("..", "..", "testdata", dir))
		if err := os.CopyFS(filepath.Join(tmp, dir), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	root := filepath.Join(tmp, "lsp", "basic")
	depFile := filepath.Join(root, "dep", "dep.go")
	mainFile := filepath.Join(root, "cmd", "app", "main.go")
	const depV1 = `package dep

import (
	"errors"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

// T is a value.
type T struct{ N int }

// Find returns a T, or nil and an error.
func Find(ok bool) (*T, error) {
	if !ok {
		return nil, errors.New("not found")
	}
	return &T{N: 1}, nil
}

// DSN reads paladin.
func DSN() string {
	s, _ := paladin.Get("db.toml").String()
	return s
}
`
	// The facts change: DSN no longer reads paladin.
	depV2 := `package dep

import "errors"

// T is a value.
type T struct{ N int }

// Find returns a T, or nil and an error.
func Find(ok bool) (*T, error) {
	if !ok {
		return nil, errors.New("not found")
	}
	return &T{N: 1}, nil
}

// DSN reads nothing.
func DSN() string { return "" }
`
	// The types change: Find returns a value, never nil.
	depV3 := `package dep

import "errors"

// T is a value.
type T struct{ N int }

// Find returns a T and an error.
func Find(ok bool) (T, error) {
	if !ok {
		return T{}, errors.New("not found")
	}
	return T{N: 1}, nil
}

// DSN reads nothing.
func DSN() string { return "" }
`
	mainSrc := `package main

import (
	"flag"
	"fmt"

	"example.com/lspbasic/dep"
)

func main() {
	flag.Parse()
	t, err := dep.Find(len(flag.Args()) > 0)
	fmt.Println(t.N)
	if err != nil {
		return
	}
	fmt.Println(dep.DSN())
	var m map[string]int
	m["a"] = 1
}
`
	for _, f := range []struct{ name, text string }{{depFile, depV1}, {mainFile, mainSrc}} {
		os.MkdirAll(filepath.Dir(f.name), 0o755)
		if err := os.WriteFile(f.name, []byte(f.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(i int) string {
		return fmt.Sprintf("%s\nfunc edit%d(v any) string { return v.(string) }\n", mainSrc, i)
	}

	reused := newSession()
	steps := []struct {
		name     string
		overlays map[string]string
		newFacts bool
		save     string // dependency contents to write to disk first, reloading the build
	}{
		{name: "open", overlays: map[string]string{mainFile: mainSrc}, newFacts: true},
		{name: "edit 1", overlays: map[string]string{mainFile: edit(1)}},
		{name: "edit 2", overlays: map[string]string{mainFile: edit(2)}},
		{name: "edit 3", overlays: map[string]string{mainFile: edit(3)}},
		{name: "dependency's facts", overlays: map[string]string{mainFile: edit(4), depFile: depV2}, newFacts: true},
		{name: "edit 5", overlays: map[string]string{mainFile: edit(5), depFile: depV2}},
		{name: "dependency's types", overlays: map[string]string{mainFile: edit(6)}, newFacts: true, save: depV3},
		{name: "edit 7", overlays: map[string]string{mainFile: edit(7)}},
	}
	var first []string
	for i, st := range steps {
		if st.save != "" {
			if err := os.WriteFile(depFile, []byte(st.save), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := reused.c.View(root).Reload(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		got := reused.analyse(t, st.overlays, mainFile, st.newFacts)
		want := newSession().analyse(t, st.overlays, mainFile, true)
		if !slices.Equal(got, want) {
			t.Errorf("%s: after reuse:\n\t%s\nfresh:\n\t%s", st.name, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
		t.Logf("%s:\n\t%s", st.name, strings.Join(got, "\n\t"))
		if i == 0 {
			first = got
		}
	}
	if len(first) == 0 {
		t.Fatal("no findings to compare")
	}
}
