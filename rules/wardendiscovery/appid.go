package wardendiscovery

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// This file decides whether a fixed target can be replaced with
// "discovery://default/" + an application ID constant. A wrong ID is
// worse than none: the fix would compile and point the client at another
// service. A service's dao typically declares the ID of one service it
// calls (const AppID = "main.account.member-service") and dials several,
// so "an AppID in scope" is not evidence. The fix is offered only when
// the constant is tied to the dialled service:
//
//  1. the connection is handed to a client constructor (New…Client) of a
//     package that declares AppID — the kratos api package convention:
//     passportapi.NewPassportClient(conn) and passportapi.AppID;
//  2. the constant's name or value names the service the code around the
//     dial names: the variable or field that receives the connection
//     (passportConn), the constant holding the address (passportAddr),
//     or the function that dials when its name says it makes a client
//     or connection (newPassportClient, dialPassport), against
//     passportAppID or an ID whose service part is passport
//     ("main.account.passport-service");
//  3. the kratos api/client.go template: an AppID (or DiscoveryID)
//     declared in the file of the dial, used nowhere else in the package
//     (a used ID belongs to what uses it: another dial, a registration),
//     in a package other than main (whose AppID is usually its own), in
//     a file that dials no service through discovery.
//
// A tie that names two different IDs gives no fix.

// appIDFix replaces a fixed target with "discovery://default/" + an
// application ID constant tied to the dialled service.
func (c *checker) appIDFix(call *ast.CallExpr, target ast.Expr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	pass := c.pass
	file := fixutil.FileOf(pass.Files, target.Pos())
	if file == nil {
		return none, false
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cur, ok := in.Root().FindNode(call)
	if !ok {
		return none, false
	}
	var decl *ast.FuncDecl
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = fc.Node().(*ast.FuncDecl)
		break
	}
	dest := connOf(cur)
	expr, k := c.constructorID(decl, dest, target.Pos())
	if k == nil {
		k = c.namedID(decl, dest, target)
		if k != nil {
			expr = k.Name()
		}
	}
	if k == nil {
		k = c.templateID(file, target.Pos())
		if k != nil {
			expr = k.Name()
		}
	}
	if k == nil {
		return none, false
	}
	text := `"discovery://default/" + ` + expr
	edits, ok := fixutil.GofmtEdits(pass, file, analysis.TextEdit{Pos: target.Pos(), End: target.End(), NewText: []byte(text)})
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{
		Message:   rule.Say(pass, msgDialDiscovery.With(text, constant.StringVal(k.Val()))),
		TextEdits: edits,
	}, true
}

// connOf returns the expression that receives the connection a dial call
// returns: conn in `conn, err := c.Dial(…)`, d.passportConn in
// `d.passportConn, err = c.Dial(…)`, or nil.
func connOf(cur inspector.Cursor) ast.Expr {
	for {
		p := cur.Parent()
		if _, ok := p.Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = p
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) >= 1 {
			return p.Lhs[0]
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) >= 1 {
			return p.Names[0]
		}
	}
	return nil
}

// constructorID returns the AppID of the package whose client
// constructor (a function named New…Client) decl passes the connection
// dest to, spelled as the code at pos can refer to it.
func (c *checker) constructorID(decl *ast.FuncDecl, dest ast.Expr, pos token.Pos) (string, *types.Const) {
	info := c.pass.TypesInfo
	if decl == nil || dest == nil {
		return "", nil
	}
	key, _, ok := exprKey(info, dest)
	if !ok {
		return "", nil
	}
	var expr string
	var found *types.Const
	ambiguous := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || ambiguous {
			return !ambiguous
		}
		fn := typesutil.Callee(info, call)
		if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil ||
			!strings.HasPrefix(fn.Name(), "New") || !strings.HasSuffix(fn.Name(), "Client") {
			return true // not a client constructor
		}
		passes := false
		for _, a := range call.Args {
			if k, _, ok := exprKey(info, a); ok && k == key {
				passes = true
			}
		}
		if !passes {
			return true // another connection
		}
		k := pkgAppID(fn.Pkg())
		if k == nil {
			return true // the package declares no ID
		}
		var e string
		if fn.Pkg() == c.pass.Pkg {
			if !typesutil.InScope(c.pass.Pkg, pos, k.Name(), k) {
				return true // shadowed at the dial
			}
			e = k.Name()
		} else {
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return true // a dot import: no qualifier to use
			}
			id, ok := ast.Unparen(sel.X).(*ast.Ident)
			if !ok {
				return true
			}
			if _, ok := info.Uses[id].(*types.PkgName); !ok || !typesutil.InScope(c.pass.Pkg, pos, id.Name, info.Uses[id]) {
				return true // not a package name visible at the dial
			}
			e = id.Name + "." + k.Name()
		}
		if found != nil && found != k {
			ambiguous = true
			return false
		}
		expr, found = e, k
		return true
	})
	if ambiguous {
		return "", nil
	}
	return expr, found
}

