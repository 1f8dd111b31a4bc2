package ssaflow

import (
	"go/types"
	"slices"
	"sync"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"
)

// A Result is the Analyzer's result: the SSA form of the package (nil
// SSA for an ill-typed package) and the program it was built in.
//
// Creating the SSA packages of a package's imports (every function and
// method of net/http, of the framework, …) costs as much as a quarter
// of an edit's allocations in the language server, which analyses the
// same package, with the same imported types.Packages, on every
// keystroke. A driver that knows when every rule of a package is done
// with its SSA (the language server's, see driver.Unit.Reuse) calls
// Release then: the program, its imports already created, goes back to a
// small pool and the next package with the very same imports is built in
// it. go/ssa cannot remove a package from a program, so a program holds
// the packages built in it until it is dropped: it serves at most
// maxUses packages, and at most maxIdle programs wait in the pool.
//
// A package built in a reused program has the same SSA form as in a
// fresh one: the imports' members are created from the same
// types.Packages in the same way, the packages built before it are
// neither imported by it nor importable (they are keyed by their own
// types.Package, from another type-check), and the program's file set
// and never-returns predicate are the current package's. Drivers that do
// not call Release (go vet, check) get a fresh program for every package.
type Result struct {
	SSA   *buildssa.SSA
	lease *lease

	// For a form built for a Focus (see Analyzer): the functions built
	// without their bodies, and the pass and focus, to build the forms
	// that rules ask for from; each is built once.
	stripped  map[*types.Func]bool
	pass      *analysis.Pass
	focus     *rule.Focus
	mem       *memory // the focus's
	wholeOnce sync.Once
	whole     *Result
	vars      map[*types.Var]bool // whose setters it has
	mu        sync.Mutex
	forms     map[string]*Result // with what rules asked for (more), by request.key
}

// wholeForm returns the SSA form of the whole package: r, or the one
// built on r's first call.
func (r *Result) wholeForm() *Result {
	if r.stripped == nil {
		return r
	}
	r.wholeOnce.Do(func() {
		r.mem.neededWhole()
		r.whole = build(r.pass, nil, request{})
	})
	return r.whole
}

// more returns r's form with what q asks for too (see request), built
// on the first call for the same request; the whole form when q asks for
// more than maxAsked things.
func (r *Result) more(q request) *Result {
	if q.size() > maxAsked {
		return r.wholeForm()
	}
	key := q.key()
	r.mu.Lock()
	defer r.mu.Unlock()
	if m, ok := r.forms[key]; ok {
		return m
	}
	r.mem.add(namesOf(r.pass, q)) // the focus's later analyses ask for it from the start
	m := build(r.pass, r.focus, q)
	if r.forms == nil {
		r.forms = make(map[string]*Result)
	}
	r.forms[key] = m
	return m
}

// Release gives the program back for reuse, and those of the other forms
// built. The caller must be done with the SSA form: no rule of the
// package may still be running.
func (r *Result) Release() {
	if r.lease != nil {
		r.lease.release()
		r.lease = nil
	}
	if r.whole != nil {
		r.whole.Release()
	}
	for _, m := range r.forms {
		m.Release()
	}
}

const (
	maxUses = 4 // packages built in one program before it is dropped
	maxIdle = 2 // programs waiting for reuse
)

// A lease is a program whose imports are created, used by one package
// at a time.
type lease struct {
	imports []*types.Package // as types.Package.Imports lists them
	prog    *ssa.Program
	uses    int
}

var pool struct {
	sync.Mutex
	idle []*lease // the most recently released last
}

// acquire returns a program with the packages of imports created: a
// released one with the same imports, else a new one.
func acquire(imports []*types.Package) *lease {
	pool.Lock()
	for i, l := range pool.idle {
		if slices.Equal(l.imports, imports) {
			pool.idle = slices.Delete(pool.idle, i, i+1)
			pool.Unlock()
			l.uses++
			return l
		}
	}
	pool.Unlock()
	prog := ssa.NewProgram(nil, ssa.BuilderMode(0))
	for _, p := range imports {
		prog.CreatePackage(p, nil, nil, true)
	}
	return &lease{imports: slices.Clone(imports), prog: prog, uses: 1}
}

// release puts l back in the pool, unless it has served its uses; the
// oldest idle program makes room.
func (l *lease) release() {
	if l.uses >= maxUses {
		return
	}
	pool.Lock()
	defer pool.Unlock()
	pool.idle = append(pool.idle, l)
	if n := len(pool.idle) - maxIdle; n > 0 {
		clear(pool.idle[:n])
		pool.idle = slices.Delete(pool.idle, 0, n)
	}
}
