package features

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/server/cache"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// codeActionText are the titles of the code actions the server makes.
var codeActionText = map[string]map[string]string{
	"en": {"ignore": "Ignore %s on this line", "explain": "Explain %s", "fixAll": "Fix all gopitfalls findings in this file", "reason": "TODO: why this is safe"},
	"zh": {"ignore": "在这一行忽略 %s", "explain": "查看 %s 的说明", "fixAll": "修复本文件中 gopitfalls 的全部问题", "reason": "TODO: 说明为什么这里安全"},
}

func actionText(lang, key string) string {
	if m, ok := codeActionText[lang]; ok {
		return m[key]
	}
	return codeActionText["en"][key]
}

// CodeActions returns the code actions for a range of file:
//   - a quickfix for each suggested fix of each finding there (preferred
//     when it is the finding's only fix);
//   - "Ignore <rule> on this line" for each finding there;
//   - "Explain <rule>" for each finding there, which runs
//     protocol.ExplainCommand to open the rule's note;
//   - source.fixAll.gopitfalls, applying the first fix of every finding in
//     the file whose edits do not overlap another's.
//
// params.Context.Only restricts the kinds; params.Context.Diagnostics, when
// it holds gopitfalls diagnostics, restricts the findings to those.
func CodeActions(pkg *cache.Package, file string, params *protocol.CodeActionParams, env *Env) []protocol.CodeAction {
	f := pkg.File(file)
	if f == nil {
		return nil
	}
	only := params.Context.Only
	out := []protocol.CodeAction{}
	findings := findingsIn(pkg, file)

	if wants(only, protocol.QuickFix) {
		for _, fd := range atRange(pkg, findings, params, env) {
			d, _ := diagnostic(pkg, fd, env)
			for i, fix := range fd.Diag.SuggestedFixes {
				edits, name, ok := driver.FixEdits(pkg.Fset, fix)
				if !ok {
					continue // spans files, or out of them
				}
				if edit, ok := workspaceEdit(pkg, name, edits, env); ok {
					out = append(out, protocol.CodeAction{
						Title: fd.FixTitle(i, env.Lang), Kind: protocol.QuickFix, Diagnostics: []protocol.Diagnostic{d},
						IsPreferred: len(fd.Diag.SuggestedFixes) == 1, Edit: edit,
					})
				}
			}
			if edit, ok := ignoreEdit(pkg, f, fd, env); ok {
				out = append(out, protocol.CodeAction{
					Title: fmt.Sprintf(actionText(env.Lang, "ignore"), fd.Rule.ID), Kind: protocol.QuickFix,
					Diagnostics: []protocol.Diagnostic{d}, Edit: edit,
				})
			}
			title := fmt.Sprintf(actionText(env.Lang, "explain"), fd.Rule.ID)
			out = append(out, protocol.CodeAction{
				Title: title, Kind: protocol.QuickFix, Diagnostics: []protocol.Diagnostic{d},
				Command: &protocol.Command{Title: title, Command: protocol.ExplainCommand, Arguments: []any{fd.Rule.ID}},
			})
		}
	}
	if slices.ContainsFunc(only, func(k protocol.CodeActionKind) bool { return covers(k, protocol.SourceFixAllPitfall) }) {
		var inFile []*driver.Finding
		for _, fd := range findings {
			if len(fd.Diag.SuggestedFixes) == 0 {
				continue // nothing to apply
			}
			if _, name, ok := driver.FixEdits(pkg.Fset, fd.Diag.SuggestedFixes[0]); ok && name == file {
				inFile = append(inFile, fd)
			}
		}
		merged, applied, _ := driver.MergeFixes(inFile)
		if applied > 0 {
			if edit, ok := workspaceEdit(pkg, file, merged[file], env); ok {
				out = append(out, protocol.CodeAction{Title: actionText(env.Lang, "fixAll"), Kind: protocol.SourceFixAllPitfall, Edit: edit})
			}
		}
	}
	return out
}

// wants reports whether a client that asked for only those kinds wants
// actions of kind k (all kinds but source actions when only is empty).
func wants(only []protocol.CodeActionKind, k protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return k == protocol.QuickFix
	}
	return slices.ContainsFunc(only, func(o protocol.CodeActionKind) bool { return covers(o, k) })
}

// covers reports whether the requested kind o includes kind k: equal, or
// a parent of it ("source" covers "source.fixAll.gopitfalls").
func covers(o, k protocol.CodeActionKind) bool {
	return o == k || strings.HasPrefix(string(k), string(o)+".")
}

