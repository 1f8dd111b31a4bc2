package fixutil_test

import (
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
)

func TestAddImport(t *testing.T) {
	for _, tc := range []struct {
		name, src, path, pkgName, want string
	}{
		{
			name: "no imports",
			src:  "package p\n\nfunc f() {}\n",
			path: "fmt", pkgName: "fmt",
			want: "package p\n\nimport \"fmt\"\n\nfunc f() {}\n",
		},
		{
			name: "single import before",
			src:  "package p\n\nimport \"os\"\n\nvar _ = os.Args\n",
			path: "fmt", pkgName: "fmt",
			want: "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nvar _ = os.Args\n",
		},
		{
			name: "single import, other group",
			src:  "package p\n\nimport \"os\"\n\nvar _ = os.Args\n",
			path: "golang.org/x/sync/errgroup", pkgName: "errgroup",
			want: "package p\n\nimport (\n\t\"os\"\n\n\t\"golang.org/x/sync/errgroup\"\n)\n\nvar _ = os.Args\n",
		},
		{
			name: "single third-party import, std added",
			src:  "package p\n\nimport \"example.com/x\"\n\nvar _ = x.X\n",
			path: "errors", pkgName: "errors",
			want: "package p\n\nimport (\n\t\"errors\"\n\n\t\"example.com/x\"\n)\n\nvar _ = x.X\n",
		},
		{
			name: "sorted into std group",
			src:  "package p\n\nimport (\n\t\"context\"\n\t\"os\"\n\n\t\"example.com/x\"\n)\n",
			path: "fmt", pkgName: "fmt",
			want: "package p\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"os\"\n\n\t\"example.com/x\"\n)\n",
		},
		{
			name: "appended to std group",
			src:  "package p\n\nimport (\n\t\"context\"\n\t\"errors\"\n\n\t\"example.com/x\"\n)\n",
			path: "sync", pkgName: "sync",
			want: "package p\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"sync\"\n\n\t\"example.com/x\"\n)\n",
		},
		{
			name: "into third-party group",
			src:  "package p\n\nimport (\n\t\"context\"\n\n\t\"example.com/a\"\n\t\"example.com/z\"\n)\n",
			path: "golang.org/x/sync/errgroup", pkgName: "errgroup",
			want: "package p\n\nimport (\n\t\"context\"\n\n\t\"example.com/a\"\n\t\"example.com/z\"\n\t\"golang.org/x/sync/errgroup\"\n)\n",
		},
		{
			name: "new third-party group",
			src:  "package p\n\nimport (\n\t\"context\"\n\t\"fmt\"\n)\n",
			path: "github.com/go-kratos/kratos/pkg/sync/errgroup", pkgName: "errgroup",
			want: "package p\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\n\t\"github.com/go-kratos/kratos/pkg/sync/errgroup\"\n)\n",
		},
		{
			name: "new std group first",
			src:  "package p\n\nimport (\n\t\"example.com/a\"\n)\n",
			path: "fmt", pkgName: "fmt",
			want: "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/a\"\n)\n",
		},
		{
			name: "dotless non-standard path joins the third-party group",
			src:  "package p\n\nimport (\n\t\"context\"\n\n\t\"example.com/a\"\n)\n",
			path: "go-common/library/log", pkgName: "log",
			want: "package p\n\nimport (\n\t\"context\"\n\n\t\"example.com/a\"\n\t\"go-common/library/log\"\n)\n",
		},
		{
			name: "already imported",
			src:  "package p\n\nimport \"fmt\"\n",
			path: "fmt", pkgName: "fmt",
			want: "package p\n\nimport \"fmt\"\n",
		},
		{
			name: "already imported under another name",
			src:  "package p\n\nimport f \"fmt\"\n",
			path: "fmt", pkgName: "fmt",
			want: "package p\n\nimport f \"fmt\"\n",
		},
		{
			name: "single import with a trailing comment",
			src:  "package p\n\nimport \"os\" //nolint:staticcheck\n\nvar _ = os.Args\n",
			path: "fmt", pkgName: "fmt",
			want: "package p\n\nimport (\n\t\"fmt\"\n\t\"os\" //nolint:staticcheck\n)\n\nvar _ = os.Args\n",
		},
		{
			name: "single import with a trailing comment, new group after",
			src:  "package p\n\nimport \"os\" // the only one\n\nvar _ = os.Args\n",
			path: "golang.org/x/sync/errgroup", pkgName: "errgroup",
			want: "package p\n\nimport (\n\t\"os\" // the only one\n\n\t\"golang.org/x/sync/errgroup\"\n)\n\nvar _ = os.Args\n",
		},
		{
			name: "comment on the last spec",
			src:  "package p\n\nimport (\n\t\"context\" // ctx\n)\n",
			path: "fmt", pkgName: "fmt",
			want: "package p\n\nimport (\n\t\"context\" // ctx\n\t\"fmt\"\n)\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", tc.src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			_, edits, ok := fixutil.AddImport(fset, nil, f, f.Package, tc.path, tc.pkgName)
			if !ok {
				t.Fatal("AddImport refused")
			}
			got, ok := fixutil.Apply([]byte(tc.src), fset.File(f.Pos()).Base(), edits)
			if !ok {
				t.Fatal("edits overlap")
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if formatted, err := format.Source(got); err != nil || string(formatted) != string(got) {
				t.Errorf("result is not gofmt'd (%v):\n%s", err, got)
			}
		})
	}
}

func TestAddImportNameTaken(t *testing.T) {
	src := "package p\n\nimport fmt \"example.com/myfmt\"\n\nvar _ = fmt.X\n"
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if _, _, ok := fixutil.AddImport(fset, nil, f, f.Package, "fmt", "fmt"); ok {
		t.Error("AddImport added fmt although the name is taken by another import")
	}
}

func TestIndent(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tif true {\n\t\tprintln()\n\t}\n}\n"
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "p.go", src, 0)
	var call ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			call = c
		}
		return true
	})
	if got := fixutil.Indent(fset, call.Pos()); got != "\t\t" {
		t.Errorf("Indent = %q", got)
	}
}
