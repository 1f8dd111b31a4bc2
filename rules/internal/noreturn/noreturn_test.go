package noreturn_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/noreturn"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/ssa"
)

// stubs are packages the test type-checks from source under their real
// import paths.
var stubs = map[string]string{
	"go.uber.org/zap": `package zap
type Logger struct{}
func (*Logger) Fatal(msg string)  {}
func (*Logger) Panic(msg string)  {}
func (*Logger) DPanic(msg string) {}
func (*Logger) Error(msg string)  {}
type SugaredLogger struct{}
func (*SugaredLogger) Panicw(msg string, kv ...any) {}
func (*SugaredLogger) DPanicw(msg string, kv ...any) {}
`,
	"github.com/sirupsen/logrus": `package logrus
func Fatal(args ...any) {}
func Info(args ...any) {}
type Entry struct{}
func (*Entry) Panicf(format string, args ...any) {}
`,
	"github.com/go-kratos/kratos/pkg/log": `package log
func Fatal(format string, args ...any) {}
func Fatalw(args ...any) {}
func Info(format string, args ...any) {}
`,
	"github.com/go-kratos/kratos/v2/log": `package log
func Fatal(args ...any) {}
`,
}

// The expectation of each call statement is in its line's comment:
// "table" (in the table: Instr and MayReturn agree it never returns),
// "never" (never returns, known from the package's own code or the panic
// builtin) or "returns".
const src = `package p

import (
	"log"
	"os"
	"runtime"
	"syscall"
	"testing"

	klog "github.com/go-kratos/kratos/pkg/log"
	v2log "github.com/go-kratos/kratos/v2/log"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
)

func exits()          { os.Exit(1) }
func loops()          { for {} }
func mutual()         { other() }
func other()          { mutual() }
func viaTB(tb testing.TB) { tb.FailNow() }
func sometimes(b bool) {
	if b {
		os.Exit(1)
	}
}
func deep() { exits() }
func gexit[T any](x T) { panic(x) }

type G[T any] struct{}

func (G[T]) die() { runtime.Goexit() }

func calls(t *testing.T, b *testing.B, tb testing.TB, lg *log.Logger, z *zap.Logger, s *zap.SugaredLogger, e *logrus.Entry, f func()) {
	os.Exit(1)           // table
	syscall.Exit(1)      // table
	runtime.Goexit()     // table
	log.Fatalf("x")      // table
	log.Panicln("x")     // table
	log.Printf("x")      // returns
	lg.Fatal("x")        // table
	t.Fatal("x")         // table
	b.SkipNow()          // table
	tb.Skip("x")         // table
	tb.Fatalf("x")       // table
	t.Errorf("x")        // returns
	tb.Log("x")          // returns
	z.Fatal("x")         // table
	z.Panic("x")         // table
	z.DPanic("x")        // returns
	z.Error("x")         // returns
	s.Panicw("x")        // table
	s.DPanicw("x")       // returns
	logrus.Fatal("x")    // table
	logrus.Info("x")     // returns
	e.Panicf("x")        // table
	klog.Fatal("x")      // returns
	klog.Fatalw("x")     // returns
	v2log.Fatal("x")     // returns
	exits()              // never
	deep()               // never
	loops()              // never
	mutual()             // returns
	viaTB(t)             // never
	sometimes(true)      // returns
	gexit(1)             // never
	G[int]{}.die()       // never
	f()                  // returns
	func() { os.Exit(1) }() // returns
	panic("x")              // never
}
`

type fixture struct {
	fset  *token.FileSet
	file  *ast.File
	pkg   *types.Package
	info  *types.Info
	want  map[int]string // line → expectation
	calls *ast.FuncDecl
}

type stubImporter struct {
	fset *token.FileSet
	std  types.Importer
	pkgs map[string]*types.Package
}

func (im *stubImporter) Import(path string) (*types.Package, error) {
	if p, ok := im.pkgs[path]; ok {
		return p, nil
	}
	s, ok := stubs[path]
	if !ok {
		return im.std.Import(path)
	}
	f, err := parser.ParseFile(im.fset, path+"/stub.go", s, 0)
	if err != nil {
		return nil, err
	}
	p, err := (&types.Config{Importer: im}).Check(path, im.fset, []*ast.File{f}, nil)
	if err != nil {
		return nil, err
	}
	im.pkgs[path] = p
	return p, nil
}

