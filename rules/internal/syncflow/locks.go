package syncflow

import (
	"fmt"
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
)

// An Op is what a call does to a lock.
type Op uint8

// The lock operations. The Helper ops are calls of functions and methods
// that are not sync's but whose names say they take or release a lock
// (s.lock(), c.lockShard(k), s.unlock(), release := func(){…}; release()
// is not one: its name does not say so).
const (
	NoOp Op = iota
	Lock
	RLock
	Unlock
	RUnlock
	TryLock
	TryRLock
	HelperLock
	HelperRLock
	HelperUnlock
)

// IsAcquire reports whether op takes a lock unconditionally.
func (op Op) IsAcquire() bool { return op == Lock || op == RLock }

// IsRelease reports whether op releases a lock.
func (op Op) IsRelease() bool { return op == Unlock || op == RUnlock || op == HelperUnlock }

// Releases reports whether the release op undoes the acquire op acq on
// the same mutex.
func (op Op) Releases(acq Op) bool {
	switch op {
	case Unlock:
		return acq == Lock || acq == TryLock
	case RUnlock:
		return acq == RLock || acq == TryRLock
	case HelperUnlock:
		return true
	}
	return false
}

// Release returns the method that releases what op acquired.
func (op Op) Release() string {
	if op == RLock || op == TryRLock {
		return "RUnlock"
	}
	return "Unlock"
}

// A LockCall is a call that takes or releases a lock.
type LockCall struct {
	Op    Op
	Key   string // the mutex's path (see PathKey); "" when it has none
	Root  types.Object
	Mutex ast.Expr // the receiver as written: s.mu, or s for an embedded mutex
	Type  string   // "sync.Mutex", "sync.RWMutex" or "sync.Locker"; "" for helpers
	Call  *ast.CallExpr
}

// Name returns the method name of a sync lock operation.
func (c LockCall) Name() string {
	if sel, ok := ast.Unparen(c.Call.Fun).(*ast.SelectorExpr); ok {
		return sel.Sel.Name
	}
	return ""
}

// ClassifyLock returns what call does to a lock, if anything.
func ClassifyLock(info *types.Info, call *ast.CallExpr) (LockCall, bool) {
	lc := LockCall{Call: call}
	fun := ast.Unparen(call.Fun)
	sel, _ := fun.(*ast.SelectorExpr)
	fn := typesutil.Callee(info, call)
	if fn != nil && sel != nil && fn.Pkg() != nil && fn.Pkg().Path() == "sync" && fn.Signature().Recv() != nil {
		recv := fn.Signature().Recv().Type()
		switch {
		case typesutil.IsNamed(recv, "sync", "Mutex"):
			lc.Type = "sync.Mutex"
		case typesutil.IsNamed(recv, "sync", "RWMutex"):
			lc.Type = "sync.RWMutex"
		case typesutil.IsNamed(recv, "sync", "Locker"):
			lc.Type = "sync.Locker"
		default:
			return lc, false // WaitGroup, Once, Cond, Map…
		}
		switch fn.Name() {
		case "Lock":
			lc.Op = Lock
		case "RLock":
			lc.Op = RLock
		case "Unlock":
			lc.Op = Unlock
		case "RUnlock":
			lc.Op = RUnlock
		case "TryLock":
			lc.Op = TryLock
		case "TryRLock":
			lc.Op = TryRLock
		default:
			return lc, false // RLocker
		}
		lc.Mutex = sel.X
		if key, root, ok := PathKey(info, sel.X); ok {
			lc.Key, lc.Root = key, root
			// An embedded mutex: s.Lock() locks s.Mutex.
			if s, ok := info.Selections[sel]; ok && len(s.Index()) > 1 {
				lc.Key += indexKey(s.Index()[:len(s.Index())-1])
			}
		}
		return lc, true
	}
	// A helper whose name says what it does.
	var name string
	switch f := fun.(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
		lc.Mutex = f.X
		// A method: it acts on what its receiver holds.
		if s, ok := info.Selections[f]; ok && s.Kind() == types.MethodVal {
			if key, root, ok := PathKey(info, f.X); ok {
				lc.Key, lc.Root = key, root
			}
		}
	default:
		return lc, false
	}
	if lc.Op = helperOp(name); lc.Op == NoOp {
		return lc, false
	}
	return lc, true
}

