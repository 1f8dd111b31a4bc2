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

// exitSrc marks statements with what inserting a jump after them (or
// before them, "before") does: "skips" a cleanup or is "ok". The jump is
// a return unless the comment says break or continue (of the innermost
// loop).
const exitSrc = `package p

import (
	"context"
	"os"
	"sync"
	"time"
)

type List struct {
	mu    sync.Mutex
	idles []any
	wg    sync.WaitGroup
}

type item struct{}

func (p *List) unlock() { p.mu.Unlock() }

// The shape of kratos pkg/container/pool (*List).Get.
func (p *List) get() {
	p.mu.Lock()
	for {
		e := p.idles[0]
		ic := e.(item) // return: skips
		_ = ic
		p.mu.Unlock()
		break
	}
}

// The shape of kratos (*List).staleCleaner: a goroutine's loop.
func (p *List) staleCleaner() {
	for range time.Tick(time.Second) {
		p.mu.Lock()
		for i := range p.idles {
			ic := p.idles[i].(item) // return: skips
			_ = ic
		}
		p.mu.Unlock()
	}
}

func deferred(p *List, v any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	x := v.(item) // return: ok
	_ = x
}

func lockedLater(p *List, v any) {
	x := v.(item) // return: ok
	p.mu.Lock()
	_ = x
	p.mu.Unlock()
}

func loopLocksAfter(p *List, vs []any) {
	for _, v := range vs {
		x := v.(item) // return: ok
		p.mu.Lock()
		_ = x
		p.mu.Unlock()
	}
}

// The caller holds the lock; the function releases it.
func releasesCallers(p *List, v any) {
	x := v.(item) // return: skips
	_ = x
	p.mu.Unlock()
}

func helperRelease(p *List, v any) {
	p.mu.Lock()
	x := v.(item) // return: skips
	_ = x
	p.unlock()
}

func handsOver(p *List, v any) {
	p.mu.Lock()
	x := v.(item) // return: skips
	_ = x
}

func cancels(ctx context.Context, v any) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	x := v.(item) // return: skips
	_ = x
	_ = ctx
	cancel()
}

func cancelDeferred(ctx context.Context, v any) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	x := v.(item) // return: ok
	_, _ = x, ctx
}

func cancelAfter(ctx context.Context, v any) {
	x := v.(item) // return: ok
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, _ = x, ctx
}

func done(p *List, vs []any) {
	for _, v := range vs {
		p.wg.Add(1)
		go func() {
			x := v.(item) // return: skips
			_ = x
			p.wg.Done()
		}()
		go func() {
			defer p.wg.Done()
			x := v.(item) // return: ok
			_ = x
		}()
	}
	p.wg.Wait()
}

func closes(name string, v any) error {
	f, err := os.Open(name)
	x := v.(item) // return: skips
	_ = x
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

func breaks(p *List, vs []any) {
	p.mu.Lock()
	for _, v := range vs {
		x := v.(item) // break: ok
		_ = x
	}
	p.mu.Unlock()
	for _, v := range vs {
		p.mu.Lock()
		x := v.(item) // break: skips
		_ = x
		p.mu.Unlock()
	}
	for _, v := range vs {
		p.mu.Lock()
		x := v.(item) // continue: skips
		_ = x
		p.mu.Unlock()
	}
	for _, v := range vs {
		x := v.(item) // continue: ok
		p.mu.Lock()
		_ = x
		p.mu.Unlock()
	}
}

func tryLock(p *List, v any) {
	if !p.mu.TryLock() {
		return
	}
	x := v.(item) // return: skips
	_ = x
	p.mu.Unlock()
}

func afterLoop(p *List, vs []any) {
	p.mu.Lock()
	for range vs { // after return: skips
	}
	p.mu.Unlock()
	for range vs { // after return: ok
	}
}

func before(p *List, v any) {
	p.mu.Lock()
	p.idles = nil
	if v == nil { // before return: skips
		p.mu.Unlock()
	}
}
`

func TestSkipsCleanup(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", exitSrc, parser.ParseComments)
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
	b := syncflow.NewBuilder(info, []*ast.File{f})
	n := 0
	check := func(x ast.Stmt, fn ast.Node, loop ast.Stmt) {
		want := comment(fset, f, x.Pos())
		kind, verdict, ok := strings.Cut(want, ": ")
		if !ok || fset.Position(x.Pos()).Line != fset.Position(x.End()).Line && !strings.Contains(kind, " ") {
			return // not marked
		}
		after := true
		if k, ok := strings.CutPrefix(kind, "before "); ok {
			kind, after = k, false
		}
		kind = strings.TrimPrefix(kind, "after ")
		jump := syncflow.Return
		switch kind {
		case "break":
			jump = syncflow.Break(loop)
		case "continue":
			jump = syncflow.Continue(loop)
		}
		n++
		got := b.SkipsCleanup(fn, x, after, jump)
		if got != (verdict == "skips") {
			t.Errorf("line %d: %s: SkipsCleanup = %v, want %s", fset.Position(x.Pos()).Line, kind, got, verdict)
		}
	}
	// Visit each marked statement with its innermost function and loop.
	var visit func(n ast.Node, fn ast.Node, loop ast.Stmt)
	visit = func(node ast.Node, fn ast.Node, loop ast.Stmt) {
		ast.Inspect(node, func(x ast.Node) bool {
			if x == node {
				return true
			}
			switch x := x.(type) {
			case *ast.FuncDecl:
				visit(x, x, nil)
				return false
			case *ast.FuncLit:
				visit(x, x, nil)
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				check(x.(ast.Stmt), fn, loop)
				visit(x, fn, x.(ast.Stmt))
				return false
			case *ast.BlockStmt:
				return true
			case ast.Stmt:
				check(x, fn, loop)
			}
			return true
		})
	}
	visit(f, nil, nil)
	if n < 20 {
		t.Errorf("checked %d marked statements; the test source has more", n)
	}
}

// TestReleases checks which runs of statements release what they did
// not acquire: the statements that a use-before-err-check fix must not
// move below a return.
func TestReleases(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", exitSrc, parser.ParseComments)
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
	b := syncflow.NewBuilder(info, []*ast.File{f})
	for _, tc := range []struct {
		fn       string
		from, to int // statement indexes in the body, to exclusive
		want     bool
	}{
		{"releasesCallers", 1, 3, true}, // _ = x; p.mu.Unlock()
		{"lockedLater", 1, 4, false},    // p.mu.Lock(); _ = x; p.mu.Unlock()
		{"helperRelease", 2, 4, true},   // _ = x; p.unlock()
		{"cancels", 2, 5, true},         // …; cancel()
		{"cancelAfter", 1, 3, false},    // declares its own cancel and defers it
		{"closes", 2, 6, false},         // defer f.Close() belongs below an err check
		{"deferred", 2, 4, false},       // the lock is released by the defer above
	} {
		fn := funcNamed(f, tc.fn)
		stmts := fn.Body.List[tc.from:tc.to]
		if got := b.Releases(fn, stmts); got != tc.want {
			t.Errorf("%s: Releases(statements %d-%d) = %v, want %v", tc.fn, tc.from, tc.to-1, got, tc.want)
		}
	}
}
