package cache_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/server/cache"
)

// TestIncremental edits one file of a package twice and checks what is
// reused: the other files' syntax and the dependencies' types read from
// export data, while the edited file is parsed again.
func TestIncremental(t *testing.T) {
	root, _ := filepath.Abs("../../testdata/lsp/basic")
	edited := filepath.Join(root, "svc", "svc.go")
	sibling := filepath.Join(root, "svc", "other.go")
	src, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	c := cache.New(cache.Options{Rules: all.Rules})
	ctx := context.Background()
	analyse := func(text string, version int32) *cache.Package {
		t.Helper()
		snap := c.Snapshot(map[string]*cache.Overlay{edited: {Path: edited, Version: version, Content: []byte(text)}}, nil)
		pkg, err := snap.PackageFor(ctx, edited)
		if err != nil {
			t.Fatal(err)
		}
		return pkg
	}
	p1 := analyse(string(src), 1)
	p2 := analyse(string(src)+"\nfunc more(v any) int { return v.(int) }\n", 2)
	if p1 == p2 {
		t.Fatal("the edit did not make a new analysis")
	}
	if p1.File(sibling) != p2.File(sibling) {
		t.Errorf("the unedited file was parsed again")
	}
	if p1.File(edited) == p2.File(edited) {
		t.Errorf("the edited file was not parsed again")
	}
	ctx1, ctx2 := p1.Types.Imports()[0], p2.Types.Imports()[0]
	if ctx1.Path() != "context" || ctx1 != ctx2 {
		t.Errorf("imports %v and %v: the dependency's types were not reused", ctx1, ctx2)
	}
	if len(p2.Findings) != len(p1.Findings)+1 {
		t.Errorf("findings %d then %d, want one more", len(p1.Findings), len(p2.Findings))
	}
	if p3 := analyse(string(src)+"\nfunc more(v any) int { return v.(int) }\n", 2); p3 != p2 {
		t.Errorf("the same contents were analysed again")
	}
	if len(p2.TypeErrors) != 0 {
		t.Errorf("type errors: %v", p2.TypeErrors)
	}
	views := c.Views()
	if len(views) != 1 || !strings.HasSuffix(views[0].Root, "basic") {
		t.Errorf("views %v", views)
	}
}