// helperOp returns the op a function named name performs, judging by its
// name alone.
func helperOp(name string) Op {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, "locked"):
		return NoOp // closeLocked, closeUnlocked: the caller's lock state, not an operation
	case strings.Contains(lower, "unlock"):
		return HelperUnlock
	case strings.HasPrefix(lower, "try"):
		return NoOp // conditional: nothing is certain after it
	case strings.HasPrefix(lower, "rlock") || strings.HasSuffix(name, "RLock"):
		return HelperRLock
	case strings.HasPrefix(lower, "locked") || strings.HasPrefix(lower, "locker"):
		return NoOp // a query or an accessor
	case strings.HasPrefix(lower, "lock") || strings.HasSuffix(name, "Lock"):
		return HelperLock
	}
	return NoOp
}

// PathKey returns a key that two expressions share when they denote the
// same variable, or the same field path of the same variable (x, x.f,
// x.f.g, (*p).f ≡ p.f, &x.f ≡ x.f), and the variable at its root.
// Expressions with an index, a call or anything else in the path have no
// key: they need not denote the same thing each time.
func PathKey(info *types.Info, e ast.Expr) (string, types.Object, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj, ok := info.ObjectOf(e).(*types.Var)
		if !ok || obj == nil {
			return "", nil, false
		}
		return fmt.Sprintf("v%p", obj), obj, true
	case *ast.SelectorExpr:
		if s, ok := info.Selections[e]; ok {
			if s.Kind() != types.FieldVal {
				return "", nil, false // a method value
			}
			key, root, ok := PathKey(info, e.X)
			if !ok {
				return "", nil, false
			}
			return key + indexKey(s.Index()), root, true
		}
		// A qualified identifier: pkg.Var.
		obj, ok := info.Uses[e.Sel].(*types.Var)
		if !ok || obj == nil {
			return "", nil, false
		}
		return fmt.Sprintf("v%p", obj), obj, true
	case *ast.StarExpr:
		return PathKey(info, e.X)
	case *ast.UnaryExpr:
		if e.Op.String() == "&" {
			return PathKey(info, e.X)
		}
	}
	return "", nil, false
}

func indexKey(index []int) string {
	var b strings.Builder
	for _, i := range index {
		fmt.Fprintf(&b, ".%d", i)
	}
	return b.String()
}

// Calls returns the calls evaluated by node n in the order they complete
// (arguments before the call they are passed to), not looking into
// function literals.
func Calls(n ast.Node) []*ast.CallExpr {
	var calls []*ast.CallExpr
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			calls = append(calls, x)
		}
		return true
	})
	sort.SliceStable(calls, func(i, j int) bool { return calls[i].End() < calls[j].End() })
	return calls
}

// FuncLitsIn returns the function literals directly in n: not those
// nested in another literal.
func FuncLitsIn(n ast.Node) []*ast.FuncLit {
	var lits []*ast.FuncLit
	ast.Inspect(n, func(x ast.Node) bool {
		if lit, ok := x.(*ast.FuncLit); ok {
			lits = append(lits, lit)
			return false
		}
		return true
	})
	return lits
}

// Covers reports whether the release rel may release the lock of the
// mutex with key: a release of that mutex (with a matching op, for acq),
// a release of a mutex with no path (s.shards[i].mu.Unlock()), or a
// helper called on the mutex, its owner or something above them
// (s.unlock() for s.mu), or on nothing (unlock()).
func Covers(rel LockCall, key string, acq Op) bool {
	switch {
	case rel.Op == HelperUnlock:
		return rel.Key == "" || key == rel.Key || strings.HasPrefix(key, rel.Key+".")
	case !rel.Op.IsRelease():
		return false
	case rel.Key == "":
		return true
	}
	return rel.Key == key && rel.Op.Releases(acq)
}
