package features_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/server/cache"
	"github.com/gopitfalls/gopitfalls/server/features"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// analyse analyses src as an open file in syntax-only mode (no go
// command needed).
func analyse(t *testing.T, src string) (*cache.Package, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.go")
	c := cache.New(cache.Options{Rules: all.Rules, SyntaxOnly: true})
	snap := c.Snapshot(map[string]*cache.Overlay{path: {Path: path, Version: 1, Content: []byte(src)}}, nil)
	pkg, err := snap.PackageFor(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return pkg, path
}

// TestIgnoreEdit checks where "Ignore <rule> on this line" puts its
// comment.
func TestIgnoreEdit(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{
			name: "above, indented like the line",
			src:  "package p\n\nfunc f(v any) int {\n\t\treturn v.(int) // 注释\n}\n",
			want: "package p\n\nfunc f(v any) int {\n\t\t//gopitfalls:ignore unchecked-type-assertion TODO: why this is safe\n\t\treturn v.(int) // 注释\n}\n",
		},
		{
			name: "added to a directive above",
			src:  "package p\n\nfunc f(v any) int {\n\t//gopitfalls:ignore other-rule because\n\treturn v.(int)\n}\n",
			want: "package p\n\nfunc f(v any) int {\n\t//gopitfalls:ignore other-rule,unchecked-type-assertion because\n\treturn v.(int)\n}\n",
		},
		{
			name: "in a file with CRLF line ends, one more",
			src:  "package p\r\n\r\nfunc f(v any) int {\r\n\treturn v.(int)\r\n}\r\n",
			want: "package p\r\n\r\nfunc f(v any) int {\r\n\t//gopitfalls:ignore unchecked-type-assertion TODO: why this is safe\r\n\treturn v.(int)\r\n}\r\n",
		},
		{
			name: "at the end of a line that closes a block",
			src:  "package p\n\nfunc f(v any) {\n\tif v == nil {\n\t} else if v.(int) > 0 {\n\t}\n}\n",
			want: "package p\n\nfunc f(v any) {\n\tif v == nil {\n\t} else if v.(int) > 0 { //gopitfalls:ignore unchecked-type-assertion TODO: why this is safe\n\t}\n}\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkg, path := analyse(t, tc.src)
			env := &features.Env{Lang: "en"}
			diags := features.Diagnostics(pkg, path, env)
			if len(diags) != 1 {
				t.Fatalf("diagnostics %+v", diags)
			}
			actions := features.CodeActions(pkg, path, &protocol.CodeActionParams{Range: diags[0].Range}, env)
			var got string
			for _, a := range actions {
				if strings.HasPrefix(a.Title, "Ignore ") {
					uri := protocol.URIFromPath(path)
					var edits []protocol.TextEdit
					edits = append(edits, a.Edit.Changes[uri]...)
					var changes []protocol.TextDocumentContentChangeEvent
					for _, e := range edits {
						r := e.Range
						changes = append(changes, protocol.TextDocumentContentChangeEvent{Range: &r, Text: e.NewText})
					}
					out, err := protocol.ApplyChanges([]byte(tc.src), changes)
					if err != nil {
						t.Fatal(err)
					}
					got = string(out)
				}
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			// The result silences the finding.
			pkg2, path2 := analyse(t, got)
			if d := features.Diagnostics(pkg2, path2, env); len(d) != 0 {
				t.Errorf("still reported after ignoring: %+v", d)
			}
		})
	}
}

// TestHoverOutsideFindings checks that a hover with nothing to say is
// nil, and one on a finding shows its note.
func TestHoverOutsideFindings(t *testing.T) {
	src := "package p\n\n// 注释 😀\nfunc f(v any) int { return v.(int) }\n"
	pkg, path := analyse(t, src)
	env := &features.Env{Lang: "zh"}
	if h, err := features.Hover(pkg, path, protocol.Position{Line: 2, Character: 4}, env); err != nil || h != nil {
		t.Errorf("hover on a comment: %+v, %v", h, err)
	}
	h, err := features.Hover(pkg, path, protocol.Position{Line: 3, Character: 28}, env)
	if err != nil || h == nil || !strings.Contains(h.Contents.Value, "类型断言") || h.Range == nil || h.Range.Start.Character != 28 {
		t.Errorf("hover on the finding: %+v, %v", h, err)
	}
}
