package wardendiscovery

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"golang.org/x/tools/go/analysis"
)

// gofmtEdit returns an edit that replaces [pos, end) of file with text
// and leaves the file laid out as gofmt would: where gofmt spaces the new
// text differently in its context (`"a"+b` in a call's arguments, `"a" + b`
// alone), the edit carries gofmt's layout. It reports false when the
// file's content is unavailable, was not gofmt'd to begin with, or does
// not parse after the edit.
func gofmtEdit(pass *analysis.Pass, file *ast.File, pos, end token.Pos, text string) (analysis.TextEdit, bool) {
	src, ok := fixutil.Content(pass, file)
	if !ok {
		return analysis.TextEdit{}, false
	}
	if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
		return analysis.TextEdit{}, false
	}
	base := pass.Fset.File(file.FileStart).Base()
	start, stop := int(pos)-base, int(end)-base
	edited := make([]byte, 0, len(src)+len(text))
	edited = append(append(append(edited, src[:start]...), text...), src[stop:]...)
	out, err := format.Source(edited)
	if err != nil {
		return analysis.TextEdit{}, false
	}
	// The smallest span of src that differs from out.
	pre := 0
	for pre < len(src) && pre < len(out) && src[pre] == out[pre] && pre < start {
		pre++
	}
	suf := 0
	for suf < len(src)-pre && suf < len(out)-pre && src[len(src)-1-suf] == out[len(out)-1-suf] && len(src)-suf > stop {
		suf++
	}
	return analysis.TextEdit{
		Pos:     token.Pos(base + pre),
		End:     token.Pos(base + len(src) - suf),
		NewText: out[pre : len(out)-suf],
	}, true
}
