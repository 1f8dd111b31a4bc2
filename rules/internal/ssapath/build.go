package ssapath

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer builds the SSA form of a package's functions, as x/tools'
// buildssa does, for the rules that use this package.
//
// It exists because buildssa requires the ctrlflow pass, which computes
// "never returns" facts for every dependency and therefore needs every
// dependency's syntax and type information. gopitfalls loads dependencies
// from export data (no syntax: a tenth of the time and memory), and there
// ctrlflow dereferences the missing type information and crashes the
// whole driver. This analyzer has no facts, so drivers run it on the
// analysed packages only; the calls that never return are known to
// NoReturn instead.
//
// It builds nothing for a package with type errors (go/ssa requires
// well-typed input): the rules then report nothing there.
var Analyzer = &analysis.Analyzer{
	Name:             "gopitfalls_ssa",
	Doc:              "build SSA form for gopitfalls rules, without dependency facts",
	Run:              build,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*SSA](),
}

// SSA is the result of Analyzer.
type SSA struct {
	Pkg      *ssa.Package    // nil when the package does not type-check
	SrcFuncs []*ssa.Function // the source functions and their literals, in source order
}

func build(pass *analysis.Pass) (result any, err error) {
	if len(pass.TypeErrors) > 0 || pass.Pkg == nil || pass.TypesInfo == nil {
		return &SSA{}, nil
	}
	defer func() {
		if recover() != nil {
			// Incomplete type information from a broken dependency:
			// no SSA form, no findings, no crash.
			result, err = &SSA{}, nil
		}
	}()
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue // not a function
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue // no type information
			}
			if f := prog.FuncValue(obj); f != nil {
				addAnons(f)
			}
		}
	}
	return &SSA{Pkg: pkg, SrcFuncs: funcs}, nil
}
