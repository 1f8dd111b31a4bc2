package driver_test

import (
	"context"
	"go/ast"
	"go/token"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/loader"
	"github.com/gopitfalls/gopitfalls/rules/all"
)

// TestBuildAndRun checks the unit builder that check and the language
// server share: type errors and a broken input both mark the unit as
// having errors, and the rules run on what type-checked.
func TestBuildAndRun(t *testing.T) {
	for _, tc := range []struct {
		name, src  string
		broken     bool
		wantErrors bool
	}{
		{"clean", "package p\n\nfunc F(v any) string { return v.(string) }\n", false, false},
		{"type error", "package p\n\nfunc F(v any) string { return v.(string) + undefined }\n", false, true},
		{"broken input", "package p\n\nfunc F(v any) string { return v.(string) }\n", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, tok, err := loader.Parse(fset, "/p/a.go", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			in := &driver.Input{ID: "p", Path: "example.com/p", Name: "p", Files: []*ast.File{f}, Toks: []*token.File{tok},
				Importer: loader.NoImports, Broken: tc.broken,
				ReadFile: func(string) ([]byte, error) { return []byte(tc.src), nil }}
			sel := &driver.Selection{Rules: all.Rules, Only: []string{"unchecked-type-assertion"}}
			u, res, err := driver.BuildAndRun(context.Background(), in, sel, discard)
			if err != nil {
				t.Fatal(err)
			}
			if u.HasErrors != tc.wantErrors || (len(u.TypeErrors) > 0) != (tc.name == "type error") {
				t.Errorf("HasErrors %v with type errors %v, want %v", u.HasErrors, u.TypeErrors, tc.wantErrors)
			}
			if u.Pkg.Path() != "example.com/p" || u.Fset.File(f.FileStart) != tok {
				t.Errorf("unit of %s with its file %v", u.Pkg.Path(), u.Fset.File(f.FileStart))
			}
			if len(res.Findings) != 1 || res.Findings[0].Rule.ID != "unchecked-type-assertion" {
				t.Errorf("findings %v, want the unchecked assertion", res.Findings)
			}
		})
	}
}