// pkgAppID returns the package-level string constant AppID (or
// DiscoveryID) of pkg whose value looks like an application ID.
func pkgAppID(pkg *types.Package) *types.Const {
	for _, name := range []string{"AppID", "DiscoveryID"} {
		if k, ok := pkg.Scope().Lookup(name).(*types.Const); ok && isIDConst(k) {
			return k
		}
	}
	return nil
}

// isIDConst reports whether k is a string constant holding an
// application ID.
func isIDConst(k *types.Const) bool {
	return k.Val().Kind() == constant.String && isAppID(constant.StringVal(k.Val()))
}

// exprKey returns a key that two expressions share when they denote the
// same variable or field path (conn, d.passportConn), with its root.
func exprKey(info *types.Info, e ast.Expr) (string, types.Object, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.ObjectOf(e)
		if obj == nil || e.Name == "_" {
			return "", nil, false
		}
		return fmt.Sprintf("%p", obj), obj, true
	case *ast.SelectorExpr:
		k, root, ok := exprKey(info, e.X)
		if !ok {
			return "", nil, false
		}
		return k + "." + e.Sel.Name, root, true
	}
	return "", nil, false
}

// namedID returns the one ID constant in scope at the target whose name
// or value names the service that the code around the dial names, or nil.
func (c *checker) namedID(decl *ast.FuncDecl, dest, target ast.Expr) *types.Const {
	pass := c.pass
	words := make(map[string]bool)
	addWord := func(name string) {
		if w := serviceWord(name); w != "" {
			words[w] = true
		}
	}
	switch e := ast.Unparen(dest).(type) {
	case *ast.Ident:
		addWord(e.Name)
	case *ast.SelectorExpr:
		addWord(e.Sel.Name)
	}
	switch e := ast.Unparen(target).(type) {
	case *ast.Ident:
		if _, ok := pass.TypesInfo.Uses[e].(*types.Const); ok {
			addWord(e.Name)
		}
	case *ast.SelectorExpr:
		if _, ok := pass.TypesInfo.Uses[e.Sel].(*types.Const); ok {
			addWord(e.Sel.Name)
		}
	}
	if decl != nil && isDialerName(decl.Name.Name) {
		addWord(decl.Name.Name) // newPassportClient, dialPassport; not NewAccount, which may dial anything
	}
	if len(words) == 0 || pass.Pkg == nil {
		return nil
	}
	best, bestRank := []*types.Const(nil), 3
	pos := target.Pos()
	for scope := pass.Pkg.Scope().Innermost(pos); scope != nil && scope != types.Universe; scope = scope.Parent() {
		for _, name := range scope.Names() {
			k, ok := scope.Lookup(name).(*types.Const)
			if !ok || !isIDConst(k) {
				continue // not a string constant holding an ID
			}
			prefix, idName := idNamePrefix(name)
			if !idName {
				continue // not named as an ID
			}
			rank := 3
			switch {
			case prefix != "" && words[prefix]:
				rank = 1 // passportAppID for passportConn
			case words[serviceOf(constant.StringVal(k.Val()))]:
				rank = 2 // an ID whose service part is passport
			}
			if rank > bestRank || rank == 3 {
				continue // no tie, or a weaker one
			}
			if !typesutil.InScope(pass.Pkg, pos, name, k) {
				continue // declared below pos, or shadowed at pos
			}
			if rank < bestRank {
				best, bestRank = nil, rank
			}
			best = append(best, k)
		}
	}
	if len(best) == 0 {
		return nil
	}
	for _, k := range best[1:] {
		if constant.StringVal(k.Val()) != constant.StringVal(best[0].Val()) {
			return nil // two tied IDs: the fix cannot choose
		}
	}
	return best[0]
}

// templateID returns the AppID or DiscoveryID constant of the kratos
// api/client.go template: declared in file, used nowhere else in the
// package, in a package other than main, and file dials nothing through
// discovery.
func (c *checker) templateID(file *ast.File, pos token.Pos) *types.Const {
	pass := c.pass
	if pass.Pkg == nil || pass.Pkg.Name() == "main" {
		return nil // a program's AppID is usually its own
	}
	k := appIDConst(pass.Pkg, pos)
	if k == nil || !(file.FileStart <= k.Pos() && k.Pos() < file.FileEnd) {
		return nil // none, or declared in another file
	}
	for id, obj := range pass.TypesInfo.Uses {
		if obj == k && !typesutil.InTestFile(pass.Fset, id.Pos()) {
			return nil // used: it is the ID of what uses it
		}
	}
	discovery := false
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || discovery {
			return !discovery
		}
		fn := typesutil.Callee(pass.TypesInfo, call)
		if fn == nil {
			return true
		}
		if t, _, ok := c.dialTarget(fn.Origin(), call); ok {
			if kind, _ := c.classify(t); kind == discoveryTarget {
				discovery = true
			}
		}
		return true
	})
	if discovery {
		return nil // the file dials other services through discovery
	}
	return k
}

