package features

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/server/cache"
	"github.com/gopitfalls/gopitfalls/server/protocol"
	"golang.org/x/tools/go/ast/astutil"
)

// Hover returns the hover at pos in file: the note of each finding whose
// range holds pos, then the knowledge about the construct under pos, or
// nil when there is nothing to say.
func Hover(pkg *cache.Package, file string, pos protocol.Position, env *Env) (*protocol.Hover, error) {
	f := pkg.File(file)
	if f == nil || f.Tok == nil {
		return nil, nil
	}
	off, err := f.Mapper().Offset(pos)
	if err != nil {
		return nil, err
	}
	p := f.Tok.Pos(off)

	var parts []string
	var hoverRange *protocol.Range
	seen := make(map[*rule.Rule]bool)
	for _, fd := range findingsIn(pkg, file) {
		end := fd.Diag.End
		if !end.IsValid() {
			end = fd.Diag.Pos
		}
		if p < fd.Diag.Pos || p > end || seen[fd.Rule] {
			continue // elsewhere, or the same rule's note shown already
		}
		seen[fd.Rule] = true
		parts = append(parts, RenderNote(fd.Rule, env.Lang, env.message(fd)))
		if _, r, ok := rangeOf(pkg, fd.Diag.Pos, end); ok && hoverRange == nil {
			hoverRange = &r
		}
	}
	if k, start, end, ok := knowledgeAt(pkg, f, p); ok {
		parts = append(parts, k.render(env))
		if hoverRange == nil {
			if _, r, ok := rangeOf(pkg, start, end); ok {
				hoverRange = &r
			}
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return &protocol.Hover{
		Contents: protocol.MarkupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")},
		Range:    hoverRange,
	}, nil
}

// hoverText are the fixed words of a note hover.
var hoverText = map[string]map[string]string{
	"en": {
		"found":   "Found here",
		"silence": "Silence it",
		"comment": "on the line or the line above",
		"more":    "Full note",
		"reason":  "why this is safe",
	},
	"zh": {
		"found":   "这里的问题",
		"silence": "如何忽略",
		"comment": "写在这一行或上一行",
		"more":    "完整说明",
		"reason":  "为什么这里安全",
	},
}

func word(lang, key string) string {
	if m, ok := hoverText[lang]; ok {
		return m[key]
	}
	return hoverText["en"][key]
}

// RenderNote renders a rule's note as a hover in lang: title, summary,
// why, the runtime error, bad and good examples, how to silence it, and a
// link to the full note. msg is the finding's message, if any.
func RenderNote(r *rule.Rule, lang, msg string) string {
	n := r.Note(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n`%s` · %s\n\n", n.Title, r.ID, r.Severity)
	if msg != "" {
		fmt.Fprintf(&b, "**%s:** %s\n\n", word(n.Lang, "found"), msg)
	}
	fmt.Fprintf(&b, "%s\n\n", n.Summary)
	fmt.Fprintf(&b, "**%s**\n\n%s\n\n", rule.SectionTitle(n.Lang, "why"), n.Why)
	if n.Runtime != "" {
		fmt.Fprintf(&b, "**%s**\n\n```text\n%s\n```\n\n", rule.SectionTitle(n.Lang, "runtime"), n.Runtime)
	}
	fmt.Fprintf(&b, "**%s**\n\n```go\n%s\n```\n\n", rule.SectionTitle(n.Lang, "bad"), n.Bad)
	fmt.Fprintf(&b, "**%s**\n\n```go\n%s\n```\n\n", rule.SectionTitle(n.Lang, "good"), n.Good)
	if n.KratosV2 != "" {
		fmt.Fprintf(&b, "**%s**\n\n%s\n\n", rule.SectionTitle(n.Lang, "v2"), n.KratosV2)
	}
	if n.Severity != "" {
		fmt.Fprintf(&b, "**%s**\n\n%s\n\n", rule.SectionTitle(n.Lang, "severity"), n.Severity)
	}
	fmt.Fprintf(&b, "**%s**\n\n%s\n\n", rule.SectionTitle(n.Lang, "ignore"), n.Ignore)
	fmt.Fprintf(&b, "**%s:** `%s` %s\n\n", word(n.Lang, "silence"), rule.IgnoreComment(r.ID, "<"+word(n.Lang, "reason")+">"), word(n.Lang, "comment"))
	fmt.Fprintf(&b, "[%s](%s)", word(n.Lang, "more"), r.URL(n.Lang))
	return b.String()
}

// knowledgeAt returns the knowledge about the construct at p, and the
// range it is about.
func knowledgeAt(pkg *cache.Package, f *cache.File, p token.Pos) (*knowledge, token.Pos, token.Pos, bool) {
	if f.AST == nil {
		return nil, 0, 0, false
	}
	path, _ := astutil.PathEnclosingInterval(f.AST, p, p)
	opts := pkg.Config.Options()
	for _, n := range path {
		switch n := n.(type) {
		case *ast.GoStmt:
			if p >= n.Go && p <= n.Go+token.Pos(len("go")) {
				return knowledgeByID["go"], n.Go, n.Go + token.Pos(len("go")), true
			}
		case *ast.InterfaceType:
			if p >= n.Interface && p <= n.Interface+token.Pos(len("interface")) {
				return knowledgeByID["interface"], n.Interface, n.Interface + token.Pos(len("interface")), true
			}
		case *ast.CallExpr:
			id := calleeIdent(n.Fun)
			if id == nil || p < id.Pos() || p > id.End() {
				continue // not on the called name
			}
			if k := callKnowledge(pkg.Info, n.Fun, id, &opts); k != nil {
				return k, id.Pos(), id.End(), true
			}
		case *ast.FuncDecl, *ast.FuncLit:
			return nil, 0, 0, false // innermost function reached
		}
	}
	return nil, 0, 0, false
}

// calleeIdent returns the name a call's function expression ends in.
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch fun := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return fun
	case *ast.SelectorExpr:
		return fun.Sel
	case *ast.IndexExpr: // generic instantiation
		return calleeIdent(fun.X)
	}
	return nil
}

// callKnowledge returns the knowledge about a call of the framework or
// errgroup APIs, matched by import path, never by the package's local
// name. Package-level functions are recognised through the import even
// when it could not be resolved (syntax-only mode); methods need types.
func callKnowledge(info *types.Info, fun ast.Expr, id *ast.Ident, opts *rule.Options) *knowledge {
	var path, recv string
	name := id.Name
	if sel, ok := ast.Unparen(fun).(*ast.SelectorExpr); ok {
		if x, ok := sel.X.(*ast.Ident); ok {
			if pn, ok := info.Uses[x].(*types.PkgName); ok {
				path = pn.Imported().Path()
			}
		}
	}
	if path == "" {
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() == nil {
			return nil
		}
		path = fn.Pkg().Path()
		if r := fn.Signature().Recv(); r != nil {
			t := r.Type()
			if ptr, ok := t.(*types.Pointer); ok {
				t = ptr.Elem()
			}
			if named, ok := t.(*types.Named); ok {
				recv = named.Obj().Name()
			}
		}
	}
	is := func(rel string) bool { return opts.FrameworkPackage(path, rel) }
	v2 := func(rel string) bool { return opts.KratosV2Package(path, rel) }
	switch {
	case v2("transport/grpc"), v2("transport/http"):
		switch name {
		case "WithEndpoint":
			return knowledgeByID["v2-endpoint"]
		case "NewServer":
			return knowledgeByID["v2-server"]
		}
	case v2("config"):
		if name == "New" && recv == "" {
			return knowledgeByID["v2-config"]
		}
	case path == "golang.org/x/sync/errgroup":
		switch name {
		case "WithContext", "Go", "Wait", "SetLimit", "TryGo":
			return knowledgeByID["errgroup-xsync"]
		}
	case is("sync/errgroup"):
		switch name {
		case "WithContext", "WithCancel", "Go", "Wait", "GOMAXPROCS":
			return knowledgeByID["errgroup-kratos"]
		}
	case is("net/rpc/warden"):
		if name == "NewClient" || name == "Dial" && recv == "Client" {
			return knowledgeByID["warden"]
		}
	case is("conf/paladin"):
		if name == "Init" {
			return knowledgeByID["paladin-init"]
		}
		if strings.HasPrefix(name, "Get") && recv == "" {
			return knowledgeByID["paladin-get"]
		}
	case path == "github.com/tx7do/kratos-transport/broker" && name == "Subscribe" && (recv == "Broker" || recv == ""),
		path == "github.com/tx7do/kratos-transport/transport/kafka" && name == "RegisterSubscriber":
		return knowledgeByID["kafka-subscribe"]
	case is("queue/databus"):
		switch {
		case name == "Send" && recv == "Databus":
			return knowledgeByID["databus-send"]
		case name == "Messages" && recv == "Databus":
			return knowledgeByID["databus-messages"]
		case name == "Commit" && recv == "Message":
			return knowledgeByID["databus-commit"]
		}
	}
	return nil
}