func load(t *testing.T) *fixture {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	im := &stubImporter{fset: fset, std: importer.ForCompiler(fset, "source", nil), pkgs: make(map[string]*types.Package)}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Instances:    make(map[*ast.Ident]types.Instance),
		Implicits:    make(map[ast.Node]types.Object),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	pkg, err := (&types.Config{Importer: im}).Check("p", fset, []*ast.File{file}, info)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{fset: fset, file: file, pkg: pkg, info: info, want: make(map[int]string)}
	for _, cg := range file.Comments {
		text := strings.TrimSpace(cg.Text())
		if text == "table" || text == "never" || text == "returns" {
			fx.want[fset.Position(cg.Pos()).Line] = text
		}
	}
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "calls" {
			fx.calls = fd
		}
	}
	return fx
}

func TestMayReturn(t *testing.T) {
	fx := load(t)
	c := noreturn.New(fx.info, []*ast.File{fx.file})
	n := 0
	for _, stmt := range fx.calls.Body.List {
		call := stmt.(*ast.ExprStmt).X.(*ast.CallExpr)
		line := fx.fset.Position(call.Pos()).Line
		want, ok := fx.want[line]
		if !ok {
			t.Fatalf("line %d has no expectation", line)
		}
		n++
		if got := c.MayReturn(call); got != (want == "returns") {
			t.Errorf("line %d: MayReturn(%s) = %v, want %v", line, types.ExprString(call), got, want == "returns")
		}
	}
	if n != len(fx.want) {
		t.Errorf("checked %d calls, want %d", n, len(fx.want))
	}
}

func TestInstr(t *testing.T) {
	fx := load(t)
	prog := ssa.NewProgram(fx.fset, 0)
	for _, p := range fx.pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	spkg := prog.CreatePackage(fx.pkg, []*ast.File{fx.file}, fx.info, false)
	spkg.Build()
	fn := spkg.Func("calls")
	seen := make(map[int]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue // not a call
			}
			line := fx.fset.Position(call.Pos()).Line
			want, ok := fx.want[line]
			if !ok {
				continue // a call the source does not make as a statement (none expected)
			}
			seen[line] = true
			if got := noreturn.Instr(instr); got != (want == "table") {
				t.Errorf("line %d: Instr(%s) = %v, want %v", line, call, got, want == "table")
			}
		}
	}
	for line, want := range fx.want {
		if want == "table" && !seen[line] {
			t.Errorf("line %d: no call instruction", line)
		}
	}
}

// TestKnownExportData checks the table against the standard library as
// the drivers load it, from export data: an interface method's receiver
// must still name the interface.
func TestKnownExportData(t *testing.T) {
	imp := importer.ForCompiler(token.NewFileSet(), "gc", nil)
	testingPkg, err := imp.Import("testing")
	if err != nil {
		t.Skipf("no export data for testing: %v", err)
	}
	for _, tc := range []struct {
		typ, method string
		want        bool
	}{
		{"TB", "Fatal", true},
		{"TB", "SkipNow", true},
		{"TB", "Error", false},
		{"T", "FailNow", true},
		{"B", "Fatalf", true},
		{"F", "Skip", true},
		{"T", "Run", false},
	} {
		typ := testingPkg.Scope().Lookup(tc.typ).Type()
		if !types.IsInterface(typ) {
			typ = types.NewPointer(typ)
		}
		obj, _, _ := types.LookupFieldOrMethod(typ, false, testingPkg, tc.method)
		fn, ok := obj.(*types.Func)
		if !ok {
			t.Fatalf("testing.%s has no method %s", tc.typ, tc.method)
		}
		if got := noreturn.Known(fn); got != tc.want {
			t.Errorf("Known(testing.%s.%s) = %v, want %v", tc.typ, tc.method, got, tc.want)
		}
	}
	if noreturn.Known(nil) {
		t.Error("Known(nil) = true")
	}
}

func TestFrameworkFatal(t *testing.T) {
	fx := load(t)
	opts := rule.DefaultOptions()
	lookup := func(path, name string) *types.Func {
		for _, p := range fx.pkg.Imports() {
			if p.Path() == path {
				return p.Scope().Lookup(name).(*types.Func)
			}
		}
		panic(fmt.Sprintf("%s not imported", path))
	}
	for _, tc := range []struct {
		path, name string
		want       bool
	}{
		{"github.com/go-kratos/kratos/pkg/log", "Fatal", true},
		{"github.com/go-kratos/kratos/pkg/log", "Fatalw", true},
		{"github.com/go-kratos/kratos/pkg/log", "Info", false},
		{"github.com/go-kratos/kratos/v2/log", "Fatal", false},
		{"log", "Fatal", false},
	} {
		if got := noreturn.FrameworkFatal(&opts, lookup(tc.path, tc.name)); got != tc.want {
			t.Errorf("FrameworkFatal(%s.%s) = %v, want %v", tc.path, tc.name, got, tc.want)
		}
	}
}