// appIDConst returns the innermost string constant visible at pos named
// AppID (in any case) or else DiscoveryID whose value looks like an
// application ID, or nil.
func appIDConst(pkg *types.Package, pos token.Pos) *types.Const {
	for scope := pkg.Scope().Innermost(pos); scope != nil && scope != types.Universe; scope = scope.Parent() {
		var best []*types.Const
		bestRank := 0
		for _, name := range scope.Names() {
			r := idRank(name)
			if r == 0 || bestRank != 0 && r > bestRank {
				continue // not an ID's name, or a worse one
			}
			k, ok := scope.Lookup(name).(*types.Const)
			if !ok || !isIDConst(k) {
				continue // not a string constant holding an ID
			}
			if !typesutil.InScope(pkg, pos, name, k) {
				continue // declared below pos, or shadowed at pos
			}
			if r < bestRank || bestRank == 0 {
				best, bestRank = nil, r
			}
			best = append(best, k)
		}
		if len(best) > 0 {
			return best[0] // names sort: AppID before appID
		}
	}
	return nil
}

// idRank ranks a constant's name as an application ID: 1 for AppID in
// any case, 2 for DiscoveryID, 0 for other names.
func idRank(name string) int {
	switch strings.ToLower(strings.TrimLeft(name, "_")) {
	case "appid":
		return 1
	case "discoveryid":
		return 2
	}
	return 0
}

// stopWords are the words of identifiers that say how something is
// reached, not which service it is.
var stopWords = map[string]bool{
	"new": true, "dial": true, "connect": true, "open": true, "init": true, "must": true, "create": true, "get": true,
	"client": true, "clients": true, "cli": true, "conn": true, "conns": true, "connection": true, "cc": true,
	"addr": true, "address": true, "target": true, "endpoint": true, "host": true, "vip": true, "ip": true,
	"grpc": true, "rpc": true, "warden": true, "tls": true, "default": true,
	"service": true, "svc": true, "server": true, "api": true,
}

// serviceWord returns the service an identifier names, lower case with
// the words that say how it is reached dropped: passport for
// passportConn, newPassportClient and PASSPORT_ADDR; "" for conn, cc,
// NewClient.
func serviceWord(name string) string {
	var out []string
	for _, w := range splitWords(name) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, "")
}

// isDialerName reports whether a function's name says that it makes one
// client or connection: newPassportClient, dialPassport, NewAccountConn.
func isDialerName(name string) bool {
	for _, w := range splitWords(name) {
		switch w {
		case "dial", "connect", "client", "conn", "connection", "cc":
			return true
		}
	}
	return false
}

// idNamePrefix reports whether name is named as an application ID (ends
// in AppID or DiscoveryID, in any case and with underscores) and returns
// the service word before it: passport for passportAppID, "" for AppID.
func idNamePrefix(name string) (string, bool) {
	words := splitWords(name)
	n := len(words)
	switch {
	case n >= 1 && (words[n-1] == "appid" || words[n-1] == "discoveryid"):
		words = words[:n-1]
	case n >= 2 && words[n-1] == "id" && (words[n-2] == "app" || words[n-2] == "discovery"):
		words = words[:n-2]
	default:
		return "", false
	}
	return serviceWord(strings.Join(words, "_")), true
}

// splitWords splits an identifier into lower-case words at underscores
// and case changes: passportAppID → passport app id, HTTPConn → http
// conn, PASSPORT_ADDR → passport addr.
func splitWords(name string) []string {
	var words []string
	for _, part := range strings.Split(name, "_") {
		rs := []rune(part)
		start := 0
		for i := 1; i < len(rs); i++ {
			lowerToUpper := unicode.IsLower(rs[i-1]) && unicode.IsUpper(rs[i])
			acronymEnd := unicode.IsUpper(rs[i-1]) && unicode.IsUpper(rs[i]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			digit := unicode.IsDigit(rs[i]) != unicode.IsDigit(rs[i-1])
			if lowerToUpper || acronymEnd || digit {
				words = append(words, strings.ToLower(string(rs[start:i])))
				start = i
			}
		}
		if start < len(rs) {
			words = append(words, strings.ToLower(string(rs[start:])))
		}
	}
	return words
}

// genericParts are the parts of an application ID that do not name the
// service: "passport.service", "main.account.member-service".
var genericParts = map[string]bool{"service": true, "svc": true, "api": true, "rpc": true, "grpc": true, "interface": true, "job": true, "admin": true}

// serviceOf returns the service an application ID names, as serviceWord
// spells it: member for "main.account.member-service", passport for
// "passport.service", "" when it cannot tell.
func serviceOf(id string) string {
	parts := strings.Split(id, ".")
	for len(parts) > 0 && genericParts[strings.ToLower(parts[len(parts)-1])] {
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 {
		return ""
	}
	last := strings.ToLower(parts[len(parts)-1])
	for _, suffix := range []string{"-service", "-svc", "-interface", "-api", "-rpc", "_service"} {
		last = strings.TrimSuffix(last, suffix)
	}
	return serviceWord(strings.NewReplacer("-", "_").Replace(last))
}
