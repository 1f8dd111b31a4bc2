package errlive_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/errlive"
)

// Each case's function f assigns err at the statement marked // here;
// the test asks what becomes of that value.
var cases = []struct {
	name, body string
	read       bool
	over       string // the overwriting statement's source, if any
	compared   string // errlive.Label of Fate.Compared
}{
	{"checked", `err := g() // here
	if err != nil { return }`, true, "", ""},
	{"overwritten", `err := g() // here
	err = g()
	_ = err`, false, "err = g()", ""},
	{"dropped", `err := g() // here
	println()`, false, "", ""},
	{"compared only", `err := g() // here
	if err == io.EOF { return }
	err = g()
	_ = err`, false, "err = g()", "io.EOF"},
	{"errors.Is only", `err := g() // here
	if errors.Is(err, io.EOF) || err == io.ErrUnexpectedEOF { return }`, false, "", "io.EOF or io.ErrUnexpectedEOF"},
	{"compared, then checked", `err := g() // here
	if err == io.EOF { return }
	if err != nil { panic(err) }`, true, "", ""},
	{"existence probe", `_, err := os.Stat("f") // here
	if os.IsNotExist(err) || errors.Is(err, fs.ErrNotExist) { return }`, true, "", ""},
	{"deferred read at return", `err := g() // here
	defer func() { println(err) }()
	println()`, true, "", ""},
	{"deferred read after overwrite", `err := g() // here
	defer func() { println(err) }()
	err = nil`, false, "err = nil", ""},
	{"captured", `err := g() // here
	go func() { println(err) }()
	err = nil`, true, "", ""},
	{"dead code", `return
	err := g() // here
	err = nil
	_ = err`, true, "", ""},
}

func TestAfter(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := "package p\nimport (\"errors\"; \"io\"; \"io/fs\"; \"os\")\n" +
				"var _, _, _, _ = errors.Is, io.EOF, fs.ErrNotExist, os.Stat\n" +
				"func g() error { return nil }\nfunc f() {\n\t" + tc.body + "\n}\n"
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
			// "declared and not used" is expected of a lost err.
			conf := types.Config{Importer: importer.Default(), Error: func(error) {}}
			conf.Check("p", fset, []*ast.File{file}, info)
			fn := file.Decls[len(file.Decls)-1].(*ast.FuncDecl)
			stmt, v := marked(t, fset, file, fn, info)
			mayReturn := func(call *ast.CallExpr) bool { return true }
			fate := errlive.New(info, fn, mayReturn).After(v, stmt)
			if fate.Read != tc.read {
				t.Errorf("Read = %v, want %v", fate.Read, tc.read)
			}
			over := ""
			if fate.Over != nil {
				over = src[fset.Position(fate.Over.Pos()).Offset:fset.Position(fate.Over.End()).Offset]
			}
			if over != tc.over {
				t.Errorf("Over = %q, want %q", over, tc.over)
			}
			if got := errlive.Label(fate.Compared); got != tc.compared {
				t.Errorf("Compared = %q, want %q", got, tc.compared)
			}
		})
	}
}

// marked returns the statement of fn on the line with "// here" and the
// variable err it assigns.
func marked(t *testing.T, fset *token.FileSet, file *ast.File, fn *ast.FuncDecl, info *types.Info) (ast.Stmt, *types.Var) {
	line := 0
	for _, cg := range file.Comments {
		if strings.Contains(cg.Text(), "here") {
			line = fset.Position(cg.Pos()).Line
		}
	}
	var stmt ast.Stmt
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if s, ok := n.(*ast.AssignStmt); ok && fset.Position(s.Pos()).Line == line {
			stmt = s
		}
		return true
	})
	if stmt == nil {
		t.Fatal("no statement marked // here")
	}
	for _, l := range stmt.(*ast.AssignStmt).Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name == "err" {
			if v, ok := info.ObjectOf(id).(*types.Var); ok {
				return stmt, v
			}
		}
	}
	t.Fatal("the marked statement assigns no err")
	return nil, nil
}