// atRange returns the findings that overlap the request's range,
// restricted to the context's gopitfalls diagnostics when it has any that
// match (a client whose diagnostics are stale gets the range's).
func atRange(pkg *cache.Package, findings []*driver.Finding, params *protocol.CodeActionParams, env *Env) []*driver.Finding {
	var inRange []*driver.Finding
	for _, fd := range findings {
		if _, r, ok := rangeOf(pkg, fd.Diag.Pos, fd.Diag.End); ok && overlaps(r, params.Range) {
			inRange = append(inRange, fd)
		}
	}
	var ours []protocol.Diagnostic
	for _, d := range params.Context.Diagnostics {
		if d.Source == Source {
			ours = append(ours, d)
		}
	}
	if len(ours) == 0 {
		return inRange
	}
	var matched []*driver.Finding
	for _, fd := range inRange {
		_, r, _ := rangeOf(pkg, fd.Diag.Pos, fd.Diag.End)
		if slices.ContainsFunc(ours, func(d protocol.Diagnostic) bool { return d.Code == fd.Rule.ID && d.Range == r }) {
			matched = append(matched, fd)
		}
	}
	if len(matched) == 0 {
		return inRange
	}
	return matched
}

// workspaceEdit converts byte-offset edits of one file of pkg.
func workspaceEdit(pkg *cache.Package, name string, edits []driver.Edit, env *Env) (*protocol.WorkspaceEdit, bool) {
	f := pkg.File(name)
	if f == nil {
		return nil, false
	}
	m := f.Mapper()
	var tes []protocol.TextEdit
	for _, e := range driver.KeepLineEndings(f.Src, edits) {
		r, err := m.Range(e.Start, e.End)
		if err != nil {
			return nil, false
		}
		tes = append(tes, protocol.TextEdit{Range: r, NewText: string(e.Text)})
	}
	uri := env.uri(name)
	if env.DocumentChanges {
		var version *int32
		if env.Version != nil {
			if v, ok := env.Version(name); ok {
				version = &v
			}
		}
		return &protocol.WorkspaceEdit{DocumentChanges: []protocol.TextDocumentEdit{{
			TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{URI: uri, Version: version},
			Edits:        tes,
		}}}, true
	}
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{uri: tes}}, true
}

// ignoreEdit returns the edit that silences fd's rule on its line:
//
//	//gopitfalls:ignore <rule> TODO: why this is safe
//
// on the line above, with the line's indentation (gofmt keeps a comment
// there as it is), or added to a directive already there. On a line that
// starts by closing a block (`} else {`), where gofmt would indent a
// comment above differently, the comment goes at the end of the line.
func ignoreEdit(pkg *cache.Package, f *cache.File, fd *driver.Finding, env *Env) (*protocol.WorkspaceEdit, bool) {
	off, ok := f.Offset(fd.Diag.Pos)
	if !ok {
		return nil, false
	}
	src := f.Src
	lineStart := bytes.LastIndexByte(src[:off], '\n') + 1
	lineEnd := len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		lineEnd = off + i
	}
	line := string(bytes.TrimRight(src[lineStart:lineEnd], "\r"))
	trimmed := strings.TrimLeft(line, " \t")
	indent := line[:len(line)-len(trimmed)]
	comment := rule.IgnoreComment(fd.Rule.ID, actionText(env.Lang, "reason"))

	// A directive on the line above: add the rule to it.
	if lineStart > 0 {
		prevStart := bytes.LastIndexByte(src[:lineStart-1], '\n') + 1
		prev := strings.TrimRight(string(src[prevStart:lineStart-1]), "\r")
		prevText := strings.TrimLeft(prev, " \t")
		if d, ok := rule.ParseDirective(prevText); ok && strings.HasPrefix(prevText, "//gopitfalls:ignore") {
			if slices.Contains(d.Rules, fd.Rule.ID) {
				return nil, false // silenced already
			}
			rest := strings.TrimPrefix(prevText, "//gopitfalls:ignore")
			list := strings.Fields(rest)[0]
			at := prevStart + (len(prev) - len(prevText)) + len("//gopitfalls:ignore") + strings.Index(rest, list) + len(list)
			return workspaceEdit(pkg, f.Name, []driver.Edit{{Start: at, End: at, Text: []byte("," + fd.Rule.ID)}}, env)
		}
	}
	if strings.HasPrefix(trimmed, "}") && !strings.Contains(line, "//") {
		return workspaceEdit(pkg, f.Name, []driver.Edit{{Start: lineStart + len(line), End: lineStart + len(line), Text: []byte(" " + comment)}}, env)
	}
	return workspaceEdit(pkg, f.Name, []driver.Edit{{Start: lineStart, End: lineStart, Text: []byte(indent + comment + "\n")}}, env)
}
