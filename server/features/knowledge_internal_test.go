package features

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/rules/topics"
)

// TestKnowledgeTopicsExist checks that every topic a knowledge hover links
// to is a note of rules/topics.
func TestKnowledgeTopicsExist(t *testing.T) {
	for id, k := range knowledgeByID {
		if k.topic != "" && topics.Lookup(k.topic) == nil {
			t.Errorf("knowledge %q links to topic %q, which rules/topics does not have", id, k.topic)
		}
	}
}

// TestKratosV2Knowledge checks the hovers on Kratos v2/v3 calls: matched
// by the configured v2 import paths, never by the package's name.
func TestKratosV2Knowledge(t *testing.T) {
	fake := func(path, name string, funcs ...string) *types.Package {
		pkg := types.NewPackage(path, name)
		for _, f := range funcs {
			sig := types.NewSignatureType(nil, nil, nil, types.NewTuple(types.NewParam(token.NoPos, pkg, "s", types.Typ[types.String])), nil, false)
			pkg.Scope().Insert(types.NewFunc(token.NoPos, pkg, f, sig))
		}
		pkg.MarkComplete()
		return pkg
	}
	pkgs := map[string]*types.Package{
		"github.com/go-kratos/kratos/v2/transport/grpc": fake("github.com/go-kratos/kratos/v2/transport/grpc", "grpc", "WithEndpoint", "NewServer", "Address"),
		"github.com/go-kratos/kratos/v3/transport/http": fake("github.com/go-kratos/kratos/v3/transport/http", "http", "WithEndpoint", "NewServer"),
		"github.com/go-kratos/kratos/v2/config":         fake("github.com/go-kratos/kratos/v2/config", "config", "New"),
		"example.com/other/transport/grpc":              fake("example.com/other/transport/grpc", "grpc", "WithEndpoint", "NewServer"),
	}
	const src = `package p

import (
	"github.com/go-kratos/kratos/v2/config"
	"github.com/go-kratos/kratos/v2/transport/grpc"
	khttp "github.com/go-kratos/kratos/v3/transport/http"
	other "example.com/other/transport/grpc"
)

func f() {
	grpc.WithEndpoint("")
	grpc.NewServer("")
	grpc.Address("")
	khttp.WithEndpoint("")
	khttp.NewServer("")
	config.New("")
	other.WithEndpoint("")
	other.NewServer("")
}
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: make(map[*ast.Ident]types.Object)}
	conf := types.Config{Importer: importerFunc(func(path string) (*types.Package, error) { return pkgs[path], nil })}
	if _, err := conf.Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"grpc.WithEndpoint": "v2-endpoint", "grpc.NewServer": "v2-server", "grpc.Address": "",
		"khttp.WithEndpoint": "v2-endpoint", "khttp.NewServer": "v2-server", "config.New": "v2-config",
		"other.WithEndpoint": "", "other.NewServer": "",
	}
	opts := rule.DefaultOptions()
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		name := types.ExprString(call.Fun)
		got := callKnowledge(info, call.Fun, calleeIdent(call.Fun), &opts)
		if k := knowledgeByID[want[name]]; got != k {
			t.Errorf("%s: knowledge %p, want %q (%p)", name, got, want[name], k)
		}
		return true
	})
	// Elsewhere when the configuration says so.
	opts.KratosV2ImportPrefixes = []string{"example.com/other/"}
	for _, stmt := range file.Decls[1].(*ast.FuncDecl).Body.List {
		call := stmt.(*ast.ExprStmt).X.(*ast.CallExpr)
		got := callKnowledge(info, call.Fun, calleeIdent(call.Fun), &opts)
		isOther := strings.HasPrefix(types.ExprString(call.Fun), "other.")
		if (got != nil) != isOther {
			t.Errorf("with example.com/other/ as the v2 prefix, %s: knowledge %v", types.ExprString(call.Fun), got != nil)
		}
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
