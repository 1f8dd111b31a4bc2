package noreturn

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

// table lists the functions and methods outside the package being checked
// that never return: by import path, receiver type name ("" for
// package-level functions; an interface's name for calls through it) and
// names.
var table = []struct {
	path  string
	recvs []string
	names []string
}{
	{"os", []string{""}, []string{"Exit"}},
	{"syscall", []string{""}, []string{"Exit", "ExitProcess", "ExitThread"}},
	{"runtime", []string{""}, []string{"Goexit"}},
	{"log", []string{"", "Logger"}, []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"}},
	// T, B and F have these methods through the embedded common.
	{"testing", []string{"common", "T", "B", "F", "TB"}, []string{"FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"}},
	{"k8s.io/klog", []string{""}, klogExits},
	{"k8s.io/klog/v2", []string{""}, klogExits},
	{"github.com/golang/glog", []string{""}, klogExits},
	{"go.uber.org/zap", []string{"Logger"}, []string{"Fatal", "Panic"}},
	{"go.uber.org/zap", []string{"SugaredLogger"}, []string{"Fatal", "Fatalf", "Fatalln", "Fatalw", "Panic", "Panicf", "Panicln", "Panicw"}},
	// logrus' Fatal functions end in Logger.Exit, which calls the logger's
	// ExitFunc (os.Exit unless a test replaced it).
	{"github.com/sirupsen/logrus", []string{"", "Logger"}, []string{"Exit", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"}},
	{"github.com/sirupsen/logrus", []string{"Entry"}, []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"}},
}

var klogExits = []string{"Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln"}

// known indexes table by "path recv name".
var known = func() map[string]bool {
	m := make(map[string]bool)
	for _, row := range table {
		for _, recv := range row.recvs {
			for _, name := range row.names {
				m[row.path+" "+recv+" "+name] = true
			}
		}
	}
	return m
}()

// Known reports whether fn is one of the functions or methods in the
// table: os.Exit, syscall.Exit, runtime.Goexit, the standard log's Fatal
// and Panic functions and Logger methods, testing's FailNow, Fatal and
// Skip families (on T, B, F and TB), and the Exit, Fatal and Panic
// functions of klog, glog, zap and logrus. It knows nothing of the
// package being checked; ask a Checker for that.
func Known(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		n := typesutil.NamedOf(r.Type())
		if n == nil {
			return false // a method of an unnamed type
		}
		recv = n.Obj().Name()
	}
	return known[fn.Pkg().Path()+" "+recv+" "+fn.Name()]
}

// FrameworkFatal reports whether fn is one of the Fatal functions of the
// framework's log package (Kratos v0.x pkg/log, go-common library/log,
// under opts' framework import prefixes): Fatal, Fatalc, Fatalv, Fatalw.
// Unlike the standard log.Fatal they log at fatal level and return, so
// the code after them runs; they are not in the table.
func FrameworkFatal(opts *rule.Options, fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return false
	}
	rel, ok := opts.FrameworkRel(fn.Pkg().Path())
	return ok && rel == "log" && strings.HasPrefix(fn.Name(), "Fatal")
}

// isPanic reports whether call calls the panic builtin.
func isPanic(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "panic"
}
