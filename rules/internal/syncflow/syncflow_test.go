package syncflow_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
)

const src = `package p

import (
	"os"
	"sync"
)

type T struct {
	mu sync.Mutex
	sync.RWMutex
	m map[string]int
}

func (t *T) lock()         {}
func (t *T) unlockAll()    {}
func (t *T) closeLocked()  {}
func (t *T) Block()        {}
func (t *T) lockShard(int) {}
func (t *T) rlock()        {}
func (t *T) tryLock() bool { return true }
func (t *T) locked() bool  { return true }

func calls(t *T, p *T, shards []T) {
	t.mu.Lock()     // Lock t.mu
	t.mu.Unlock()   // Unlock t.mu
	(*p).mu.Lock()  // Lock p.mu
	p.mu.Unlock()   // Unlock p.mu
	t.Lock()        // Lock t.RWMutex
	t.RWMutex.Unlock() // Unlock t.RWMutex
	t.RLock()       // RLock t.RWMutex
	shards[0].mu.Lock() // Lock -
	t.lock()        // HelperLock t
	t.unlockAll()   // HelperUnlock t
	t.closeLocked() // none
	t.Block()       // none
	t.lockShard(1)  // HelperLock t
	t.rlock()       // HelperRLock t
	t.tryLock()     // none
	t.locked()      // none
}

func held(t *T, c bool) {
	t.mu.Lock()
	if c {
		t.mu.Unlock()
	}
	t.m["a"] = 1 // held: none
	t.mu.Lock()
	defer t.mu.Unlock()
	t.m["b"] = 2 // held: t.mu
	if t.RWMutex.TryLock() {
		t.m["c"] = 3 // held: t.mu t.RWMutex
		t.RWMutex.Unlock()
	}
	t.RLock()
	t.m["d"] = 4 // held: t.mu r
}

func exits(c bool) int {
	if c {
		os.Exit(1)
	}
	fail()
	return 1
}

func fail() { panic("no") }
`

func load(t *testing.T) (*token.FileSet, *ast.File, *types.Info) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	return fset, f, info
}

func funcNamed(f *ast.File, name string) *ast.FuncDecl {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == name {
			return fd
		}
	}
	return nil
}

// comment returns the trailing comment of the line of pos.
func comment(fset *token.FileSet, f *ast.File, pos token.Pos) string {
	line := fset.Position(pos).Line
	for _, cg := range f.Comments {
		if fset.Position(cg.Pos()).Line == line {
			return strings.TrimSpace(strings.TrimPrefix(cg.List[0].Text, "//"))
		}
	}
	return ""
}

var opNames = map[syncflow.Op]string{
	syncflow.Lock: "Lock", syncflow.RLock: "RLock", syncflow.Unlock: "Unlock", syncflow.RUnlock: "RUnlock",
	syncflow.HelperLock: "HelperLock", syncflow.HelperRLock: "HelperRLock", syncflow.HelperUnlock: "HelperUnlock",
}

func TestClassifyLock(t *testing.T) {
	fset, f, info := load(t)
	keys := map[string]string{} // spelling of the mutex in the comment → key
	for _, st := range funcNamed(f, "calls").Body.List {
		call := st.(*ast.ExprStmt).X.(*ast.CallExpr)
		want := strings.Fields(comment(fset, f, call.Pos()))
		lc, ok := syncflow.ClassifyLock(info, call)
		got := "none"
		if ok {
			got = opNames[lc.Op]
		}
		if got != want[0] {
			t.Errorf("%s: op %s, want %s", types.ExprString(call), got, want[0])
			continue
		}
		if !ok {
			continue
		}
		if want[1] == "-" {
			if lc.Key != "" {
				t.Errorf("%s: key %q, want none", types.ExprString(call), lc.Key)
			}
			continue
		}
		if k, seen := keys[want[1]]; seen && k != lc.Key {
			t.Errorf("%s: key %q differs from the key of another %s, %q", types.ExprString(call), lc.Key, want[1], k)
		}
		keys[want[1]] = lc.Key
	}
	if keys["t.mu"] == keys["p.mu"] || keys["t.mu"] == keys["t.RWMutex"] {
		t.Errorf("distinct mutexes share a key: %v", keys)
	}
	if !strings.HasPrefix(keys["t.mu"], keys["t"]+".") {
		t.Errorf("the key of t.mu (%q) does not extend the key of t (%q)", keys["t.mu"], keys["t"])
	}
}

func TestCovers(t *testing.T) {
	for _, tc := range []struct {
		rel  syncflow.LockCall
		key  string
		acq  syncflow.Op
		want bool
	}{
		{syncflow.LockCall{Op: syncflow.Unlock, Key: "v1.0"}, "v1.0", syncflow.Lock, true},
		{syncflow.LockCall{Op: syncflow.RUnlock, Key: "v1.0"}, "v1.0", syncflow.Lock, false},
		{syncflow.LockCall{Op: syncflow.Unlock, Key: "v1.1"}, "v1.0", syncflow.Lock, false},
		{syncflow.LockCall{Op: syncflow.Unlock}, "v1.0", syncflow.Lock, true}, // shards[i].mu.Unlock()
		{syncflow.LockCall{Op: syncflow.HelperUnlock, Key: "v1"}, "v1.0", syncflow.Lock, true},
		{syncflow.LockCall{Op: syncflow.HelperUnlock, Key: "v2"}, "v1.0", syncflow.Lock, false},
		{syncflow.LockCall{Op: syncflow.HelperUnlock, Key: "v1"}, "v12.0", syncflow.Lock, false},
		{syncflow.LockCall{Op: syncflow.HelperUnlock}, "v1.0", syncflow.RLock, true},
		{syncflow.LockCall{Op: syncflow.Lock, Key: "v1.0"}, "v1.0", syncflow.Lock, false},
	} {
		if got := syncflow.Covers(tc.rel, tc.key, tc.acq); got != tc.want {
			t.Errorf("Covers(%+v, %q) = %v, want %v", tc.rel, tc.key, got, tc.want)
		}
	}
}

func TestHeld(t *testing.T) {
	fset, f, info := load(t)
	b := syncflow.NewBuilder(info, []*ast.File{f})
	fn := funcNamed(f, "held")
	h := syncflow.NewHeld(b.Graph(fn), info)
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		want := strings.TrimPrefix(comment(fset, f, as.Pos()), "held: ")
		s, ok := h.At(as)
		if !ok {
			t.Errorf("line %d: no state", fset.Position(as.Pos()).Line)
			return false
		}
		got := "none"
		if len(s) > 0 {
			var parts []string
			if s.Write() {
				parts = append(parts, "w")
			}
			if s.Read() {
				parts = append(parts, "r")
			}
			got = strings.Join(parts, "")
		}
		wantKind := map[string]string{"none": "none", "t.mu": "w", "t.mu t.RWMutex": "w", "t.mu r": "wr"}[want]
		if got != wantKind || want == "t.mu t.RWMutex" && len(s) != 2 {
			t.Errorf("line %d: held %v (%s), want %s", fset.Position(as.Pos()).Line, s, got, want)
		}
		return false
	})
}

func TestNoReturn(t *testing.T) {
	_, f, info := load(t)
	b := syncflow.NewBuilder(info, []*ast.File{f})
	g := b.Graph(funcNamed(f, "exits"))
	returns := 0
	g.Nodes(func(n ast.Node, _ syncflow.Loc) {
		if _, ok := n.(*ast.ReturnStmt); ok {
			returns++
		}
	})
	if returns != 0 {
		t.Errorf("exits: %d reachable returns after fail(), which always panics; want 0", returns)
	}
}
