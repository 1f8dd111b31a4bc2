package driver

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"log/slog"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// A Unit is one parsed and type-checked package, however it was built:
// the language server makes Units from unsaved buffers and export data.
// Its syntax and types may be partial (parse or type errors).
type Unit struct {
	ID           string // for logs
	Fset         *token.FileSet
	Files        []*ast.File
	OtherFiles   []string
	IgnoredFiles []string
	Pkg          *types.Package
	Info         *types.Info
	Sizes        types.Sizes
	TypeErrors   []types.Error
	Module       *analysis.Module
	// ModuleDir is the root directory of the module ("" for none), where
	// //line directives may send findings (Finding.Posn).
	ModuleDir string
	// HasErrors reports parse or type errors: analyzers that do not run
	// despite errors (RunDespiteErrors) are skipped, with their dependents,
	// as the go/analysis checker does.
	HasErrors bool
	// ReadFile returns the contents of a file as the editor has it, so
	// that rules reading text (fixutil.Content) see unsaved buffers.
	ReadFile func(filename string) ([]byte, error)
	// Facts holds the facts of the packages analysed before this one and
	// receives this one's. Nil: rules see no facts of other packages.
	Facts *Facts
	// Reuse says that the package is likely to be analysed again soon
	// with the same dependencies (the language server's open packages,
	// on every edit): when every rule is done, Run calls the Release
	// method of the results that have one, so that what they built for
	// the dependencies (ssaflow's program) serves the next analysis.
	Reuse bool
	// Focus is the part of the package whose findings will be shown,
	// which rule.FocusAnalyzer gives the rules (nil: all of it), and
	// whether anybody reads its facts: those nobody reads stay in the
	// passes, out of Facts (Input.FactsReadOnly).
	Focus *rule.Focus
	// inspector, if set, is the result of inspect.Analyzer for Files,
	// made while the package was type-checked (Build).
	inspector *inspector.Inspector
}

// Run runs the selected rules on one package: each Analyzer, and each
// Analyzer it requires, once, after what it requires, with independent
// Analyzers running in parallel (GOMAXPROCS at a time). Facts of other
// packages come from u.Facts, which also receives this package's. A rule
// that fails or panics is logged and recorded in Result.Errors; the other
// rules' findings are returned all the same. Run stops early, returning
// ctx.Err(), when ctx is cancelled.
func Run(ctx context.Context, u *Unit, sel *Selection, log *slog.Logger) (*Result, error) {
	analyzers, byAnalyzer, sevs, err := sel.analyzers()
	if err != nil {
		return nil, err
	}
	res := &Result{}
	r := &runner{ctx: ctx, unit: u, done: make(map[*analysis.Analyzer]*action), sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
	var wg sync.WaitGroup
	for _, a := range analyzers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.run(a)
		}()
	}
	wg.Wait()
	if u.Reuse {
		r.release()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	seen := make(map[string]bool)
	for _, a := range analyzers {
		act := r.run(a) // done: the wait above
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rl := byAnalyzer[a]
		if act.err != nil {
			res.addError(log, rl, u.ID, u.Pkg.Path(), act.err)
			continue
		}
		out, _ := act.result.(*rule.Result)
		res.addFindings(log, rl, sevs[rl], u, act.diags, out, seen)
		for _, s := range out.GaveUp() {
			log.Debug("rule gave up", "rule", rl.ID, "package", u.ID, "at", s.Pos.String(), "reason", s.Why)
		}
	}
	SortFindings(res.Findings)
	return res, nil
}

type runner struct {
	ctx  context.Context
	unit *Unit
	sem  chan struct{} // bounds the passes running at once

	mu   sync.Mutex
	done map[*analysis.Analyzer]*action
}

// An action is the outcome of one Analyzer on the unit.
type action struct {
	once   sync.Once
	result any
	err    error
	diags  []analysis.Diagnostic
}

// release calls the Release method of the results that have one: every
// pass is done with them.
func (r *runner) release() {
	for _, act := range r.done {
		if rel, ok := act.result.(interface{ Release() }); ok {
			rel.Release()
		}
	}
}

var errCancelled = errors.New("cancelled")

// run runs a and its prerequisites, once each; a caller that finds a
// running waits for it.
func (r *runner) run(a *analysis.Analyzer) *action {
	r.mu.Lock()
	act, ok := r.done[a]
	if !ok {
		act = &action{}
		r.done[a] = act
	}
	r.mu.Unlock()
	act.once.Do(func() { r.exec(a, act) })
	return act
}

// exec runs a's prerequisites, then a, recording the outcome in act.
func (r *runner) exec(a *analysis.Analyzer, act *action) {
	if r.ctx.Err() != nil {
		act.err = errCancelled
		return
	}
	u := r.unit
	switch {
	case a == rule.FocusAnalyzer:
		act.result = u.Focus // the driver's to say, not the analyzer's
		return
	case a == inspect.Analyzer && u.inspector != nil:
		act.result = u.inspector // made beside the type-check (Build)
		return
	}
	resultOf := make(map[*analysis.Analyzer]any, len(a.Requires))
	var failed []string
	for _, req := range a.Requires {
		dep := r.run(req)
		if dep.err != nil {
			failed = append(failed, req.Name)
			continue
		}
		resultOf[req] = dep.result
	}
	switch {
	case len(failed) > 0:
		act.err = fmt.Errorf("failed prerequisites: %v", failed)
		return
	case u.HasErrors && !a.RunDespiteErrors:
		act.err = fmt.Errorf("analysis skipped due to errors in package")
		return
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         u.Fset,
		Files:        u.Files,
		OtherFiles:   u.OtherFiles,
		IgnoredFiles: u.IgnoredFiles,
		Pkg:          u.Pkg,
		TypesInfo:    u.Info,
		TypesSizes:   u.Sizes,
		TypeErrors:   u.TypeErrors,
		Module:       u.Module,
		ResultOf:     resultOf,
		Report:       func(d analysis.Diagnostic) { act.diags = append(act.diags, d) },
		ReadFile:     u.ReadFile,
	}
	bind(pass, u.Facts, !u.Focus.Facts())
	r.sem <- struct{}{} // not held while waiting for prerequisites
	// Profiles (gopitfalls serve -cpuprofile) attribute samples by rule.
	pprof.Do(r.ctx, pprof.Labels("rule", a.Name), func(context.Context) {
		act.result, act.err = runPass(a, pass)
	})
	<-r.sem
	if act.err == nil && a.ResultType != nil && act.result != nil {
		if got := reflect.TypeOf(act.result); got != a.ResultType {
			act.err = fmt.Errorf("internal error: analyzer %s returned a %v, want %v", a.Name, got, a.ResultType)
		}
	}
}

// runPass runs a on pass, turning a panic of an analyzer that is not a
// rule (rules recover their own, as rule.PanicError) into an error.
func runPass(a *analysis.Analyzer, pass *analysis.Pass) (res any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("analyzer %s panicked: %v\n%s", a.Name, p, debug.Stack())
		}
	}()
	return a.Run(pass)
}
